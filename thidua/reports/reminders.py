"""Reminders as periodic work: "due in N days" before the due date and "overdue" after it, once per report.

Each reminder is written down (``ReportReminder``, one per period, unit, kind and due date), so a reminder is told
once however often the work runs, and again only if the due date changes. Overdue reminders are sent for periods
whose due date passed less than ``OVERDUE_LOOKBACK_DAYS`` ago, so an old period does not wake up a new installation.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.events import Event, Reason, announce, recipients_of
from thidua.jobs.registry import PeriodicWork, register_periodic
from thidua.reports.models import ReminderKind, ReportPeriod, ReportReminder, ReportStatus, UnitReport

OVERDUE_LOOKBACK_DAYS = 60


def reminder_days() -> int:
    return int(getattr(settings, "REPORT_REMINDER_DAYS", 3))


def remind(today=None) -> int:
    """Announce the reminders due today; the number of reminders told."""
    from thidua.reports.services import people_who_may, report_url

    today = today or timezone.localdate()
    soon = today + timedelta(days=reminder_days())
    periods = ReportPeriod.objects.filter(
        due_date__gte=today - timedelta(days=OVERDUE_LOOKBACK_DAYS), due_date__lte=soon
    ).select_related("campaign")
    told = 0
    for period in periods:
        kind = ReminderKind.OVERDUE if period.due_date < today else ReminderKind.DUE_SOON
        sent = {
            report.unit_id
            for report in UnitReport.objects.filter(period=period).exclude(
                status__in=[ReportStatus.DRAFT, ReportStatus.READY]
            )
        }
        for unit in period.units():
            if unit.pk in sent:
                continue
            try:
                with transaction.atomic():
                    ReportReminder.objects.create(
                        period=period, unit=unit, kind=kind, due_date=period.due_date
                    )
                    if kind == ReminderKind.OVERDUE:
                        reason = Reason.OVERDUE
                        title = _("The report %(period)s is overdue (due %(due)s)")
                    else:
                        reason = Reason.WAITING
                        title = _("The report %(period)s is due in %(days)s days (%(due)s)")
                    announce(
                        Event(
                            kind=f"report.{kind}",
                            reason=reason,
                            recipients=recipients_of(
                                {
                                    *people_who_may("reports.write", unit),
                                    *people_who_may("reports.submit", unit),
                                }
                            ),
                            title=title
                            % {
                                "period": period.name,
                                "due": period.due_date.strftime("%d/%m/%Y"),
                                "days": (period.due_date - today).days,
                            },
                            url=report_url(period, unit),
                            key=f"report-reminder:{period.pk}:{unit.pk}:{kind}:{period.due_date.isoformat()}",
                            unit_id=unit.pk,
                        )
                    )
            except IntegrityError:
                continue  # told already
            told += 1
    return told


register_periodic(
    PeriodicWork("reports.remind", timedelta(hours=6), remind, "Remind units of reports due soon or overdue")
)
