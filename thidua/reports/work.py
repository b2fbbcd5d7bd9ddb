"""What waits for each role (the start page's waiting work): reports to write, to submit, returned, to review."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.panels import WaitingItem
from thidua.organizations.access import unit_ids_for
from thidua.reports.models import ReportPeriod, ReportStatus, UnitReport
from thidua.reports.services import report_url


def _open_periods(unit_ids: set[int]) -> list[ReportPeriod]:
    """Periods whose window has opened, of campaigns that cover any of the units."""
    if not unit_ids:
        return []
    today = timezone.localdate()
    return list(
        ReportPeriod.objects.filter(window_start__lte=today).select_related("campaign").order_by("due_date")
    )


def waiting_work(user: Any) -> list[WaitingItem]:
    items: list[WaitingItem] = []
    writable = unit_ids_for(user, "reports.write")
    if writable:
        for period in _open_periods(writable):
            units = [unit for unit in period.units() if unit.pk in writable]
            reports = {
                report.unit_id: report
                for report in UnitReport.objects.filter(period=period, unit__in=[unit.pk for unit in units])
            }
            for unit in units:
                report = reports.get(unit.pk)
                if report is None or report.status == ReportStatus.DRAFT:
                    label = _("Write the report %(period)s of %(unit)s (due %(due)s)")
                elif report.status == ReportStatus.RETURNED:
                    label = _("Revise the returned report %(period)s of %(unit)s")
                else:
                    continue
                items.append(
                    WaitingItem(
                        label
                        % {
                            "period": period.name,
                            "unit": unit.name,
                            "due": period.due_date.strftime("%d/%m/%Y"),
                        },
                        report_url(period, unit),
                    )
                )
    for action, status, label in (
        ("reports.submit", ReportStatus.READY, _("Sign and submit the report %(period)s of %(unit)s")),
        ("reports.review", ReportStatus.SUBMITTED, _("Review the report %(period)s of %(unit)s")),
    ):
        units = unit_ids_for(user, action)
        if not units:
            continue
        for report in (
            UnitReport.objects.filter(status=status, unit__in=units)
            .select_related("period", "unit")
            .order_by("submitted_at", "updated_at")
        ):
            items.append(
                WaitingItem(
                    label % {"period": report.period.name, "unit": report.unit.name},
                    report_url(report.period, report.unit),
                )
            )
    return items
