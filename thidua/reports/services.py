"""Every change to report schedules, periods, unit reports and compiled reports goes through these functions.

A move that is not allowed from the report's state raises ValidationError with a message for the person and
changes nothing. Moves that make something wait for a person announce an event (``thidua.core.events``), told
after the transaction commits.
"""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns.models import Campaign
from thidua.core.audit import audit_record
from thidua.core.events import Event, Reason, announce, recipients_of
from thidua.core.text import clean_text
from thidua.organizations.access import roles_for_action
from thidua.organizations.models import DocumentType, Membership, Unit
from thidua.organizations.services import document_number_issue
from thidua.reports import windows
from thidua.reports.indicators import indicator_codes, measure_units
from thidua.reports.models import (
    CommentKind,
    CompiledReport,
    CompiledVersion,
    ReportComment,
    ReportPeriod,
    ReportSchedule,
    ReportStatus,
    ReportTemplate,
    UnitReport,
)

NARRATIVE_MAX = 20000


# --- who is told ----------------------------------------------------------------------------------------------


def _ancestor_ids(unit: Unit) -> set[int]:
    ids, current = set(), unit
    while current is not None and current.pk not in ids:
        ids.add(current.pk)
        current = current.parent
    return ids


def people_who_may(action: str, unit: Unit) -> tuple[int, ...]:
    """Users whose active role covers the unit and allows the action."""
    memberships = Membership.objects.filter(
        is_active=True,
        role__in=roles_for_action(action),
        unit_id__in=_ancestor_ids(unit),
        user__is_active=True,
    )
    return recipients_of(memberships.values_list("user_id", flat=True))


def report_url(period: ReportPeriod, unit: Unit) -> str:
    return reverse("reports-unit-report", kwargs={"period_id": period.pk, "unit_code": unit.code})


def _announce(report: UnitReport, kind: str, reason: Reason, action: str, title: str) -> None:
    announce(
        Event(
            kind=f"report.{kind}",
            reason=reason,
            recipients=people_who_may(action, report.unit),
            title=title,
            url=report_url(report.period, report.unit),
            key=f"report:{report.pk}:{kind}:{report.transitions}",
            unit_id=report.unit_id,
            detail={"period": report.period_id},
        )
    )


# --- schedules and periods --------------------------------------------------------------------------------------


@transaction.atomic
def schedule_save(
    *,
    actor: Any,
    campaign: Campaign,
    kind: str,
    template: ReportTemplate,
    due_offset_days: int,
    working_days: bool = True,
) -> ReportSchedule:
    """Set how the campaign reports for a kind of period; the deadline is local data, so it can change."""
    if kind not in windows.NUMBERS:
        raise ValidationError({"kind": _("Choose a kind of period.")})
    schedule, created = ReportSchedule.objects.update_or_create(
        campaign=campaign,
        kind=kind,
        defaults={"template": template, "due_offset_days": due_offset_days, "working_days": working_days},
    )
    audit_record(
        actor=actor,
        action="report.schedule_saved",
        target=schedule,
        unit=campaign.issuing_unit,
        data={"kind": kind, "days": due_offset_days, "working_days": working_days},
    )
    return schedule


@transaction.atomic
def periods_generate(
    *, actor: Any, schedule: ReportSchedule, years: list[int] | None = None
) -> list[ReportPeriod]:
    """Create the schedule's periods for the campaign's years (or the given ones); existing periods stay."""
    campaign = schedule.campaign
    created = []
    for year in years or campaign.years:
        for number in windows.NUMBERS[schedule.kind]:
            start, end = windows.window(schedule.kind, year, number)
            if ReportPeriod.objects.filter(
                campaign=campaign, kind=schedule.kind, year=year, number=number
            ).exists():
                continue
            period = ReportPeriod.objects.create(
                campaign=campaign,
                template=schedule.template,
                name=windows.period_name(schedule.kind, year, number),
                kind=schedule.kind,
                year=year,
                number=number,
                window_start=start,
                window_end=end,
                due_date=windows.due_date(end, schedule.due_offset_days, working_days=schedule.working_days),
            )
            audit_record(
                actor=actor,
                action="report.period_created",
                target=period,
                unit=campaign.issuing_unit,
                data={"window": [start.isoformat(), end.isoformat()], "due": period.due_date.isoformat()},
            )
            created.append(period)
    return created


@transaction.atomic
def period_due_date_change(*, actor: Any, period: ReportPeriod, due_date: date, reason: str) -> ReportPeriod:
    period = ReportPeriod.objects.select_for_update().get(pk=period.pk)
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the change.")})
    if due_date < period.window_end:
        raise ValidationError({"due_date": _("The due date cannot come before the end of the data window.")})
    before = period.due_date
    period.due_date = due_date
    period.save(update_fields=["due_date"])
    audit_record(
        actor=actor,
        action="report.due_date_changed",
        target=period,
        unit=period.campaign.issuing_unit,
        data={"due": [before.isoformat(), due_date.isoformat()], "reason": reason},
    )
    return period


# --- a unit's report ----------------------------------------------------------------------------------------------


def _locked(report: UnitReport) -> UnitReport:
    return UnitReport.objects.select_for_update().select_related("period__campaign", "unit").get(pk=report.pk)


def _refuse(message: str) -> None:
    raise ValidationError(message)


def _clean_narratives(period: ReportPeriod, narratives: dict[str, str]) -> dict[str, str]:
    keys = {section.key for section in period.template.sections.all() if section.has_narrative}
    cleaned = {}
    for key, text in narratives.items():
        if key not in keys:
            continue
        text = clean_text(text)
        if len(text) > NARRATIVE_MAX:
            raise ValidationError(
                _("A section may hold at most %(limit)s characters.") % {"limit": NARRATIVE_MAX}
            )
        cleaned[key] = text
    return cleaned


@transaction.atomic
def report_save(*, actor: Any, period: ReportPeriod, unit: Unit, narratives: dict[str, str]) -> UnitReport:
    """Write the narratives of the unit's report (the draft is made on the first save)."""
    if unit.pk not in {item.pk for item in period.units()}:
        _refuse(_("This unit does not report for this campaign."))
    cleaned = _clean_narratives(period, narratives)
    report = UnitReport.objects.filter(period=period, unit=unit).first()
    created = report is None
    if created:
        report = UnitReport.objects.create(period=period, unit=unit, created_by=actor, narratives={})
    report = _locked(report)
    if not report.is_editable:
        _refuse(
            _("The report is %(status)s: it can be changed only while it is being written or after a return.")
            % {"status": report.get_status_display().lower()}
        )
    report.narratives = {**report.narratives, **cleaned}
    report.save(update_fields=["narratives", "updated_at"])
    audit_record(
        actor=actor,
        action="report.saved",
        target=report,
        unit=unit,
        data={"period": period.name, "sections": sorted(cleaned), "created": created},
    )
    return report


@transaction.atomic
def report_send_to_head(*, actor: Any, report: UnitReport) -> UnitReport:
    """The officer has written it: the unit's head is asked to sign and send it."""
    report = _locked(report)
    if not report.is_editable:
        _refuse(_("Only a report being written or returned can be sent to the head."))
    if not any(report.narratives.get(key) for key in report.narratives):
        _refuse(_("Write at least one section before sending the report to the head."))
    report.status = ReportStatus.READY
    report.transitions += 1
    report.save(update_fields=["status", "transitions", "updated_at"])
    audit_record(actor=actor, action="report.sent_to_head", target=report, unit=report.unit)
    _announce(
        report,
        "ready",
        Reason.WAITING,
        "reports.submit",
        _("A report waits for your signature: %(period)s") % {"period": report.period.name},
    )
    return report


@transaction.atomic
def report_submit(*, actor: Any, report: UnitReport, at: datetime | None = None) -> UnitReport:
    """The head sends the report to the standing office; its indicator tables are frozen as they are now.

    ``at`` is the moment of sending (now; the demo and the tests give another).
    """
    report = _locked(report)
    if report.status != ReportStatus.READY:
        _refuse(_("Only a report the officer has sent to the head can be submitted."))
    at = at or timezone.now()
    period = report.period
    report.indicators = measure_units(period, [report.unit], indicator_codes(period))[report.unit.pk]
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = at
    report.submitted_by = actor
    report.first_submitted_at = report.first_submitted_at or at
    report.transitions += 1
    report.save()
    audit_record(
        actor=actor,
        action="report.submitted",
        target=report,
        unit=report.unit,
        data={"on_time": report.on_time, "due": period.due_date.isoformat()},
    )
    _announce(
        report,
        "submitted",
        Reason.WAITING,
        "reports.review",
        _("%(unit)s sent its report for %(period)s") % {"unit": report.unit.name, "period": period.name},
    )
    return report


@transaction.atomic
def report_return(*, actor: Any, report: UnitReport, comment: str, at: datetime | None = None) -> UnitReport:
    """The standing office sends the report back to the unit with its comments (kept on the report)."""
    report = _locked(report)
    comment = clean_text(comment)
    if report.status != ReportStatus.SUBMITTED:
        _refuse(_("Only a submitted report can be returned."))
    if not comment:
        _refuse(_("Say what the unit should change: a returned report needs a comment."))
    report.status = ReportStatus.RETURNED
    report.indicators = []  # computed again, and frozen again when it is submitted again
    report.transitions += 1
    report.save(update_fields=["status", "indicators", "transitions", "updated_at"])
    ReportComment.objects.create(
        report=report, kind=CommentKind.RETURNED, body=comment, author=actor, created_at=at or timezone.now()
    )
    audit_record(
        actor=actor, action="report.returned", target=report, unit=report.unit, data={"reason": comment}
    )
    _announce(
        report,
        "returned",
        Reason.RETURNED,
        "reports.write",
        _("Your report for %(period)s was returned with comments") % {"period": report.period.name},
    )
    return report


@transaction.atomic
def report_accept(
    *, actor: Any, report: UnitReport, comment: str = "", at: datetime | None = None
) -> UnitReport:
    report = _locked(report)
    if report.status != ReportStatus.SUBMITTED:
        _refuse(_("Only a submitted report can be accepted."))
    at = at or timezone.now()
    report.status = ReportStatus.ACCEPTED
    report.accepted_at = at
    report.accepted_by = actor
    report.transitions += 1
    report.save(update_fields=["status", "accepted_at", "accepted_by", "transitions", "updated_at"])
    comment = clean_text(comment)
    if comment:
        ReportComment.objects.create(
            report=report, kind=CommentKind.ACCEPTED, body=comment, author=actor, created_at=at
        )
    audit_record(actor=actor, action="report.accepted", target=report, unit=report.unit)
    announce(
        Event(
            kind="report.accepted",
            reason=Reason.DONE,
            recipients=recipients_of(
                {
                    *people_who_may("reports.write", report.unit),
                    *people_who_may("reports.submit", report.unit),
                }
            ),
            title=_("Your report for %(period)s was accepted") % {"period": report.period.name},
            url=report_url(report.period, report.unit),
            key=f"report:{report.pk}:accepted:{report.transitions}",
            unit_id=report.unit_id,
        )
    )
    return report


# --- the compiled report ------------------------------------------------------------------------------------------

GIST_LENGTH = 400


def gist(text: str, limit: int = GIST_LENGTH) -> str:
    """The first sentences of a narrative, up to about ``limit`` characters, cut at a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("; "))
    if end > limit // 2:
        return cut[: end + 1]
    return cut[: cut.rfind(" ")].rstrip(",;:") + " …"


def compiled_narratives(period: ReportPeriod) -> dict[str, str]:
    """Section key → the gist of every unit's narrative, unit by unit, from the submitted and accepted reports."""
    reports = list(
        UnitReport.objects.filter(
            period=period, status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED]
        ).select_related("unit")
    )
    reports.sort(key=lambda report: (report.unit.kind, report.unit.name, report.unit.code))
    result = {}
    for section in period.template.sections.all():
        if not section.has_narrative:
            continue
        lines = [
            f"- {report.unit.official_name or report.unit.name}: {gist(report.narratives[section.key])}"
            for report in reports
            if report.narratives.get(section.key)
        ]
        result[section.key] = "\n".join(lines)
    return result


def _compiled(period: ReportPeriod) -> CompiledReport:
    compiled, _created = CompiledReport.objects.get_or_create(period=period)
    return CompiledReport.objects.select_for_update().get(pk=compiled.pk)


def _new_version(
    compiled: CompiledReport, actor: Any, narratives: dict, *, regenerated: bool
) -> CompiledVersion:
    last = compiled.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return CompiledVersion.objects.create(
        compiled=compiled, number=last + 1, narratives=narratives, regenerated=regenerated, author=actor
    )


@transaction.atomic
def compiled_regenerate(*, actor: Any, period: ReportPeriod) -> CompiledVersion:
    """A new version of the compiled narrative, written again from the units' reports."""
    compiled = _compiled(period)
    if compiled.is_issued:
        _refuse(
            _("The compiled report was issued as %(number)s; it can no longer change.")
            % {"number": compiled.number}
        )
    version = _new_version(compiled, actor, compiled_narratives(period), regenerated=True)
    audit_record(
        actor=actor,
        action="report.compiled_regenerated",
        target=compiled,
        unit=period.campaign.issuing_unit,
        data={"version": version.number},
    )
    return version


@transaction.atomic
def compiled_edit(*, actor: Any, period: ReportPeriod, narratives: dict[str, str]) -> CompiledVersion:
    """The standing office's edit of the compiled narrative: a new version, the earlier ones kept."""
    compiled = _compiled(period)
    if compiled.is_issued:
        _refuse(
            _("The compiled report was issued as %(number)s; it can no longer change.")
            % {"number": compiled.number}
        )
    current = compiled.current()
    base = current.narratives if current else compiled_narratives(period)
    cleaned = _clean_narratives(period, narratives)
    merged = {**base, **cleaned}
    if current is not None and merged == current.narratives:
        _refuse(_("Nothing was changed, so no new version was made."))
    version = _new_version(compiled, actor, merged, regenerated=False)
    audit_record(
        actor=actor,
        action="report.compiled_edited",
        target=compiled,
        unit=period.campaign.issuing_unit,
        data={
            "version": version.number,
            "sections": sorted(key for key in cleaned if base.get(key) != cleaned[key]),
        },
    )
    return version


@transaction.atomic
def compiled_issue(*, actor: Any, period: ReportPeriod, day: date | None = None) -> CompiledReport:
    """Number the compiled report (BC) in the issuing unit's register; its text is then fixed."""
    compiled = _compiled(period)
    if compiled.is_issued:
        _refuse(_("The compiled report was already issued as %(number)s.") % {"number": compiled.number})
    if compiled.current() is None:
        _new_version(compiled, actor, compiled_narratives(period), regenerated=True)
    day = day or timezone.localdate()
    issued = document_number_issue(
        actor=actor,
        issuer=period.campaign.issuing_unit,
        type_code=DocumentType.REPORT,
        day=day,
        subject=f"Báo cáo tổng hợp {period.name}",
        reference=f"report-compiled:{period.pk}",
    )
    compiled.number = issued.number
    compiled.issued_on = issued.issued_on
    compiled.issued_by = actor
    compiled.save()
    current = compiled.current()
    audit_record(
        actor=actor,
        action="report.compiled_issued",
        target=compiled,
        unit=period.campaign.issuing_unit,
        data={"number": compiled.number, "version": current.number if current else None},
    )
    return compiled
