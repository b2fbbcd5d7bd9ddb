import pytest
from django.test import Client

from thidua.initiatives.models import ModelCategory
from thidua.initiatives.selectors import coverage

pytestmark = pytest.mark.django_db


def reform_cells(world, year=2021) -> dict[str, dict]:
    response = Client().get(f"/api/campaigns/{world.campaign.pk}/progress", {"year": year})
    assert response.status_code == 200
    cells = {}
    for row in response.json()["rows"]:
        for target in row["targets"]:
            if target["indicator"] == "reform_models":
                cells[row["unit"]["code"]] = target
    return cells


def test_without_any_model_every_unit_has_zero_and_has_not_met_the_target(world):
    cells = reform_cells(world)
    assert {code: (cell["status"], cell["value"]) for code, cell in cells.items()} == {
        "t-tt-long-phu": ("not_met", 0.0),
        "t-xa-long-phu": ("not_met", 0.0),
        "t-phong-tu-phap": ("not_met", 0.0),
    }
    assert {cell["detail"] for cell in cells.values()} == {"Chưa ghi nhận mô hình nào trong năm"}


def test_an_approved_model_meets_the_target_and_a_pending_one_does_not(world, make_model):
    make_model("approved")
    make_model("draft", title="Thứ hai")
    make_model("submitted", unit=world.unit_b)
    cells = reform_cells(world)
    assert (cells["t-tt-long-phu"]["status"], cells["t-tt-long-phu"]["value"]) == ("met", 1.0)
    assert (cells["t-xa-long-phu"]["status"], cells["t-xa-long-phu"]["value"]) == ("not_met", 0.0)
    assert (cells["t-phong-tu-phap"]["status"], cells["t-phong-tu-phap"]["value"]) == ("not_met", 0.0)
    assert cells["t-tt-long-phu"]["detail"]


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("exemplary", "met"),
        ("approved", "met"),
        ("discontinued", "not_met"),
        ("rejected", "not_met"),
        ("returned", "not_met"),
    ],
)
def test_which_statuses_count_toward_the_target(world, make_model, status, expected):
    make_model(status)
    assert reform_cells(world)["t-tt-long-phu"]["status"] == expected


def test_a_model_counts_only_in_its_own_campaign_year(world, make_model):
    make_model("approved")
    assert reform_cells(world, 2021)["t-tt-long-phu"]["status"] == "met"
    assert reform_cells(world, 2022)["t-tt-long-phu"]["status"] == "not_met"


def test_the_progress_page_shows_met_for_the_unit_with_an_approved_model(world, make_model, client_as):
    make_model("approved")
    html = (
        client_as("district_officer")
        .get(f"/campaigns/{world.campaign.pk}/progress/?year=2021")
        .content.decode()
    )
    assert "status-met" in html


def test_coverage_counts_units_with_at_least_one_approved_model(world, make_model):
    make_model("approved")
    make_model("exemplary", title="Thứ hai")
    make_model("submitted", unit=world.unit_b)
    result = coverage(world.campaign, 2021)
    assert (result.covered, result.participating, result.percent) == (1, 3, 33.3)
    rows = {unit.code: (approved, recorded) for unit, approved, recorded in result.rows}
    assert rows == {"t-tt-long-phu": (2, 2), "t-xa-long-phu": (0, 1), "t-phong-tu-phap": (0, 0)}


def test_the_overview_shows_coverage_and_draws_the_replication_network(world, make_model, client_as):
    from datetime import date

    from thidua.initiatives import services

    source = make_model("approved")
    services.model_adopt(
        actor=world.user("officer_b"),
        source=source,
        unit=world.unit_b,
        campaign=world.campaign,
        year=2021,
        started_on=date(2021, 10, 1),
    )
    response = client_as("viewer").get(
        "/reform-models/overview/", {"campaign": world.campaign.pk, "year": 2021}
    )
    assert response.status_code == 200
    html = response.content.decode()
    # The graph is drawn by ECharts from the JSON feed; the table beside it holds the same network.
    assert 'id="replication-network"' in html
    assert 'data-network="/reform-models/overview/network.json"' in html
    assert html.count("<tr>") - html.count("<thead><tr>") >= 1
    assert response.context["coverage"].covered == 1
    network = client_as("viewer").get("/reform-models/overview/network.json").json()
    names = {node["id"]: node["name"] for node in network["nodes"]}
    assert sorted(names.values()) == ["thị trấn Long Phú", "xã Long Phú"]
    assert [(names[link["source"]], names[link["target"]]) for link in network["links"]] == [
        ("thị trấn Long Phú", "xã Long Phú")
    ]
    from thidua.core.tests.test_content_security_policy import assert_page_keeps_to_the_policy

    assert_page_keeps_to_the_policy(response, "overview")


@pytest.mark.parametrize(
    "params", [{"year": "1999"}, {"year": "abc"}, {"campaign": "999"}, {"campaign": "x"}]
)
def test_the_overview_refuses_a_bad_year_or_campaign_with_400(world, client_as, params):
    response = client_as("district_officer").get("/reform-models/overview/", params)
    assert response.status_code == 400


def test_the_network_filters_by_year_and_category(world, make_model, client_as):
    from datetime import date

    from thidua.initiatives import services

    source = make_model("approved")
    services.model_adopt(
        actor=world.user("officer_b"),
        source=source,
        unit=world.unit_b,
        campaign=world.campaign,
        year=2021,
        started_on=date(2021, 10, 1),
    )
    client = client_as("district_officer")
    feed = "/reform-models/overview/network.json"
    assert len(client.get(feed, {"network_year": 2021}).json()["links"]) == 1
    other = next(code for code, _label in ModelCategory.choices if code != source.category)
    assert client.get(feed, {"category": other}).json() == {"nodes": [], "links": []}
    assert len(client.get(feed, {"category": source.category}).json()["links"]) == 1
    assert client.get(feed, {"network_year": 1999}).status_code == 400
    page = client.get("/reform-models/overview/", {"category": other})
    assert page.status_code == 200 and "network-table" not in page.content.decode()


def test_the_network_feed_holds_every_unit_of_a_large_district(world, client_as):
    from datetime import date

    from conftest import make_unit
    from thidua.initiatives import services
    from thidua.initiatives.tests.conftest import model_at_status
    from thidua.organizations.models import UnitKind

    officer = world.user("district_officer")
    source = model_at_status(world, "approved", None)
    for number in range(55):
        unit = make_unit(f"xa-{number}", f"Xã {number}", UnitKind.COMMUNE_COMMITTEE, world.district)
        services.model_adopt(
            actor=officer,
            source=source,
            unit=unit,
            campaign=world.campaign,
            year=2021,
            started_on=date(2021, 10, 1),
        )
    network = client_as("district_officer").get("/reform-models/overview/network.json").json()
    assert len(network["nodes"]) == 56
    assert len(network["links"]) == 55
