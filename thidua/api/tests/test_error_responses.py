"""Errors over the API: bounded integers, one error body, and an OpenAPI document that declares them."""

import json

import pytest
from django.test import Client

from thidua.organizations.services import api_token_create
from thidua.surveys.models import Response

pytestmark = pytest.mark.django_db

TOO_LARGE = "7719318320872298496"  # beyond SQLite's and PostgreSQL's 64-bit integers when multiplied
BEYOND_64_BITS = "9223372036854775808"


@pytest.fixture
def district_token(world):
    _token, raw = api_token_create(actor=None, name="Một cửa huyện", unit=world.district)
    return {"Authorization": f"Bearer {raw}"}


def _openapi(client) -> dict:
    return client.get("/api/openapi.json").json()


def test_a_page_number_too_large_for_the_database_is_a_422_naming_the_page(client, world):
    reply = client.get("/api/models", {"page": TOO_LARGE})
    assert reply.status_code == 422
    assert [error["field"] for error in reply.json()["errors"]] == ["page"]


@pytest.mark.parametrize(
    "path",
    [
        f"/api/campaigns/{BEYOND_64_BITS}",
        f"/api/campaigns/{BEYOND_64_BITS}/progress",
        f"/api/models/{BEYOND_64_BITS}",
        "/api/campaigns/0",
        "/api/models/-1",
    ],
)
def test_an_id_outside_the_database_range_is_a_422_naming_it(client, world, path):
    reply = client.get(path)
    assert reply.status_code == 422
    body = reply.json()
    assert body["detail"] == "Dữ liệu gửi lên không hợp lệ."
    assert [error["field"] for error in body["errors"]] in (["campaign_id"], ["model_id"])


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/models", {"year": TOO_LARGE}),
        ("/api/campaigns/{campaign}/progress", {"year": BEYOND_64_BITS}),
        ("/api/inspections/compliance", {"year": BEYOND_64_BITS}),
    ],
)
def test_a_year_too_large_is_a_422_naming_the_year(client, world, district_token, path, query):
    reply = client.get(path.format(campaign=world.campaign.pk), query, headers=district_token)
    assert reply.status_code == 422
    assert [error["field"] for error in reply.json()["errors"]] == ["year"]


@pytest.mark.parametrize("point", [BEYOND_64_BITS + "0", "²", "٣"])
def test_a_collection_point_id_beyond_the_database_or_in_other_digits_is_a_404(
    client, world, district_token, point
):
    reply = client.get("/api/satisfaction", {"collection_point": point}, headers=district_token)
    assert reply.status_code == 404
    assert reply.json() == {"detail": "Không tìm thấy."}


def test_a_rating_body_that_is_not_json_is_a_400_with_a_detail_and_nothing_is_stored(
    client, world, district_token
):
    reply = client.post("/api/ratings", "{not json", content_type="application/json", headers=district_token)
    assert reply.status_code == 400
    assert set(reply.json()) == {"detail"}
    assert Response.objects.count() == 0


def test_a_session_that_must_change_its_password_gets_a_403_even_on_public_reads(world):
    user = world.user("officer_a")
    user.must_change_password = True
    user.save(update_fields=["must_change_password"])
    browser = Client()
    browser.force_login(user)
    reply = browser.get("/api/units")
    assert reply.status_code == 403
    assert set(reply.json()) == {"detail"}


def test_every_operation_declares_403_and_its_error_statuses_with_the_error_schema(client, world):
    document = _openapi(client)
    error_schema = {"$ref": "#/components/schemas/ErrorOut"}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            errors = {int(code) for code in responses if code.startswith("4")}
            assert 403 in errors, (method, path)
            if operation.get("security"):
                assert 401 in errors, (method, path)
            if operation.get("parameters") or operation.get("requestBody"):
                assert 422 in errors, (method, path)
            if "{" in path:
                assert 404 in errors, (method, path)
            for code in errors:
                assert responses[str(code)]["content"]["application/json"]["schema"] == error_schema


def test_the_error_schema_is_a_detail_with_optional_field_errors(client, world):
    schemas = _openapi(client)["components"]["schemas"]
    assert schemas["ErrorOut"]["required"] == ["detail"]
    assert set(schemas["ErrorOut"]["properties"]) == {"detail", "errors"}
    assert set(schemas["FieldErrorOut"]["properties"]) == {"field", "message"}


def test_the_rating_operation_declares_400_and_429(client, world):
    responses = _openapi(client)["paths"]["/api/ratings"]["post"]["responses"]
    assert {"200", "201", "400", "401", "403", "404", "422", "429"} <= set(responses)
    assert json.dumps(responses["201"]).count("RatingOut") == 1


@pytest.mark.parametrize("path", ["/api/campaigns/9223372036854775807", "/api/models/9223372036854775807"])
def test_the_largest_id_the_database_holds_is_a_plain_404(client, world, path):
    reply = client.get(path)
    assert reply.status_code == 404
    assert reply.json() == {"detail": "Không tìm thấy."}
