import pytest

from conftest import PERSONAS
from thidua.campaigns.models import Registration, RegistrationStatus
from thidua.campaigns.services import registration_save
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def register(client, world, unit=None, year=2021, text="Xây dựng mô hình văn hóa công sở"):
    return client.post(
        f"/campaigns/{world.campaign.pk}/register/",
        {"unit": (unit or world.unit_a).pk, "year": year, "commitment": text},
    )


def snapshot(registration):
    registration.refresh_from_db()
    return (
        registration.status,
        registration.commitment,
        registration.confirmed_by_id,
        AuditEntry.objects.count(),
    )


@pytest.fixture
def draft(world):
    return registration_save(
        actor=world.user("officer_a"),
        campaign=world.campaign,
        unit=world.unit_a,
        year=2021,
        commitment="Mô hình 4 xin, 4 luôn",
    )


@pytest.fixture
def submitted(world, draft, client_as):
    client_as("officer_a").post(f"/registrations/{draft.pk}/submit/")
    draft.refresh_from_db()
    assert draft.status == RegistrationStatus.SUBMITTED
    return draft


def test_officer_registers_head_confirms_and_every_step_is_audited(world, client_as):
    response = register(client_as("officer_a"), world)
    registration = Registration.objects.get(unit=world.unit_a, year=2021)
    assert response["Location"] == f"/registrations/{registration.pk}/"
    assert registration.status == RegistrationStatus.DRAFT
    client_as("officer_a").post(f"/registrations/{registration.pk}/submit/")
    client_as("head_a").post(f"/registrations/{registration.pk}/confirm/")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.submitted_by == world.user("officer_a")
    assert registration.confirmed_by == world.user("head_a")
    actions = list(
        AuditEntry.objects.filter(target_type="campaigns.registration", target_id=str(registration.pk))
        .order_by("id")
        .values_list("action", "actor__username")
    )
    assert actions == [
        ("registration.created", "officer_a"),
        ("registration.submitted", "officer_a"),
        ("registration.confirmed", "head_a"),
    ]


def test_head_returns_with_a_reason_and_the_officer_can_edit_again(world, client_as, submitted):
    client_as("head_a").post(
        f"/registrations/{submitted.pk}/return/", {"reason": "Bổ sung chỉ tiêu hài lòng"}
    )
    submitted.refresh_from_db()
    assert submitted.status == RegistrationStatus.RETURNED
    assert submitted.return_reason == "Bổ sung chỉ tiêu hài lòng"
    register(client_as("officer_a"), world, text="Bản sửa")
    submitted.refresh_from_db()
    assert submitted.commitment == "Bản sửa"


def test_return_without_a_reason_changes_nothing(world, client_as, submitted):
    before = snapshot(submitted)
    response = client_as("head_a").post(
        f"/registrations/{submitted.pk}/return/", {"reason": "  "}, follow=True
    )
    assert "Vui lòng nêu lý do" in response.content.decode()
    assert snapshot(submitted) == before


def test_confirming_a_draft_is_refused_with_a_message_and_changes_nothing(world, client_as, draft):
    before = snapshot(draft)
    response = client_as("head_a").post(f"/registrations/{draft.pk}/confirm/", follow=True)
    assert "Chỉ xác nhận được bản đăng ký đã gửi." in response.content.decode()
    assert snapshot(draft) == before


def test_a_submitted_registration_cannot_be_rewritten(world, client_as, submitted):
    before = snapshot(submitted)
    response = register(client_as("officer_a"), world, text="Đổi nội dung")
    assert response.status_code == 400
    assert "không thể sửa" in response.content.decode()
    assert snapshot(submitted) == before


@pytest.mark.parametrize(
    ("persona", "action", "expected"),
    [
        ("head_a", "submit", 403),
        ("officer_a", "confirm", 403),
        ("officer_b", "submit", 404),
        ("head_b", "confirm", 404),
        ("district_officer", "confirm", 403),
        ("viewer", "submit", 403),
        ("anonymous", "submit", 302),
    ],
)
def test_transitions_are_refused_to_the_wrong_role_or_unit(
    world, client_as, draft, persona, action, expected
):
    if action == "confirm":
        draft.status = RegistrationStatus.SUBMITTED
        draft.save()
    before = snapshot(draft)
    response = client_as(persona).post(f"/registrations/{draft.pk}/{action}/")
    assert response.status_code == expected
    assert snapshot(draft) == before


DETAIL_ACCESS = {
    "anonymous": 302,
    "officer_a": 200,
    "head_a": 200,
    "officer_b": 404,
    "head_b": 404,
    "district_officer": 200,
    "inspector": 200,
    "council_member": 200,
    "chairman": 200,
    "viewer": 200,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_registration_detail_access_by_role(world, client_as, draft, persona):
    assert client_as(persona).get(f"/registrations/{draft.pk}/").status_code == DETAIL_ACCESS[persona]


REGISTER_PAGE_ACCESS = dict.fromkeys(PERSONAS, 403) | {
    "anonymous": 302,
    "officer_a": 200,
    "officer_b": 200,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_register_page_access_by_role(world, client_as, persona):
    response = client_as(persona).get(f"/campaigns/{world.campaign.pk}/register/")
    assert response.status_code == REGISTER_PAGE_ACCESS[persona]


def test_an_officer_cannot_register_another_unit(world, client_as):
    response = register(client_as("officer_a"), world, unit=world.unit_b)
    assert response.status_code == 400
    assert not Registration.objects.exists()


@pytest.mark.parametrize("year", ["2019", "abc", ""])
def test_a_year_outside_the_period_is_refused(world, client_as, year):
    response = register(client_as("officer_a"), world, year=year)
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_the_registration_list_is_scoped_and_exports_for_the_district(world, client_as, draft):
    registration_save(
        actor=world.user("officer_b"),
        campaign=world.campaign,
        unit=world.unit_b,
        year=2021,
        commitment="Nụ cười công sở",
    )
    url = f"/campaigns/{world.campaign.pk}/registrations/"
    assert len(client_as("officer_a").get(url).context["registrations"]) == 1
    assert len(client_as("district_officer").get(url).context["registrations"]) == 2
    export = client_as("district_officer").get(url, {"format": "csv"})
    assert export.status_code == 200
    text = export.content.decode("utf-8-sig")
    assert "Mô hình 4 xin, 4 luôn" in text and "Nụ cười công sở" in text
    assert client_as("officer_a").get(url, {"format": "csv"}).status_code == 403
