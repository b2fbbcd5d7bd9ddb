import pytest
from django.test import Client

from conftest import PASSWORD
from thidua.core.models import FailedLogin

pytestmark = pytest.mark.django_db

ADDRESS_A, ADDRESS_B = "203.0.113.7", "198.51.100.20"


def login(client, username, password, address="127.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


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


def test_wrong_passwords_from_one_address_do_not_lock_the_real_person_out_elsewhere(world, client):
    for _ in range(5):
        assert login(client, "district_officer", "wrong", ADDRESS_A).status_code == 200
    # The stranger at address A is refused even with the right password...
    refused = login(client, "district_officer", PASSWORD, ADDRESS_A)
    assert "Đăng nhập sai quá nhiều lần" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # ...while the district officer, at the office (address B), signs in.
    office = Client()
    assert login(office, "district_officer", PASSWORD, ADDRESS_B).status_code == 302
    assert office.session["_auth_user_id"] == str(world.user("district_officer").pk)
    # Signing in at B does not forgive A: the stranger is still refused there.
    assert FailedLogin.objects.count() == 5
    refused_again = login(Client(), "district_officer", PASSWORD, ADDRESS_A)
    assert "Đăng nhập sai quá nhiều lần" in refused_again.content.decode()


def test_one_address_trying_many_usernames_is_cut_off(world, client, settings):
    settings.LOGIN_FAILURE_CLIENT_LIMIT = 20
    answers = [login(client, f"guess{n}", "wrong", ADDRESS_A).content.decode() for n in range(50)]
    throttled = [n for n, body in enumerate(answers) if "Đăng nhập sai quá nhiều lần" in body]
    # 20 guesses are judged; every later one is refused before any password is checked, and not even counted.
    assert throttled == list(range(20, 50))
    assert FailedLogin.objects.count() == 20
    assert "Đăng nhập sai quá nhiều lần" in login(client, "officer_a", PASSWORD, ADDRESS_A).content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is unaffected.
    assert login(client, "officer_a", PASSWORD, ADDRESS_B).status_code == 302


def test_a_success_clears_earlier_failures(world, client, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    login(client, "officer_a", "wrong")
    login(client, "officer_a", "wrong")
    assert login(client, "officer_a", PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    login(client, "officer_a", "wrong")
    login(client, "officer_a", "wrong")
    assert login(client, "officer_a", PASSWORD).status_code == 302


def test_an_empty_password_does_not_clear_the_failures(world, client, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(2):
        login(client, "officer_a", "wrong")
    assert login(client, "officer_a", "").status_code == 200
    assert FailedLogin.objects.count() == 2
    login(client, "officer_a", "wrong")
    refused = login(client, "officer_a", PASSWORD)
    assert "Đăng nhập sai quá nhiều lần" in refused.content.decode()
    assert "_auth_user_id" not in client.session


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
