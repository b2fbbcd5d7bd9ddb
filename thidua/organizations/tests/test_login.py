import pytest

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_a_person_signs_in_and_out(world, client):
    response = login(client, "officer_a", PASSWORD)
    assert response.status_code == 302
    assert client.get("/").context["user"].username == "officer_a"
    client.post("/accounts/logout/")
    assert not client.get("/").context["user"].is_authenticated


def test_a_wrong_password_gets_a_vietnamese_message(world, client):
    response = login(client, "officer_a", "wrong")
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_block_the_username_even_with_the_right_password(world, client, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        login(client, "officer_a", "wrong")
    response = login(client, "officer_a", PASSWORD)
    assert response.status_code == 200
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another person is not affected.
    assert login(client, "head_a", PASSWORD).status_code == 302


def test_a_success_clears_earlier_failures(world, client, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    login(client, "officer_a", "wrong")
    login(client, "officer_a", "wrong")
    assert login(client, "officer_a", PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    login(client, "officer_a", "wrong")
    login(client, "officer_a", "wrong")
    assert login(client, "officer_a", PASSWORD).status_code == 302


def test_password_change_requires_the_old_password(world, client_as):
    client = client_as("officer_a")
    response = client.post(
        "/accounts/password/",
        {"old_password": "nope", "new_password1": "Mat-khau-moi-2024", "new_password2": "Mat-khau-moi-2024"},
    )
    assert response.status_code == 200
    world.user("officer_a").refresh_from_db()
    assert world.user("officer_a").check_password(PASSWORD)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Mat-khau-moi-2024",
            "new_password2": "Mat-khau-moi-2024",
        },
    )
    assert response.status_code == 302
    world.user("officer_a").refresh_from_db()
    assert world.user("officer_a").check_password("Mat-khau-moi-2024")


def test_logout_by_get_is_refused(world, client_as):
    assert client_as("officer_a").get("/accounts/logout/").status_code == 405
