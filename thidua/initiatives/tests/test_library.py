import pytest
from django.test import Client

from conftest import refetched
from thidua.initiatives import services
from thidua.initiatives.tests.conftest import model_at_status, pdf_upload, png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def module_shelf(module_world, django_db_blocker):
    """One model at every status, all speaking of văn hóa công sở, plus one model about something else."""
    world = module_world
    with django_db_blocker.unblock():
        models = {
            status: model_at_status(world, status, title=f"Văn hóa công sở — {status}")
            for status in (
                "draft",
                "awaiting_head",
                "submitted",
                "returned",
                "rejected",
                "approved",
                "exemplary",
                "discontinued",
            )
        }
        models["other"] = model_at_status(
            world,
            "approved",
            unit=world.unit_b,
            title="Một cửa điện tử",
            category="digital_government",
            problem="Hồ sơ giấy chậm.",
            solution="Tiếp nhận trực tuyến.",
        )
    return models


@pytest.fixture
def shelf(db, module_shelf):
    return refetched(module_shelf)


def ids(response) -> set[int]:
    return {item["id"] for item in response.json()["items"]}


def test_the_library_api_lists_only_approved_and_exemplary_models(shelf):
    response = Client().get("/api/models")
    assert response.status_code == 200
    assert ids(response) == {shelf["approved"].pk, shelf["exemplary"].pk, shelf["other"].pk}
    item = next(item for item in response.json()["items"] if item["id"] == shelf["other"].pk)
    assert item["unit"]["code"] == "t-xa-long-phu"
    assert item["category"] == "digital_government"
    assert item["year"] == 2021
    assert item["status"] == "approved"


@pytest.mark.parametrize("query", ["van hoa", "văn hóa", "VĂN HÓA CÔNG SỞ", "Van Hoa cong so", "vǎn hoá"])
def test_search_ignores_case_and_diacritics(shelf, query):
    response = Client().get("/api/models", {"q": query})
    assert ids(response) == {shelf["approved"].pk, shelf["exemplary"].pk}


def test_van_hoa_with_and_without_diacritics_returns_the_same_models(shelf):
    plain = Client().get("/api/models?q=van hoa").json()["items"]
    marked = Client().get("/api/models?q=văn hóa").json()["items"]
    assert plain == marked
    assert len(plain) == 2


def test_search_matches_the_text_of_the_problem_and_the_unit(shelf):
    assert ids(Client().get("/api/models", {"q": "ho so giay"})) == {shelf["other"].pk}
    assert ids(Client().get("/api/models", {"q": "xa long phu"})) == {shelf["other"].pk}


def test_filters_by_category_unit_and_year(shelf):
    client = Client()
    assert ids(client.get("/api/models", {"category": "digital_government"})) == {shelf["other"].pk}
    assert ids(client.get("/api/models", {"unit": "t-tt-long-phu"})) == {
        shelf["approved"].pk,
        shelf["exemplary"].pk,
    }
    assert ids(client.get("/api/models", {"year": 2022})) == set()
    assert len(ids(client.get("/api/models", {"year": 2021}))) == 3


@pytest.mark.parametrize(
    "params",
    [{"category": "nope"}, {"unit": "no-such-unit"}, {"year": "abc"}, {"page": 0}, {"q": "x" * 201}],
)
def test_bad_api_queries_get_a_422_with_a_message(shelf, params):
    response = Client().get("/api/models", params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_the_library_page_never_shows_drafts_returned_rejected_or_discontinued_models(shelf):
    html = Client().get("/thu-vien/?q=van+hoa").content.decode()
    for status in ("approved", "exemplary"):
        assert f"Văn hóa công sở — {status}" in html
    for status in ("draft", "awaiting_head", "submitted", "returned", "rejected", "discontinued"):
        assert f"Văn hóa công sở — {status}" not in html


def test_the_library_filters_and_refuses_bad_filters_with_400(shelf):
    client = Client()
    html = client.get("/thu-vien/", {"category": "digital_government"}).content.decode()
    assert "Một cửa điện tử" in html
    assert "Văn hóa công sở — approved" not in html
    assert client.get("/thu-vien/", {"year": "abc"}).status_code == 400
    assert client.get("/thu-vien/", {"category": "nope"}).status_code == 400


def test_the_public_page_shows_only_public_evidence(world, shelf):
    model = shelf["approved"]
    public = services.evidence_add(
        actor=world.user("officer_a"), model=model, uploaded=png_upload("cong-khai.png"), is_public=True
    )
    services.evidence_add(actor=world.user("officer_a"), model=model, uploaded=pdf_upload("noi-bo.pdf"))
    response = Client().get(f"/thu-vien/{model.pk}/")
    html = response.content.decode()
    assert "cong-khai.png" in html
    assert "noi-bo.pdf" not in html
    download = Client().get(f"/thu-vien/tep/{public.token}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert 'filename="cong-khai.png"' in download["Content-Disposition"]


def test_a_public_file_disappears_from_the_library_when_its_model_is_discontinued(world, make_model):
    model = make_model("approved")
    public = services.evidence_add(
        actor=world.user("officer_a"), model=model, uploaded=png_upload(), is_public=True
    )
    assert Client().get(f"/thu-vien/tep/{public.token}/").status_code == 200
    services.model_discontinue(actor=world.user("district_officer"), model=model, reason="Ngừng")
    assert Client().get(f"/thu-vien/tep/{public.token}/").status_code == 404
    assert Client().get(f"/thu-vien/{model.pk}/").status_code == 404


def test_the_model_page_lists_its_adopters(world, shelf, client_as):
    from datetime import date

    source = shelf["exemplary"]
    services.model_adopt(
        actor=world.user("officer_b"),
        source=source,
        unit=world.unit_b,
        campaign=world.campaign,
        year=2021,
        started_on=date(2021, 10, 1),
    )
    public_html = Client().get(f"/thu-vien/{source.pk}/").content.decode()
    assert "Ủy ban nhân dân xã Long Phú" in public_html
    api = Client().get(f"/api/models/{source.pk}").json()
    assert api["adopted_by"] == ["t-xa-long-phu"]
    detail = client_as("district_officer").get(f"/reform-models/{source.pk}/").content.decode()
    assert "Ủy ban nhân dân xã Long Phú" in detail


def test_the_openapi_document_describes_the_models_endpoints(db):
    paths = Client().get("/api/openapi.json").json()["paths"]
    assert "/api/models" in paths
    assert "/api/models/{model_id}" in paths
    parameters = {parameter["name"] for parameter in paths["/api/models"]["get"]["parameters"]}
    assert {"q", "category", "unit", "year", "page"} <= parameters
