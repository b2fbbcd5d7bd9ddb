"""Data windows and due dates of periodic reports: pure date arithmetic, no database.

The reporting regime (Decree 09/2019/NĐ-CP, docs/reports.md) closes data on the 14th and opens on the 15th:

- month m of year y: 15th of the previous month → 14th of month m (January: 15/12 of y-1 → 14/01);
- quarter q: 15th of the month before the quarter → 14th of its last month (Q1: 15/12 of y-1 → 14/03);
- six months: 15/12 of y-1 → 14/06; nine months: 15/12 of y-1 → 14/09; the year: 15/12 of y-1 → 14/12.

Deadlines are local: a number of days (calendar or working days, Monday to Friday; public holidays are not known
to the product) after the closing date. A report is on time when it is sent before midnight (local time) at the
end of its due date.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

MONTHLY = "monthly"
QUARTERLY = "quarterly"
SIX_MONTH = "six_month"
NINE_MONTH = "nine_month"
ANNUAL = "annual"

# kind → the number of a period inside its year that is valid (monthly 1..12, quarterly 1..4, others 0 only)
NUMBERS = {MONTHLY: range(1, 13), QUARTERLY: range(1, 5), SIX_MONTH: (0,), NINE_MONTH: (0,), ANNUAL: (0,)}
CLOSING_MONTH = {SIX_MONTH: 6, NINE_MONTH: 9, ANNUAL: 12}
OPENING_DAY, CLOSING_DAY = 15, 14


def _previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def window(kind: str, year: int, number: int = 0) -> tuple[date, date]:
    """The first and last day of the data window of a period."""
    if kind not in NUMBERS:
        raise ValueError(f"unknown report kind {kind!r}")
    if number not in NUMBERS[kind]:
        raise ValueError(f"{kind} period number {number} is out of range")
    if kind == MONTHLY:
        first_month = last_month = number
    elif kind == QUARTERLY:
        first_month, last_month = 3 * number - 2, 3 * number
    else:
        first_month, last_month = 1, CLOSING_MONTH[kind]
    start_year, start_month = _previous_month(year, first_month)
    return date(start_year, start_month, OPENING_DAY), date(year, last_month, CLOSING_DAY)


def due_date(closing: date, offset_days: int, *, working_days: bool = False) -> date:
    """The deadline ``offset_days`` after the closing date, counting only Monday-Friday when ``working_days``."""
    if offset_days < 0:
        raise ValueError("the offset cannot be negative")
    if not working_days:
        return closing + timedelta(days=offset_days)
    day, left = closing, offset_days
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def deadline(due: date, zone: str) -> datetime:
    """The first instant that is late: midnight at the end of the due date in the given time zone."""
    return datetime.combine(due + timedelta(days=1), time(0, 0), tzinfo=ZoneInfo(zone))


def is_on_time(submitted_at: datetime, due: date, zone: str) -> bool:
    """Sent before midnight at the end of the due date (local time): 23:59:59 on the day is on time."""
    return submitted_at < deadline(due, zone)


def period_name(kind: str, year: int, number: int = 0) -> str:
    """The name reports are known by, in Vietnamese as they are printed: "6 tháng đầu năm 2022"."""
    if kind == MONTHLY:
        return f"Tháng {number:02d} năm {year}"
    if kind == QUARTERLY:
        return f"Quý {['I', 'II', 'III', 'IV'][number - 1]} năm {year}"
    return {SIX_MONTH: "6 tháng đầu năm", NINE_MONTH: "9 tháng năm", ANNUAL: "Năm"}[kind] + f" {year}"
