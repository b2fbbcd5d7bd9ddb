"""The dashboards' JSON feeds give the progress page's figures, for the people who may see them."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client

from conftest import PERSONAS
from thidua.campaigns.models import Campaign
from thidua.core.tests.xlsx import table_of
from thidua.organizations.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(empty_database, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", force=True, stdout=io.StringIO())
    return Campaign.objects.order_by("pk").first()


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _charts(data: dict) -> dict:
    return {chart["code"]: chart for chart in data["charts"]}


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def test_the_district_feed_gives_the_figures_of_the_progress_page(demo):
    from thidua.initiatives.selectors import coverage
    from thidua.surveys.selectors import monthly_trend

    client = _client("noivu")
    data = client.get("/dashboard/district.json", {"campaign": demo.pk, "year": 2021}).json()
    progress = client.get(f"/campaigns/{demo.pk}/progress/", {"year": 2021}).context["progress"]
    charts = _charts(data)
    assert list(charts) == [
        "coverage",
        "target-satisfaction_index",
        "monthly-satisfaction_index",
        "target-office_culture",
        "overdue",
        "awards",
    ]
    # Every unit's value and verdict, target by target, as the progress page shows them.
    for index, target in enumerate(progress.targets):
        code = "coverage" if target.indicator == "reform_models" else f"target-{target.indicator}"
        by_unit = {row["code"]: row for row in charts[code]["rows"]}
        assert len(by_unit) == len(progress.rows) == 28
        for row in progress.rows:
            cell = row.cells[index]
            assert by_unit[row.unit.code]["status"] == cell.status, (code, row.unit.code)
            assert by_unit[row.unit.code]["value"] == _number(cell.value), (code, row.unit.code)
        assert charts[code]["target"]["condition"] == target.condition

    # The demo district's figures, written out.
    assert (charts["coverage"]["covered"], charts["coverage"]["participating"]) == (3, 28)
    assert charts["coverage"]["percent"] == 10.7
    assert coverage(demo, 2021).covered == 3
    satisfaction = charts["target-satisfaction_index"]
    assert satisfaction["summary"] == "8 đạt, 6 chưa đạt, 14 chưa có dữ liệu"
    first = satisfaction["rows"][0]
    assert (first["code"], first["value"], first["low"], first["high"], first["count"], first["status"]) == (
        "lp-phong-tu-phap",
        98.78,
        93.41,
        99.79,
        82,
        "met",
    )
    values = [row["value"] for row in satisfaction["rows"] if row["value"] is not None]
    assert values == sorted(values, reverse=True)
    assert charts["target-office_culture"]["summary"] == "2 đạt, 0 chưa đạt, 26 chưa có dữ liệu"

    monthly = charts["monthly-satisfaction_index"]
    trend = monthly_trend(unit_ids=[row.unit.pk for row in progress.rows], year=2021)
    assert [row["count"] for row in monthly["rows"]] == [summary.responses for _month, summary in trend]
    assert [row["value"] for row in monthly["rows"]] == [
        _number(summary.index) if summary.responses else None for _month, summary in trend
    ]
    assert sum(row["count"] for row in monthly["rows"]) == 1655

    assert [(row["unit"], row["due"]) for row in charts["overdue"]["rows"]] == [
        ("Ủy ban nhân dân thị trấn Long Phú", "2021-07-31")
    ]
    assert [(row["unit"], row["decision"]) for row in charts["awards"]["rows"]] == [
        ("Ủy ban nhân dân thị trấn Long Phú", "01/QĐ-UBND")
    ]


def test_the_exports_hold_the_rows_of_the_feed(demo):
    client = _client("noivu")
    data = client.get("/dashboard/district.json", {"campaign": demo.pk, "year": 2021}).json()
    satisfaction = _charts(data)["target-satisfaction_index"]
    response = client.get(satisfaction["export_url"])
    assert response.status_code == 200
    table = table_of(response.content)
    assert table[0][:5] == (
        "Đơn vị",
        "Giá trị (%)",
        "Cận dưới khoảng tin cậy",
        "Cận trên khoảng tin cậy",
        "Số phiếu",
    )
    assert [(row[0], row[1]) for row in table[1:]] == [
        (row["unit"], row["value"]) for row in satisfaction["rows"]
    ]


def test_the_unit_feed_gives_the_units_row_of_the_progress_page(demo):
    client = _client("thutruong1")
    data = client.get("/dashboard/units/lp-tt-long-phu/data.json", {"campaign": demo.pk, "year": 2021}).json()
    indicators = _charts(data)["indicators"]["rows"]
    progress = _client("noivu").get(f"/campaigns/{demo.pk}/progress/", {"year": 2021}).context["progress"]
    row = next(row for row in progress.rows if row.unit.code == "lp-tt-long-phu")
    assert [(item["value"], item["status"]) for item in indicators] == [
        (_number(cell.value), cell.status) for cell in row.cells
    ]
    assert [(item["indicator"], item["value"], item["count"]) for item in indicators] == [
        ("reform_models", 1, 1),
        ("satisfaction_index", 94.58, 166),
        ("office_culture", 89.29, 1),
    ]
    monthly = _charts(data)["monthly-satisfaction_index"]
    assert sum(item["count"] for item in monthly["rows"]) == 166


def test_the_kind_filter_keeps_the_units_of_that_kind(demo):
    client = _client("noivu")
    data = client.get(
        "/dashboard/district.json", {"campaign": demo.pk, "year": 2021, "kind": "commune_committee"}
    ).json()
    codes = {row["code"] for row in _charts(data)["coverage"]["rows"]}
    assert codes and all(code.startswith(("lp-xa-", "lp-tt-")) for code in codes)


# ---- with the small world: filters and access ------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [{"year": "1999"}, {"kind": "nonsense"}, {"campaign": "abc"}, {"campaign": "999999"}, {"year": "x"}],
)
def test_bad_filters_answer_400_with_the_errors(world, client_as, query):
    response = client_as("district_officer").get("/dashboard/district.json", query)
    assert response.status_code == 400
    assert response.json()["errors"]


def test_an_unknown_chart_or_format_answers_404(world, client_as):
    client = client_as("district_officer")
    assert client.get("/dashboard/district/export/", {"chart": "nope", "format": "xlsx"}).status_code == 404
    assert (
        client.get("/dashboard/district/export/", {"chart": "coverage", "format": "pdf"}).status_code == 404
    )


DISTRICT = {"district_officer", "chairman", "council_member", "viewer"}
READERS_OF_A = {
    "officer_a",
    "head_a",
    "district_officer",
    "inspector",
    "council_member",
    "chairman",
    "viewer",
}


def _expected_district(persona: str) -> int:
    if persona == "anonymous":
        return 302
    return 200 if persona in DISTRICT else 403


def _expected_unit_a(persona: str) -> int:
    if persona == "anonymous":
        return 302
    return 200 if persona in READERS_OF_A else 404


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "url", ["/dashboard/district.json", "/dashboard/district/export/?chart=coverage&format=xlsx"]
)
def test_the_district_dashboard_is_for_the_district_roles(world, client_as, persona, url):
    assert client_as(persona).get(url).status_code == _expected_district(persona)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("suffix", ["", "data.json", "export/?chart=indicators&format=xlsx"])
def test_a_units_dashboard_is_for_its_readers_and_another_unit_answers_404(world, client_as, persona, suffix):
    response = client_as(persona).get(f"/dashboard/units/{world.unit_a.code}/{suffix}")
    assert response.status_code == _expected_unit_a(persona)


@pytest.mark.parametrize("persona", [persona for persona in PERSONAS if persona != "anonymous"])
def test_the_start_page_shows_the_district_dashboard_or_the_units_dashboards(world, client_as, persona):
    html = client_as(persona).get("/").content.decode()
    assert ('id="district-dashboard"' in html) == (persona in DISTRICT)
    if persona.endswith("_a"):
        assert f"/dashboard/units/{world.unit_a.code}/" in html
        assert f"/dashboard/units/{world.unit_b.code}/" not in html


def test_the_dashboard_pages_keep_to_the_policy(world, client_as):
    from thidua.core.tests.test_content_security_policy import assert_page_keeps_to_the_policy

    assert_page_keeps_to_the_policy(client_as("district_officer").get("/"), "home")
    assert_page_keeps_to_the_policy(
        client_as("officer_a").get(f"/dashboard/units/{world.unit_a.code}/"), "unit dashboard"
    )
