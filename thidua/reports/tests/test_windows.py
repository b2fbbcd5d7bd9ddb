"""The reporting regime's windows (15th → 14th) and local deadlines: pure date arithmetic."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from thidua.reports import windows

WINDOWS = [
    # kind, year, number, start, end
    (windows.ANNUAL, 2022, 0, date(2021, 12, 15), date(2022, 12, 14)),
    (windows.SIX_MONTH, 2022, 0, date(2021, 12, 15), date(2022, 6, 14)),
    (windows.NINE_MONTH, 2022, 0, date(2021, 12, 15), date(2022, 9, 14)),
    (windows.MONTHLY, 2022, 1, date(2021, 12, 15), date(2022, 1, 14)),  # January opens in the previous year
    (windows.MONTHLY, 2024, 3, date(2024, 2, 15), date(2024, 3, 14)),  # across a leap February
    (windows.MONTHLY, 2023, 3, date(2023, 2, 15), date(2023, 3, 14)),
    (windows.MONTHLY, 2022, 12, date(2022, 11, 15), date(2022, 12, 14)),
    (windows.QUARTERLY, 2022, 1, date(2021, 12, 15), date(2022, 3, 14)),
    (windows.QUARTERLY, 2022, 2, date(2022, 3, 15), date(2022, 6, 14)),
    (windows.QUARTERLY, 2022, 4, date(2022, 9, 15), date(2022, 12, 14)),
    (windows.ANNUAL, 2000, 0, date(1999, 12, 15), date(2000, 12, 14)),
]


@pytest.mark.parametrize(("kind", "year", "number", "start", "end"), WINDOWS)
def test_windows_run_from_the_15th_to_the_14th(kind, year, number, start, end):
    assert windows.window(kind, year, number) == (start, end)


def test_consecutive_months_and_quarters_leave_no_gap_and_no_overlap():
    for kind, numbers in ((windows.MONTHLY, range(1, 13)), (windows.QUARTERLY, range(1, 5))):
        spans = [windows.window(kind, 2024, number) for number in numbers]
        for (_start, end), (next_start, _end) in zip(spans, spans[1:], strict=False):
            assert (next_start - end).days == 1
        assert spans[0][0] == date(2023, 12, 15) and spans[-1][1] == date(2024, 12, 14)


@pytest.mark.parametrize(
    ("kind", "number"),
    [(windows.MONTHLY, 0), (windows.MONTHLY, 13), (windows.QUARTERLY, 5), (windows.ANNUAL, 1), ("weekly", 0)],
)
def test_a_period_that_does_not_exist_is_refused(kind, number):
    with pytest.raises(ValueError):
        windows.window(kind, 2022, number)


DUE = [
    # closing, offset, working days, due
    (date(2022, 12, 14), 2, True, date(2022, 12, 16)),  # Wednesday → Friday
    (date(2022, 6, 14), 2, True, date(2022, 6, 16)),
    (date(2022, 1, 14), 2, True, date(2022, 1, 18)),  # Friday → Tuesday, over the weekend
    (date(2022, 1, 14), 2, False, date(2022, 1, 16)),
    (date(2024, 2, 14), 15, False, date(2024, 2, 29)),  # leap year
    (date(2023, 2, 14), 15, False, date(2023, 3, 1)),
    (date(2022, 12, 14), 20, False, date(2023, 1, 3)),  # into the next year
    (date(2022, 12, 14), 0, True, date(2022, 12, 14)),
]


@pytest.mark.parametrize(("closing", "offset", "working", "due"), DUE)
def test_due_dates_count_days_or_working_days_after_the_closing_date(closing, offset, working, due):
    assert windows.due_date(closing, offset, working_days=working) == due


def test_a_negative_offset_is_refused():
    with pytest.raises(ValueError):
        windows.due_date(date(2022, 12, 14), -1)


ZONE = "Asia/Ho_Chi_Minh"
LOCAL = ZoneInfo(ZONE)


@pytest.mark.parametrize(
    ("sent", "on_time"),
    [
        (datetime(2022, 12, 16, 23, 59, tzinfo=LOCAL), True),
        (datetime(2022, 12, 16, 23, 59, 59, 999999, tzinfo=LOCAL), True),
        (datetime(2022, 12, 17, 0, 0, tzinfo=LOCAL), False),
        # 16:59 UTC is 23:59 in Hanoi (UTC+7): on time; 17:00 UTC is midnight: late.
        (datetime(2022, 12, 16, 16, 59, tzinfo=ZoneInfo("UTC")), True),
        (datetime(2022, 12, 16, 17, 0, tzinfo=ZoneInfo("UTC")), False),
    ],
)
def test_on_time_means_before_local_midnight_at_the_end_of_the_due_date(sent, on_time):
    assert windows.is_on_time(sent, date(2022, 12, 16), ZONE) is on_time


def test_period_names_are_printed_as_the_reports_are_known():
    assert windows.period_name(windows.SIX_MONTH, 2022) == "6 tháng đầu năm 2022"
    assert windows.period_name(windows.ANNUAL, 2022) == "Năm 2022"
    assert windows.period_name(windows.QUARTERLY, 2022, 3) == "Quý III năm 2022"
    assert windows.period_name(windows.MONTHLY, 2022, 1) == "Tháng 01 năm 2022"
