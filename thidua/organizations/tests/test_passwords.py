"""Passwords an officer chooses for someone else pass the validators and must be replaced at first sign-in."""

import pytest
from django.test import Client

from conftest import PASSWORD, PERSONAS
from thidua.core.models import AuditEntry
from thidua.organizations import services
from thidua.organizations.models import Membership, User

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Mat-khau-rieng-cua-toi-2025"
INITIAL_PASSWORD = "mot-mat-khau-dai"


def state():
    return (User.objects.count(), Membership.objects.count(), AuditEntry.objects.count())


def create_person(client, world, password=INITIAL_PASSWORD, username="canbo3"):
    return client.post(
        "/people/",
        {
            "username": username,
            "full_name": "Nguyễn Văn Ba",
            "password": password,
            "unit": world.unit_b.pk,
            "role": "unit_officer",
        },
    )


def signed_in(username, password=INITIAL_PASSWORD):
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": password})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("12345678", "Mật khẩu này quá phổ biến."),
        ("48201937", "Mật khẩu này hoàn toàn là số."),
        ("ngan", "Mật khẩu này quá ngắn"),
        ("canbo3123", "Mật khẩu quá giống"),
    ],
)
def test_a_weak_initial_password_is_refused_with_a_vietnamese_message(world, client_as, password, message):
    before = state()
    response = create_person(client_as("district_officer"), world, password=password)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert state() == before
    assert not User.objects.filter(username="canbo3").exists()


def test_an_account_created_by_an_officer_must_change_its_password(world, client_as):
    assert create_person(client_as("district_officer"), world).status_code == 302
    assert User.objects.get(username="canbo3").must_change_password


def test_the_people_service_refuses_a_common_password_too(world):
    before = state()
    with pytest.raises(services.ValidationError) as error:
        services.person_create(
            actor=world.user("district_officer"),
            username="canbo4",
            password="12345678",
            full_name="Bốn",
            unit=world.unit_a,
            role="unit_officer",
        )
    assert "password" in error.value.message_dict
    assert state() == before


@pytest.mark.parametrize("path", ["/", "/units/", "/accounts/profile/", "/audit/", "/admin/"])
def test_a_flagged_person_is_sent_to_the_password_change_from_every_page(world, client_as, path):
    create_person(client_as("district_officer"), world)
    response = signed_in("canbo3").get(path)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/"


def test_a_flagged_person_may_open_the_password_page_and_sign_out(world, client_as):
    create_person(client_as("district_officer"), world)
    client = signed_in("canbo3")
    page = client.get("/accounts/password/")
    assert page.status_code == 200
    assert "Mật khẩu hiện tại của bạn do cán bộ đặt." in page.content.decode()
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_api_refuses_a_flagged_persons_session_with_a_message(world, client_as):
    create_person(client_as("district_officer"), world)
    client = signed_in("canbo3")
    response = client.get("/api/units")
    assert response.status_code == 403
    assert response.json()["detail"] == "Hãy đổi mật khẩu trên giao diện web trước khi dùng API."
    User.objects.filter(username="canbo3").update(must_change_password=False)
    assert client.get("/api/units").status_code == 200


def test_changing_the_password_clears_the_flag_and_opens_every_page(world, client_as):
    create_person(client_as("district_officer"), world)
    client = signed_in("canbo3")
    response = client.post(
        "/accounts/password/",
        {"old_password": INITIAL_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    person = User.objects.get(username="canbo3")
    assert not person.must_change_password
    assert person.check_password(NEW_PASSWORD)
    assert AuditEntry.objects.filter(action="user.password_changed", target_id=str(person.pk)).count() == 1
    # The session survives the change, and pages open.
    assert client.get("/accounts/profile/").status_code == 200


def test_keeping_the_officers_password_is_refused(world, client_as):
    create_person(client_as("district_officer"), world)
    client = signed_in("canbo3")
    response = client.post(
        "/accounts/password/",
        {
            "old_password": INITIAL_PASSWORD,
            "new_password1": INITIAL_PASSWORD,
            "new_password2": INITIAL_PASSWORD,
        },
    )
    assert response.status_code == 200
    person = User.objects.get(username="canbo3")
    assert person.must_change_password
    assert person.check_password(INITIAL_PASSWORD)
    assert not AuditEntry.objects.filter(action="user.password_changed").exists()


def test_an_officer_resets_a_forgotten_password_and_the_person_must_replace_it(world, client_as):
    person = world.user("officer_b")
    response = client_as("district_officer").post(
        f"/people/{person.pk}/password/", {"password": "Mat-khau-tam-thoi-77"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.must_change_password
    assert person.check_password("Mat-khau-tam-thoi-77")
    assert AuditEntry.objects.filter(action="user.password_reset", target_id=str(person.pk)).count() == 1
    assert signed_in("officer_b", "Mat-khau-tam-thoi-77").get("/").status_code == 302


def test_a_weak_reset_password_changes_nothing(world, client_as):
    person = world.user("officer_b")
    before = AuditEntry.objects.count()
    response = client_as("district_officer").post(f"/people/{person.pk}/password/", {"password": "12345678"})
    assert response.status_code == 400
    assert "Mật khẩu này quá phổ biến." in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
    assert not person.must_change_password
    assert AuditEntry.objects.count() == before


def test_the_reset_page_speaks_vietnamese_and_is_never_cached(world, client_as):
    page = client_as("district_officer").get(f"/people/{world.user('officer_b').pk}/password/")
    html = page.content.decode()
    assert "Đặt lại mật khẩu" in html and "officer_b" in html
    assert "no-store" in page["Cache-Control"]


RESET_ACCESS = dict.fromkeys(PERSONAS, 403) | {"anonymous": 302, "district_officer": 200}


@pytest.mark.parametrize("persona", PERSONAS)
def test_password_reset_page_access_by_role(world, client_as, persona):
    response = client_as(persona).get(f"/people/{world.user('officer_a').pk}/password/")
    assert response.status_code == RESET_ACCESS[persona]


def test_a_person_outside_the_officers_units_is_404(world, client_as):
    stranger = User.objects.create_user(username="ngoai", password=PASSWORD)
    before = stranger.password
    response = client_as("district_officer").post(
        f"/people/{stranger.pk}/password/", {"password": NEW_PASSWORD}
    )
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.password == before
    assert not stranger.must_change_password
