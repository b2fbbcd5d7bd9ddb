"""The demo's 2022 reports: on time, one late, one returned with comments, one missing; what waits for whom."""

import io

import pytest
from django.core.management import call_command

from thidua.core.panels import waiting_work_for
from thidua.organizations.models import User
from thidua.reports.models import ReportKind, ReportPeriod
from thidua.reports.selectors import board_counts, board_rows

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_2022_six_month_and_annual_reports(empty_database):
    call_command("seed_demo", force=True, stdout=io.StringIO())
    periods = {period.kind: period for period in ReportPeriod.objects.filter(year=2022)}
    assert set(periods) == {ReportKind.SIX_MONTH, ReportKind.ANNUAL}
    annual = periods[ReportKind.ANNUAL]
    assert (annual.window_start.isoformat(), annual.window_end.isoformat(), annual.due_date.isoformat()) == (
        "2021-12-15",
        "2022-12-14",
        "2022-12-16",
    )
    counts = board_counts(board_rows(annual), annual)
    assert (counts["late"], counts["not_sent"], counts["returned"]) == (1, 1, 1)
    assert counts["on_time"] == counts["units"] - 2 and counts["accepted"] == counts["units"] - 2
    six = board_counts(board_rows(periods[ReportKind.SIX_MONTH]), periods[ReportKind.SIX_MONTH])
    assert (six["late"], six["not_sent"], six["returned"]) == (1, 1, 0)

    def waiting(username):
        return [
            item.label
            for item in waiting_work_for(User.objects.get(username=username))
            if "/reports/" in item.url
        ]

    assert any("bị trả lại" in label for label in waiting("canbo1"))
    assert len(waiting("canbo2")) == 2  # the commune of Long Phú has written neither report
    assert waiting("noivu") == []  # nothing submitted waits for review
    call_command("seed_demo", force=True, stdout=io.StringIO())
    assert board_counts(board_rows(annual), annual) == counts  # a second run changes nothing
