"""Reads for the report pages, the board, the API and the compiled report."""

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from thidua.organizations.access import unit_ids_for
from thidua.organizations.models import Unit
from thidua.reports.models import ReportPeriod, ReportStatus, UnitReport

MISSING = "missing"
STATUS_KEYS = [*ReportStatus.values, MISSING]


@dataclass
class BoardRow:
    unit: Unit
    report: UnitReport | None

    @property
    def status(self) -> str:
        return self.report.status if self.report else MISSING

    @property
    def timeliness(self) -> str:
        """on_time, late, or '' (not sent yet)."""
        if self.report is None or self.report.on_time is None:
            return ""
        return "on_time" if self.report.on_time else "late"


def visible_periods(user: Any) -> QuerySet[ReportPeriod]:
    """Periods of campaigns whose units the person can see (any role, any of the campaign's units)."""
    units = unit_ids_for(user, "reports.view")
    periods = ReportPeriod.objects.select_related("campaign__issuing_unit").order_by("-window_end", "kind")
    return periods.filter(pk__in=[period.pk for period in periods if _touches(period, units)])


def _touches(period: ReportPeriod, units: set[int]) -> bool:
    return period.campaign.issuing_unit_id in units or any(unit.pk in units for unit in period.units())


def board_rows(period: ReportPeriod, unit_ids: set[int] | None = None) -> list[BoardRow]:
    units = [unit for unit in period.units() if unit_ids is None or unit.pk in unit_ids]
    reports = {
        report.unit_id: report
        for report in UnitReport.objects.filter(period=period).select_related("period", "submitted_by")
    }
    return [BoardRow(unit=unit, report=reports.get(unit.pk)) for unit in units]


def board_counts(rows: list[BoardRow], period: ReportPeriod) -> dict[str, int]:
    """Reports by status (missing: no report sent), and on time / late / not sent after the due date."""
    counts = Counter(row.status for row in rows)
    result = {key: counts.get(key, 0) for key in STATUS_KEYS}
    result["on_time"] = sum(1 for row in rows if row.timeliness == "on_time")
    result["late"] = sum(1 for row in rows if row.timeliness == "late")
    result["not_sent"] = sum(1 for row in rows if row.timeliness == "")
    result["units"] = len(rows)
    return result
