import pytest

from conftest import make_unit
from thidua.organizations.models import UnitKind
from thidua.organizations.services import api_token_create

pytestmark = pytest.mark.django_db


def test_openapi_document_is_published(client, world):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/units", "/api/campaigns", "/api/campaigns/{campaign_id}/progress"} <= set(paths)


def test_units_are_public_and_carry_the_contract_fields(client, world):
    body = client.get("/api/units").json()
    assert body["count"] == 4
    town = next(item for item in body["items"] if item["code"] == world.unit_a.code)
    assert town == {
        "code": "t-tt-long-phu",
        "name": "Long Phú",
        "official_name": "Ủy ban nhân dân thị trấn Long Phú",
        "kind": "commune_committee",
        "kind_label": "UBND xã, thị trấn",
        "parent": "t-huyen",
        "valid_from": None,
        "valid_to": None,
        "successors": [],
        "is_confirmed": True,
    }


def test_units_filter_by_kind_and_search_without_diacritics(client, world):
    body = client.get("/api/units", {"kind": "commune_committee", "q": "long phu"}).json()
    assert sorted(item["code"] for item in body["items"]) == [world.unit_a.code, world.unit_b.code]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"kind": "planet"}, "kind"),
        ({"page": "0"}, "page"),
        ({"page": "92233720368547760"}, "page"),
        ({"page_size": "100000"}, "page_size"),
        ({"on": "hôm qua"}, "on"),
    ],
)
def test_bad_unit_queries_get_a_vietnamese_422_naming_the_field(client, world, query, field):
    response = client.get("/api/units", query)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Dữ liệu gửi lên không hợp lệ."
    assert [error["field"] for error in body["errors"]] == [field]


def test_campaigns_list_has_number_title_and_period(client, world):
    [campaign] = client.get("/api/campaigns").json()
    assert (campaign["id"], campaign["number"]) == (world.campaign.pk, "47/KH-UBND")
    assert (campaign["period_start"], campaign["period_end"]) == ("2021-01-01", "2022-12-31")
    assert [target["indicator"] for target in campaign["targets"]] == [
        "reform_models",
        "satisfaction_index",
        "office_culture",
    ]


def test_progress_has_a_row_per_participating_unit_and_honest_no_data(client, world):
    body = client.get(f"/api/campaigns/{world.campaign.pk}/progress", {"year": 2021}).json()
    assert body["year"] == 2021
    assert {row["unit"]["code"] for row in body["rows"]} == {
        world.unit_a.code,
        world.unit_b.code,
        world.agency.code,
    }
    cell = body["rows"][0]["targets"][1]
    assert cell == {
        "indicator": "satisfaction_index",
        "label": "satisfaction_index",
        "status": "no_data",
        "value": None,
        "threshold": 90.0,
        "comparison": "gt",
        "detail": "",
        "n": None,
        "interval": None,
    }


def test_progress_of_another_districts_units_is_not_mixed_in(client, world):
    other = make_unit("kesach", "Kế Sách", UnitKind.DISTRICT)
    make_unit("kesach-xa", "An Mỹ", UnitKind.COMMUNE_COMMITTEE, other)
    body = client.get(f"/api/campaigns/{world.campaign.pk}/progress").json()
    assert "kesach-xa" not in {row["unit"]["code"] for row in body["rows"]}


@pytest.mark.parametrize(
    ("path", "status"), [("/api/campaigns/999/progress", 404), ("/api/campaigns/abc/progress", 422)]
)
def test_unknown_or_malformed_campaign_ids_are_4xx(client, world, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert response.json()["detail"]


def test_progress_refuses_a_year_outside_the_period(client, world):
    response = client.get(f"/api/campaigns/{world.campaign.pk}/progress", {"year": 2030})
    assert response.status_code == 422
    assert response.json()["detail"] == "Năm phải là một trong các năm: 2021, 2022."


def test_me_needs_a_session_or_a_token(client, world):
    assert client.get("/api/me").status_code == 401
    assert client.get("/api/me", headers={"Authorization": "Bearer nonsense"}).status_code == 401
    _token, secret = api_token_create(actor=None, name="Hệ thống", unit=world.district)
    body = client.get("/api/me", headers={"Authorization": f"Bearer {secret}"}).json()
    assert body["kind"] == "token"
    assert len(body["units"]) == 4


def test_me_for_a_signed_in_user_lists_roles(client_as, world):
    body = client_as("head_a").get("/api/me").json()
    assert body == {"kind": "user", "name": "head_a", "units": [world.unit_a.code], "roles": ["unit_head"]}


def test_healthz_is_json_ok(client, world):
    response = client.get("/healthz")
    assert response.json()["status"] == "ok"
    assert response["Content-Type"] == "application/json"
