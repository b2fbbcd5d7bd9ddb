"""The satisfaction API: points for the unit's staff and the district, idempotent ratings by token, indices."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from thidua.organizations import services as org_services
from thidua.surveys.models import Response
from thidua.surveys.tests.conftest import rate


@pytest.fixture
def token_a(world):
    _token, raw = org_services.api_token_create(actor=None, name="Một cửa thị trấn", unit=world.unit_a)
    return raw


@pytest.fixture
def token_district(world):
    _token, raw = org_services.api_token_create(actor=None, name="Một cửa huyện", unit=world.district)
    return raw


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post_rating(raw, body):
    return Client().post("/api/ratings", json.dumps(body), content_type="application/json", **bearer(raw))


# persona → status for GET /api/collection-points?unit=<unit A>
POINT_LIST_ACCESS = {
    "anonymous": 401,
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


@pytest.mark.parametrize(("persona", "status"), POINT_LIST_ACCESS.items())
def test_collection_points_are_listed_to_the_units_staff_and_the_district_only(
    client_as, point_a, persona, status
):
    reply = client_as(persona).get(f"/api/collection-points?unit={point_a.unit.code}")
    assert reply.status_code == status
    if status == 200:
        [item] = reply.json()
        assert item["rating_url"].endswith(f"/r/{point_a.token}/")
        assert item["name"] == "Quầy 1"


def test_collection_points_by_token_follow_the_tokens_scope(point_a, point_b, token_a, token_district):
    assert (
        Client().get(f"/api/collection-points?unit={point_a.unit.code}", **bearer(token_a)).status_code == 200
    )
    assert (
        Client().get(f"/api/collection-points?unit={point_b.unit.code}", **bearer(token_a)).status_code == 404
    )
    assert (
        Client().get(f"/api/collection-points?unit={point_b.unit.code}", **bearer(token_district)).status_code
        == 200
    )
    assert Client().get("/api/collection-points?unit=nope", **bearer(token_district)).status_code == 404
    assert (
        Client().get(f"/api/collection-points?unit={point_a.unit.code}", **bearer("tdc_wrong")).status_code
        == 401
    )


def test_posting_a_rating_by_token_is_201_then_200_with_the_stored_one(point_a, token_a):
    body = {
        "id": "HS-000123",
        "collection_point": point_a.token,
        "answers": {"overall": 4, "access": 5},
        "dossier_code": "000.00.17.H48-210503-0001",
    }
    first = post_rating(token_a, body)
    assert first.status_code == 201, first.content
    assert first.json()["created"] is True
    assert first.json()["answers"] == {"overall": 4, "access": 5}
    again = post_rating(token_a, {**body, "answers": {"overall": 1}})
    assert again.status_code == 200
    assert again.json()["rating"] == first.json()["rating"]
    assert again.json()["overall_level"] == 4 and again.json()["created"] is False
    assert Response.objects.count() == 1
    assert Response.objects.get().source == "api"


def test_rating_api_needs_a_token_and_refuses_a_session(client_as, point_a):
    body = json.dumps({"id": "x1", "collection_point": point_a.token, "answers": {"overall": 5}})
    assert Client().post("/api/ratings", body, content_type="application/json").status_code == 401
    assert (
        client_as("district_officer").post("/api/ratings", body, content_type="application/json").status_code
        == 401
    )
    assert Response.objects.count() == 0


def test_a_token_of_another_unit_cannot_rate_its_points(point_b, token_a):
    reply = post_rating(token_a, {"id": "x1", "collection_point": point_b.token, "answers": {"overall": 5}})
    assert reply.status_code == 404
    assert Response.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    [
        {"id": "x1", "answers": {"overall": 5}},
        {"id": "", "collection_point": "{point}", "answers": {"overall": 5}},
        {"id": "x1", "collection_point": "{point}", "answers": {"overall": 9}},
        {"id": "x1", "collection_point": "{point}", "answers": {}},
        {
            "id": "x1",
            "collection_point": "{point}",
            "answers": {"overall": 5},
            "submitted_at": "2999-01-01T00:00:00Z",
        },
        {"id": "x1", "collection_point": "{point}", "answers": {"overall": 5}, "dossier_code": "??"},
        {"id": "x1", "collection_point": "{point}", "answers": "5"},
    ],
)
def test_bad_rating_bodies_get_422_and_nothing_is_stored(point_a, token_a, body):
    body = {
        key: (value.replace("{point}", point_a.token) if isinstance(value, str) else value)
        for key, value in body.items()
    }
    reply = post_rating(token_a, body)
    assert reply.status_code == 422
    assert reply.json()["detail"]
    assert Response.objects.count() == 0


def test_satisfaction_reports_index_elements_and_interval(client_as, point_a, settings):
    settings.SURVEY_MIN_RESPONSES = 2
    rate(point_a, 5, answers={"access": 5})
    rate(point_a, 4, answers={"access": 2})
    rate(point_a, 2)
    today = date.today().isoformat()
    reply = client_as("officer_a").get(
        f"/api/satisfaction?unit={point_a.unit.code}&from=2020-01-01&to={today}"
    )
    assert reply.status_code == 200, reply.content
    body = reply.json()
    assert body["responses"] == 3
    assert Decimal(str(body["index"])) == Decimal("66.67")  # 2 of 3 satisfied overall
    assert body["index_rule"] == "overall_question"
    access = next(item for item in body["elements"] if item["code"] == "access")
    assert (Decimal(str(access["index"])), access["answers"]) == (Decimal("50.00"), 2)
    assert body["confidence_interval"]["level"] == 95
    assert (
        Decimal(str(body["confidence_interval"]["low"]))
        < Decimal("66.67")
        < Decimal(str(body["confidence_interval"]["high"]))
    )
    # The test campaign runs 2021–2022: no campaign sets a target for this year, so there is no verdict.
    assert (body["campaign"], body["target_comparison"], body["target"], body["verdict"]) == (
        None,
        None,
        None,
        None,
    )
    by_point = client_as("officer_a").get(
        f"/api/satisfaction?collection_point={point_a.pk}&from=2020-01-01&to={today}"
    )
    assert by_point.json()["responses"] == 3


def test_satisfaction_without_data_has_null_index(client_as, point_a):
    body = (
        client_as("district_officer")
        .get(f"/api/satisfaction?unit={point_a.unit.code}&from=2021-01-01&to=2021-12-31")
        .json()
    )
    assert (body["responses"], body["index"], body["confidence_interval"], body["verdict"]) == (
        0,
        None,
        None,
        "no_data",
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 401), ("officer_a", 200), ("officer_b", 404), ("viewer", 200), ("district_officer", 200)],
)
def test_satisfaction_access_by_persona(client_as, point_a, persona, status):
    assert client_as(persona).get(f"/api/satisfaction?unit={point_a.unit.code}").status_code == status
    assert client_as(persona).get(f"/api/satisfaction?collection_point={point_a.pk}").status_code == status


@pytest.mark.parametrize(
    "query",
    [
        "from=2022-01-01&to=2021-01-01",
        "",
        "from=notadate",
        "collection_point=99999",
        "unit=t-xa-long-phu&collection_point={point}",
    ],
)
def test_satisfaction_bad_queries_are_4xx(client_as, point_a, query):
    query = query.replace("{point}", str(point_a.pk))
    reply = client_as("officer_a").get(f"/api/satisfaction?{query}")
    assert 400 <= reply.status_code < 500
