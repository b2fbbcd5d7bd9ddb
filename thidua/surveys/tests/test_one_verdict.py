"""One satisfaction verdict: the progress page, the district table, the unit page, their exports and the API
judge a unit against its campaign's target, and all follow an edit of that target."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from thidua.campaigns import services as campaign_services
from thidua.core.tests.xlsx import table_of
from thidua.surveys.selectors import satisfaction_targets
from thidua.surveys.tests.conftest import rate
from thidua.surveys.tests.test_pages import vi


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=9)))


@pytest.fixture
def year_2021(world, point_a, point_b, settings):
    """Unit A: 8 of 10 satisfied (80.00); unit B: 10 of 10 (100.00); the agency has no ratings."""
    settings.SURVEY_MIN_RESPONSES = 10
    for i in range(10):
        rate(point_a, 5 if i < 8 else 2, submitted_at=at(date(2021, 6, 1 + i)))
        rate(point_b, 5, submitted_at=at(date(2021, 6, 1 + i)))
    return world


def satisfaction_target(world):
    return world.campaign.targets.get(indicator="satisfaction_index")


def verdicts_everywhere(client, world, unit) -> dict[str, str | None]:
    """The verdict on unit for 2021 as each page, export and the API shows it."""
    progress = client.get(f"/campaigns/{world.campaign.pk}/progress/?year=2021").context["progress"]
    row = next(row for row in progress.rows if row.unit == unit)
    district = client.get("/satisfaction/?year=2021").context["rows"]
    unit_page = client.get(f"/satisfaction/units/{unit.code}/?year=2021")
    api = client.get(f"/api/satisfaction?unit={unit.code}&from=2021-01-01&to=2021-12-31").json()
    unit_sheet = rows_of(client.get(f"/satisfaction/units/{unit.code}/?year=2021&format=xlsx"))
    district_sheet = rows_of(client.get("/satisfaction/?year=2021&format=xlsx"))
    labels = {vi("met"): "met", vi("not met"): "not_met", vi("no data yet"): "no_data", vi("no target"): None}
    return {
        "progress page": next(
            cell.status for cell in row.cells if cell.target.indicator == "satisfaction_index"
        ),
        "district table": next(item["verdict"] for item in district if item["unit"] == unit),
        "unit page": unit_page.context["verdict"],
        "API": api["verdict"],
        "unit export (the year)": labels[unit_sheet[-1][vi("Against the target")]],
        "district export": labels[
            next(row for row in district_sheet if row[vi("Unit code")] == unit.code)[vi("Against the target")]
        ],
    }


def rows_of(reply) -> list[dict]:
    header, *rows = table_of(reply.content)
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_every_page_export_and_the_api_follow_an_edit_of_the_campaign_target(client_as, year_2021):
    world = year_2021
    client = client_as("district_officer")
    assert set(verdicts_everywhere(client, world, world.unit_a).values()) == {"not_met"}  # 80 is not > 90
    assert set(verdicts_everywhere(client, world, world.unit_b).values()) == {"met"}
    assert set(verdicts_everywhere(client, world, world.agency).values()) == {"no_data"}

    campaign_services.target_update(
        actor=world.user("district_officer"),
        target=satisfaction_target(world),
        comparison="gte",
        threshold=Decimal("80"),
        label="Chỉ số hài lòng",
        reason="Kế hoạch điều chỉnh: chỉ tiêu từ 80% trở lên",
    )

    assert set(verdicts_everywhere(client, world, world.unit_a).values()) == {"met"}  # 80 ≥ 80
    assert set(verdicts_everywhere(client, world, world.unit_b).values()) == {"met"}
    assert set(verdicts_everywhere(client, world, world.agency).values()) == {"no_data"}
    api = client.get(f"/api/satisfaction?unit={world.unit_a.code}&from=2021-01-01&to=2021-12-31").json()
    assert (api["campaign"], api["target_comparison"], Decimal(str(api["target"]))) == (
        "47/KH-UBND",
        "gte",
        Decimal("80"),
    )
    assert "≥ 80%" in client.get(f"/satisfaction/units/{world.unit_a.code}/?year=2021").content.decode()
    assert "≥ 80%" in client.get("/satisfaction/?year=2021").content.decode()


def test_a_year_no_campaign_covers_shows_no_verdict_and_no_made_up_target(
    client_as, world, point_a, settings
):
    settings.SURVEY_MIN_RESPONSES = 1
    rate(point_a, 5, submitted_at=at(date(2023, 3, 1)))  # the campaign runs 2021–2022
    client = client_as("district_officer")
    district = client.get("/satisfaction/?year=2023")
    row = next(item for item in district.context["rows"] if item["unit"] == world.unit_a)
    assert (row["summary"].index, row["target"], row["verdict"]) == (Decimal("100.00"), None, None)
    assert district.context["counts"] == {"met": 0, "not_met": 0, "too_few_responses": 0, "no_data": 0}
    unit_page = client.get(f"/satisfaction/units/{world.unit_a.code}/?year=2023")
    assert (unit_page.context["target"], unit_page.context["verdict"]) == (None, None)
    trend = client.get(f"/satisfaction/units/{world.unit_a.code}/trend.json?year=2023").json()["charts"][0]
    assert trend["target"] is None  # no target line
    assert {row["status"] for row in trend["rows"]} == {"no_data"} and trend["rows"][2]["value"] == 100
    api = client.get(f"/api/satisfaction?unit={world.unit_a.code}&from=2023-01-01&to=2023-12-31").json()
    assert (api["responses"], api["target"], api["verdict"]) == (1, None, None)


def test_the_most_recently_issued_campaign_covering_the_year_judges_the_unit(world):
    later = campaign_services.campaign_create(
        actor=None,
        number="12/KH-UBND",
        title="Kế hoạch bổ sung",
        issue_date=date(2022, 1, 10),
        issuing_unit=world.district,
        period_start=date(2022, 1, 1),
        period_end=date(2022, 12, 31),
        participating_kinds=["commune_committee"],
    )
    campaign_services.target_create(
        actor=None,
        campaign=later,
        indicator="satisfaction_index",
        label="Chỉ số hài lòng",
        comparison="gte",
        threshold=Decimal("95"),
        unit_of_measure="%",
        position=0,
    )
    units = [world.unit_a, world.agency]
    in_2021 = satisfaction_targets(units, 2021)
    in_2022 = satisfaction_targets(units, 2022)
    assert {unit_id: target.campaign.number for unit_id, target in in_2021.items()} == {
        world.unit_a.pk: "47/KH-UBND",
        world.agency.pk: "47/KH-UBND",
    }
    # 2022: both campaigns cover it; the later one judges the commune, and the agency, which it leaves out,
    # stays with plan 47.
    assert {unit_id: target.campaign.number for unit_id, target in in_2022.items()} == {
        world.unit_a.pk: "12/KH-UBND",
        world.agency.pk: "47/KH-UBND",
    }
    assert satisfaction_targets(units, 2023) == {}
