import pytest
from django.urls import reverse

from conftest import PERSONAS
from thidua.core.models import AuditEntry
from thidua.core.tests.xlsx import table_of
from thidua.organizations.models import ApiToken, Membership, Unit

pytestmark = pytest.mark.django_db

# Expected status of each page for each persona; "login" means a redirect to the login page.
UNIT_LIST_ACCESS = dict.fromkeys(PERSONAS, 200) | {"anonymous": "login"}
TOKEN_PAGE_ACCESS = dict.fromkeys(PERSONAS, 403) | {"anonymous": "login", "district_officer": 200}
UNIT_CREATE_ACCESS = TOKEN_PAGE_ACCESS


def assert_status(response, expected):
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_unit_list_access_by_role(client_as, persona):
    assert_status(client_as(persona).get("/units/"), UNIT_LIST_ACCESS[persona])


@pytest.mark.parametrize("persona", PERSONAS)
def test_token_page_access_by_role(client_as, persona):
    assert_status(client_as(persona).get("/api-tokens/"), TOKEN_PAGE_ACCESS[persona])


@pytest.mark.parametrize("persona", PERSONAS)
def test_unit_create_page_access_by_role(client_as, persona):
    assert_status(client_as(persona).get("/units/new/"), UNIT_CREATE_ACCESS[persona])


@pytest.mark.parametrize(
    ("persona", "unit_key", "expected"),
    [
        ("officer_a", "unit_a", 200),
        ("officer_a", "unit_b", 404),
        ("head_b", "unit_a", 404),
        ("district_officer", "unit_b", 200),
        ("viewer", "agency", 200),
        ("anonymous", "unit_a", "login"),
    ],
)
def test_unit_detail_shows_own_units_and_hides_others(world, client_as, persona, unit_key, expected):
    unit = getattr(world, unit_key)
    assert_status(client_as(persona).get(f"/units/{unit.code}/"), expected)


def test_an_officer_sees_only_their_unit_in_the_list(world, client_as):
    body = client_as("officer_a").get("/units/").content.decode()
    assert world.unit_a.official_name in body
    assert world.unit_b.official_name not in body


@pytest.mark.parametrize("query", ["long phu", "LONG PHÚ", "Long Phú"])
def test_unit_search_works_with_and_without_diacritics(client_as, query):
    response = client_as("district_officer").get("/units/", {"q": query})
    assert len(response.context["units"]) == 3  # the district, the town and the commune


def test_unit_list_exports_xlsx_with_every_visible_unit(client_as):
    response = client_as("district_officer").get("/units/", {"format": "xlsx"})
    assert response.status_code == 200
    codes = {row[0] for row in table_of(response.content)[1:]}
    assert codes == set(Unit.objects.values_list("code", flat=True))


def test_a_bad_date_filter_is_a_400_with_a_message(client_as):
    response = client_as("district_officer").get("/units/", {"on": "31/02/2021"})
    assert response.status_code == 400
    assert "Nhập một ngày hợp lệ" in response.content.decode()


def test_district_officer_creates_a_unit_through_the_form(world, client_as):
    response = client_as("district_officer").post(
        "/units/new/",
        {
            "code": "t-xa-moi",
            "name": "Tân Hưng",
            "official_name": "Ủy ban nhân dân xã Tân Hưng",
            "kind": "commune_committee",
            "parent": world.district.pk,
            "valid_from": "01/01/2021",
            "is_confirmed": "on",
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(code="t-xa-moi")
    assert unit.valid_from.isoformat() == "2021-01-01"
    assert AuditEntry.objects.filter(action="unit.created", target_id=str(unit.pk)).exists()


def test_invalid_unit_form_changes_nothing(world, client_as):
    before = (Unit.objects.count(), AuditEntry.objects.count())
    response = client_as("district_officer").post(
        "/units/new/",
        {
            "code": "bad code!",
            "name": "",
            "kind": "planet",
            "valid_from": "01/01/2022",
            "valid_to": "01/01/2021",
        },
    )
    assert response.status_code == 400
    assert (Unit.objects.count(), AuditEntry.objects.count()) == before


def test_a_unit_officer_cannot_edit_their_own_unit(world, client_as):
    response = client_as("officer_a").post(f"/units/{world.unit_a.code}/edit/", {"name": "Khác"})
    assert response.status_code == 403
    world.unit_a.refresh_from_db()
    assert world.unit_a.name == "Long Phú"


def test_district_officer_grants_and_revokes_a_role(world, client_as):
    client = client_as("district_officer")
    client.post(f"/units/{world.unit_b.code}/roles/", {"username": "officer_a", "role": "unit_head"})
    membership = Membership.objects.get(user=world.user("officer_a"), unit=world.unit_b, role="unit_head")
    assert membership.is_active
    client.post(f"/units/{world.unit_b.code}/roles/{membership.pk}/revoke/")
    membership.refresh_from_db()
    assert not membership.is_active
    assert list(
        AuditEntry.objects.filter(target_id=str(membership.pk), target_type="organizations.membership")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["membership.granted", "membership.revoked"]


def test_granting_to_an_unknown_user_changes_nothing(world, client_as):
    before = Membership.objects.count()
    client_as("district_officer").post(
        f"/units/{world.unit_b.code}/roles/", {"username": "nobody", "role": "x"}
    )
    assert Membership.objects.count() == before


def test_token_created_on_the_page_is_shown_once_and_works_on_the_api(world, client_as):
    response = client_as("district_officer").post(
        "/api-tokens/", {"name": "Một cửa", "unit": world.unit_a.pk}
    )
    secret = response.context["new_secret"]
    assert secret.startswith("tdc_")
    assert ApiToken.objects.filter(token_hash=ApiToken.hash_token(secret)).exists()
    me = client_as("anonymous").get("/api/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 200
    assert me.json()["units"] == [world.unit_a.code]
    listing = client_as("district_officer").get("/api-tokens/").content.decode()
    assert secret not in listing


def test_the_page_showing_a_new_tokens_secret_is_never_stored_by_a_cache(world, client_as):
    response = client_as("district_officer").post(
        "/api-tokens/", {"name": "Một cửa", "unit": world.unit_a.pk}
    )
    assert response.status_code == 200
    secret = ApiToken.objects.get(name="Một cửa").hint
    assert secret.startswith(ApiToken.PREFIX) and secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "no-store" in client_as("district_officer").get("/api-tokens/")["Cache-Control"]


def test_a_revoked_token_is_refused(world, client_as):
    client_as("district_officer").post("/api-tokens/", {"name": "Một cửa", "unit": world.unit_a.pk})
    token = ApiToken.objects.get()
    from thidua.organizations.services import api_token_create

    token, secret = api_token_create(actor=None, name="Khác", unit=world.unit_a)
    client_as("district_officer").post(f"/api-tokens/{token.pk}/revoke/")
    response = client_as("anonymous").get("/api/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401
    assert "mã truy cập" in response.json()["detail"]


def test_a_token_name_is_required(world, client_as):
    response = client_as("district_officer").post("/api-tokens/", {"name": "", "unit": world.unit_a.pk})
    assert response.status_code == 400
    assert ApiToken.objects.count() == 0


PEOPLE_ACCESS = dict.fromkeys(PERSONAS, 403) | {"anonymous": "login", "district_officer": 200}


@pytest.mark.parametrize("persona", PERSONAS)
def test_people_page_access_by_role(client_as, persona):
    assert_status(client_as(persona).get("/people/"), PEOPLE_ACCESS[persona])


def test_district_officer_creates_an_account_with_its_first_role(world, client_as):
    response = client_as("district_officer").post(
        "/people/",
        {
            "username": "canbo3",
            "full_name": "Nguyễn Văn Ba",
            "password": "mot-mat-khau-dai",
            "unit": world.unit_b.pk,
            "role": "unit_head",
        },
    )
    assert response.status_code == 302
    from thidua.organizations.models import User

    person = User.objects.get(username="canbo3")
    assert person.check_password("mot-mat-khau-dai")
    assert list(person.memberships.values_list("unit__code", "role")) == [(world.unit_b.code, "unit_head")]
    assert AuditEntry.objects.filter(action="user.created", target_id=str(person.pk)).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"username": "officer_a", "full_name": "Trùng", "password": "mot-mat-khau-dai", "role": "unit_head"},
        {"username": "có dấu", "full_name": "X", "password": "mot-mat-khau-dai", "role": "unit_head"},
        {"username": "ok", "full_name": "X", "password": "ngan", "role": "unit_head"},
        {"username": "ok2", "full_name": "X", "password": "mot-mat-khau-dai", "role": "emperor"},
    ],
)
def test_bad_account_data_creates_nothing(world, client_as, data):
    from thidua.organizations.models import User

    before = (User.objects.count(), Membership.objects.count(), AuditEntry.objects.count())
    response = client_as("district_officer").post("/people/", {**data, "unit": world.unit_b.pk})
    assert response.status_code == 400
    assert (User.objects.count(), Membership.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_home_and_profile_for_every_role(world, client_as, persona):
    home = client_as(persona).get("/")
    assert home.status_code == 200
    profile = client_as(persona).get("/accounts/profile/")
    assert_status(profile, "login" if persona == "anonymous" else 200)


def test_head_sees_the_registration_waiting_for_confirmation_on_the_start_page(world, client_as):
    from thidua.campaigns.services import registration_save, registration_submit

    registration = registration_save(
        actor=world.user("officer_a"),
        campaign=world.campaign,
        unit=world.unit_a,
        year=2021,
        commitment="Cam kết",
    )
    registration_submit(actor=world.user("officer_a"), registration=registration)

    def waiting_urls(persona):
        groups = client_as(persona).get("/").context["work_groups"]
        return [item.url for group in groups for item in group.items]

    url = reverse("registration-detail", args=[registration.pk])
    assert waiting_urls("head_a").count(url) == 1
    assert url not in waiting_urls("head_b")


@pytest.mark.parametrize("persona", PERSONAS)
def test_merge_page_access_by_role(client_as, persona):
    assert_status(client_as(persona).get("/units/merge/"), UNIT_CREATE_ACCESS[persona])


def test_district_officer_records_the_2025_merge(world, client_as):
    from conftest import make_unit
    from thidua.organizations.models import UnitKind

    new = make_unit(
        "ct-long-phu",
        "Long Phú",
        UnitKind.COMMUNE_COMMITTEE,
        world.district,
        official_name="Ủy ban nhân dân xã Long Phú (từ 01/07/2025)",
    )
    response = client_as("district_officer").post(
        "/units/merge/",
        {"predecessors": [world.unit_a.pk, world.unit_b.pk], "successor": new.pk, "effective": "01/07/2025"},
    )
    assert response.status_code == 302
    world.unit_a.refresh_from_db()
    assert world.unit_a.valid_to.isoformat() == "2025-06-30"
    assert set(new.predecessors.all()) == {world.unit_a, world.unit_b}


def test_a_unit_cannot_be_merged_into_itself(world, client_as):
    response = client_as("district_officer").post(
        "/units/merge/",
        {"predecessors": [world.unit_a.pk], "successor": world.unit_a.pk, "effective": "01/07/2025"},
    )
    assert response.status_code == 400
    world.unit_a.refresh_from_db()
    assert world.unit_a.valid_to is None
