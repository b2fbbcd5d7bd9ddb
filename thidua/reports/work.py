"""What waits for each role (the start page's waiting work): reports to write, to submit, returned, to review."""

from datetime import date, datetime, time
from typing import Any

from django.urls import reverse
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
                    kind, label = (
                        "reports.to_write",
                        _("Write the report %(period)s of %(unit)s (due %(due)s)"),
                    )
                    since = _start_of(period.window_start)
                elif report.status == ReportStatus.RETURNED:
                    kind, label = "reports.returned", _("Revise the returned report %(period)s of %(unit)s")
                    since = report.updated_at
                else:
                    continue
                items.append(
                    WaitingItem(
                        kind=kind,
                        title=label
                        % {
                            "period": period.name,
                            "unit": unit.name,
                            "due": period.due_date.strftime("%d/%m/%Y"),
                        },
                        url=report_url(period, unit),
                        since=since,
                        unit=unit,
                        due=period.due_date,
                        overdue=period.due_date < timezone.localdate(),
                    )
                )
    for kind, action, status, label in (
        (
            "reports.to_submit",
            "reports.submit",
            ReportStatus.READY,
            _("Sign and submit the report %(period)s of %(unit)s"),
        ),
        (
            "reports.to_review",
            "reports.review",
            ReportStatus.SUBMITTED,
            _("Review the report %(period)s of %(unit)s"),
        ),
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
                    kind=kind,
                    title=label % {"period": report.period.name, "unit": report.unit.name},
                    url=report_url(report.period, report.unit),
                    since=report.submitted_at or report.updated_at,
                    unit=report.unit,
                    due=report.period.due_date if kind == "reports.to_submit" else None,
                    overdue=kind == "reports.to_submit" and report.period.due_date < timezone.localdate(),
                )
            )
    return items


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def overdue_reports(campaign: Any, year: int, units: Any) -> list:
    """The dashboards' overdue work: reports of the campaign's periods of ``year`` not sent by their due date."""
    from thidua.campaigns.dashboard import OverdueItem

    today = timezone.localdate()
    unit_ids = [unit.pk for unit in units]
    sent = {
        (report.period_id, report.unit_id)
        for report in UnitReport.objects.filter(
            period__campaign=campaign,
            period__year=year,
            unit_id__in=unit_ids,
            first_submitted_at__isnull=False,
        )
    }
    items = []
    for period in ReportPeriod.objects.filter(campaign=campaign, year=year, due_date__lt=today).order_by(
        "due_date", "pk"
    ):
        for unit in period.units():
            if unit.pk in unit_ids and (period.pk, unit.pk) not in sent:
                items.append(
                    OverdueItem(
                        unit_id=unit.pk,
                        label=str(period.name),
                        due_date=period.due_date,
                        url=reverse("reports-period-board", kwargs={"period_id": period.pk}),
                    )
                )
    return items
