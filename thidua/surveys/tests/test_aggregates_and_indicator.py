"""Aggregates kept with each rating agree with the raw answers; indices and the campaign indicator read them."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from thidua.campaigns.progress import campaign_progress
from thidua.surveys import selectors
from thidua.surveys.models import DailyCount, MonthlyCount, MonthlyTotal
from thidua.surveys.tests.conftest import rate


def at(day: date):
    return timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 10, 0))


def test_the_verify_command_agrees_after_ratings_and_detects_and_repairs_drift(point_a, point_b):
    rate(point_a, 5, answers={"access": 4}, submitted_at=at(date(2021, 3, 31)))
    rate(point_a, 2, submitted_at=at(date(2021, 4, 1)))
    rate(point_b, 4, submitted_at=at(date(2021, 4, 1)))
    out = StringIO()
    call_command("survey_aggregates", stdout=out)
    assert "agree with the raw answers" in out.getvalue()
    DailyCount.objects.filter(level=2).update(count=7)
    MonthlyTotal.objects.all().delete()
    with pytest.raises(CommandError):
        call_command("survey_aggregates", stdout=StringIO())
    out = StringIO()
    call_command("survey_aggregates", "--rebuild", stdout=out)
    assert "agree with the raw answers" in out.getvalue()
    assert DailyCount.objects.get(level=2).count == 1
    assert sorted(MonthlyTotal.objects.values_list("collection_point_id", "month", "responses")) == [
        (point_a.pk, date(2021, 3, 1), 1),
        (point_a.pk, date(2021, 4, 1), 1),
        (point_b.pk, date(2021, 4, 1), 1),
    ]


def test_monthly_rows_sum_the_days_of_the_month(point_a):
    for day in (1, 15, 30):
        rate(point_a, 5, submitted_at=at(date(2021, 6, day)))
    overall = MonthlyCount.objects.get(month=date(2021, 6, 1), level=5)
    assert overall.count == 3
    assert DailyCount.objects.filter(level=5).count() == 3


def test_a_period_with_ragged_edges_reads_days_and_whole_months_exactly(point_a):
    # 5 ratings: 2 in March (31st: satisfied; 30th: not), 2 in April (satisfied), 1 on 1 May (not).
    for day, score in [
        ((2021, 3, 30), 2),
        ((2021, 3, 31), 5),
        ((2021, 4, 10), 4),
        ((2021, 4, 20), 5),
        ((2021, 5, 1), 1),
    ]:
        rate(point_a, score, submitted_at=at(date(*day)))
    # 31/03–01/05: the 31st (5), April (4, 5), 1 May (1) → 3 of 4 satisfied = 75.00
    summary = selectors.summary_for(start=date(2021, 3, 31), end=date(2021, 5, 1), point_ids=[point_a.pk])
    assert (summary.responses, summary.index, summary.rule) == (4, Decimal("75.00"), "overall_question")
    whole = selectors.summary_for(start=date(2021, 1, 1), end=date(2021, 12, 31), unit_ids=[point_a.unit_id])
    assert (whole.responses, whole.index) == (5, Decimal("60.00"))


def test_split_period_uses_months_only_for_whole_months():
    days, months = selectors.split_period(date(2021, 3, 31), date(2021, 5, 1))
    assert days == [(date(2021, 3, 31), date(2021, 3, 31)), (date(2021, 5, 1), date(2021, 5, 1))]
    assert months == (date(2021, 4, 1), date(2021, 4, 1))
    assert selectors.split_period(date(2021, 1, 1), date(2021, 12, 31)) == (
        [],
        (date(2021, 1, 1), date(2021, 12, 1)),
    )
    assert selectors.split_period(date(2021, 2, 3), date(2021, 2, 9)) == (
        [(date(2021, 2, 3), date(2021, 2, 9))],
        None,
    )


def test_campaign_progress_reports_the_satisfaction_index_met_not_met_and_no_data(
    world, point_a, point_b, settings
):
    settings.SURVEY_MIN_RESPONSES = 10
    for i in range(10):  # unit A: 10 of 10 satisfied → 100.00, met
        rate(point_a, 5, submitted_at=at(date(2021, 5, 1 + i)))
    for i in range(10):  # unit B: 9 of 10 satisfied → 90.00, not above 90 → not met
        rate(point_b, 5 if i < 9 else 3, submitted_at=at(date(2021, 5, 1 + i)))
    progress = campaign_progress(world.campaign, 2021)
    cells = {
        row.unit.code: next(cell for cell in row.cells if cell.target.indicator == "satisfaction_index")
        for row in progress.rows
    }
    assert (cells["t-tt-long-phu"].status, cells["t-tt-long-phu"].value) == ("met", Decimal("100.00"))
    assert (cells["t-xa-long-phu"].status, cells["t-xa-long-phu"].value) == ("not_met", Decimal("90.00"))
    assert cells["t-phong-tu-phap"].status == "no_data"
    assert cells["t-phong-tu-phap"].value is None
    settings.SURVEY_MIN_RESPONSES = 11
    progress = campaign_progress(world.campaign, 2021)
    row = next(row for row in progress.rows if row.unit.code == "t-tt-long-phu")
    cell = next(cell for cell in row.cells if cell.target.indicator == "satisfaction_index")
    assert cell.status == "no_data"
    assert "11" in cell.detail


def test_progress_api_reports_satisfaction_index(client_as, world, point_a, settings):
    settings.SURVEY_MIN_RESPONSES = 1
    rate(point_a, 5, submitted_at=at(date(2022, 2, 2)))
    body = client_as("anonymous").get(f"/api/campaigns/{world.campaign.pk}/progress?year=2022").json()
    row = next(row for row in body["rows"] if row["unit"]["code"] == "t-tt-long-phu")
    target = next(item for item in row["targets"] if item["indicator"] == "satisfaction_index")
    assert target["status"] == "met"
    assert Decimal(str(target["value"])) == Decimal("100.00")


def test_sipas_point_uses_the_element_mean_through_the_whole_stack(world, sipas):
    from thidua.surveys import services

    point = services.collection_point_create(actor=None, unit=world.agency, name="SIPAS", questionnaire=sipas)
    when = at(date(2021, 8, 8))
    # access 3/4 then 4/5 with the second form; procedure 0/1; civil servant 1/1; result and feedback unanswered
    services.rating_record(
        point=point,
        client_id="sipas-form-1",
        source="paper",
        submitted_at=when,
        answers={"a1": 5, "a2": 5, "a3": 4, "a4": 2, "p1": 1},
    )
    services.rating_record(
        point=point, client_id="sipas-form-2", source="paper", submitted_at=when, answers={"a1": 5, "c1": 5}
    )
    summary = selectors.summary_for(start=date(2021, 1, 1), end=date(2021, 12, 31), point_ids=[point.pk])
    # (4/5 + 0 + 1) / 3 = 0.6
    assert (summary.rule, summary.responses, summary.index) == ("element_mean", 2, Decimal("60.00"))
    assert [element["index"] for element in summary.elements] == [
        Decimal("80.00"),
        Decimal("0.00"),
        Decimal("100.00"),
        None,
        None,
    ]


def test_the_nightly_check_records_a_disagreement_as_the_runs_error(point_a):
    from django.core.management import call_command

    from thidua.jobs.models import PeriodicRun
    from thidua.jobs.services import periodic_run_due
    from thidua.surveys.models import DailyTotal
    from thidua.surveys.tests.conftest import rate

    rate(point_a, 5)
    assert periodic_run_due(only="surveys.verify_aggregates", force=True) == ["surveys.verify_aggregates"]
    assert PeriodicRun.objects.get(name="surveys.verify_aggregates").last_error == ""
    DailyTotal.objects.update(responses=7)
    periodic_run_due(only="surveys.verify_aggregates", force=True)
    assert "rows differ" in PeriodicRun.objects.get(name="surveys.verify_aggregates").last_error
    out = __import__("io").StringIO()
    call_command("run_periodic", "--list", stdout=out)
    assert "surveys.verify_aggregates" in out.getvalue() and "ERROR" in out.getvalue()
