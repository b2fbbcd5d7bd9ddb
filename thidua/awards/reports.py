"""The unit's achievement report (báo cáo thành tích) and the standing office's appraisal of the round.

Workflow per entry: the unit's officer drafts the report (``report_save``), the unit's head submits it
(``report_submit``), the standing office returns it with a comment (``report_return``, every comment kept) or
accepts it (``report_accept``). A returned report goes back to the officer and the head. Every move runs in one
transaction, refuses an illegal move with ``ValidationError`` before writing anything, is audited, and announces
who it now waits for (``thidua.core.events``).

The report's figures are the entry's frozen ``EvaluationFigure`` rows, read when it is shown or printed: the unit
writes only the narrative beside them. Law art. 84 puts the achievement report in the award dossier, so a round
goes to the council only when every candidate's report is accepted (``candidates_without_accepted_report``); the
exception of ``entry_propose`` admits an ineligible unit, it does not waive a part of the dossier.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.models import (
    AchievementReport,
    EntryStatus,
    EvaluationEntry,
    EvaluationFigure,
    EvaluationRound,
    FigureKind,
    ReportReturn,
    ReportStatus,
    RoundStatus,
)
from thidua.core.audit import audit_record
from thidua.core.events import Event, Reason, announce, recipients_of
from thidua.core.text import clean_text
from thidua.organizations.access import user_can
from thidua.organizations.models import Membership, Role

NARRATIVE_MAX = 4000
TEXT_MAX = 8000


@dataclass(frozen=True)
class ReportLine:
    """One target of the report: the frozen figure and the unit's account beside it."""

    figure: EvaluationFigure
    narrative: str

    @property
    def met(self) -> bool | None:
        return {"met": True, "not_met": False}.get(self.figure.status)


def target_figures(entry: EvaluationEntry) -> list[EvaluationFigure]:
    return list(entry.figures.filter(kind=FigureKind.TARGET).order_by("position", "code"))


def report_lines(entry: EvaluationEntry, report: AchievementReport | None) -> list[ReportLine]:
    narratives = report.narratives if report is not None else {}
    return [ReportLine(figure, narratives.get(figure.code, "")) for figure in target_figures(entry)]


def report_of(entry: EvaluationEntry) -> AchievementReport | None:
    return AchievementReport.objects.filter(entry=entry).first()


def default_characteristics(entry: EvaluationEntry) -> str:
    """Part I pre-filled from the unit's record; the officer completes the functions and tasks."""
    unit = entry.unit
    lines = [f"{unit.official_name or unit.name}."]
    if unit.note:
        lines.append(unit.note)
    return "\n".join(lines)


def default_award_proposed(entry: EvaluationEntry) -> str:
    evaluation_round = entry.round
    return (
        f"Đề nghị Chủ tịch {evaluation_round.authority.official_name or evaluation_round.authority.name} tặng "
        f"{evaluation_round.award_type.label} cho {entry.unit.official_name or entry.unit.name} vì đã có thành "
        f"tích thực hiện Kế hoạch số {evaluation_round.campaign.number} năm {evaluation_round.year}."
    )


def report_url(entry: EvaluationEntry) -> str:
    return reverse("awards-report", kwargs={"entry_id": entry.pk})


# --- who is told -----------------------------------------------------------------------------------------------


def _unit_people(entry: EvaluationEntry, roles: set[str]) -> tuple[int, ...]:
    return recipients_of(
        Membership.objects.filter(
            unit=entry.unit, role__in=roles, is_active=True, user__is_active=True
        ).values_list("user_id", flat=True)
    )


def _standing_office_people(entry: EvaluationEntry) -> tuple[int, ...]:
    from thidua.awards.services import standing_office

    units = {entry.round.authority_id, standing_office(entry.round).pk}
    return recipients_of(
        Membership.objects.filter(
            unit__in=units, role=Role.DISTRICT_OFFICER, is_active=True, user__is_active=True
        ).values_list("user_id", flat=True)
    )


def _announce(report: AchievementReport, *, step: str, reason: Reason, recipients, title: str) -> None:
    entry = report.entry
    announce(
        Event(
            kind=f"award.report_{step}",
            reason=reason,
            recipients=tuple(recipients),
            title=title,
            url=report_url(entry),
            key=f"award-report:{report.pk}:{step}:{report.version}",
            unit_id=entry.unit_id,
            detail={"round": entry.round_id, "entry": entry.pk},
        )
    )


# --- checks ----------------------------------------------------------------------------------------------------


def _locked(entry: EvaluationEntry) -> tuple[EvaluationEntry, AchievementReport | None]:
    EvaluationRound.objects.select_for_update().filter(pk=entry.round_id).first()
    entry = EvaluationEntry.objects.select_related("round__authority", "round__award_type", "unit").get(
        pk=entry.pk
    )
    return entry, AchievementReport.objects.select_for_update().filter(entry=entry).first()


def _require_appraisal(entry: EvaluationEntry) -> None:
    if entry.round.status != RoundStatus.APPRAISAL:
        raise ValidationError(_("The round is past appraisal; its achievement reports can no longer change."))


def _text(value: str, limit: int, field: str) -> str:
    value = clean_text(value or "")
    if len(value) > limit:
        raise ValidationError(
            {field: _("The text is too long (at most %(limit)s characters).") % {"limit": limit}}
        )
    return value


# --- the workflow ----------------------------------------------------------------------------------------------


@transaction.atomic
def report_save(
    *,
    actor: Any,
    entry: EvaluationEntry,
    characteristics: str,
    narratives: dict[str, str],
    measures: str = "",
    award_proposed: str = "",
) -> AchievementReport:
    """The unit officer writes the report's narrative; the frozen figures are not the report's to change."""
    entry, report = _locked(entry)
    if not user_can(actor, "awards.report.write", entry.unit):
        raise ValidationError(_("Only an officer of the unit writes its achievement report."))
    _require_appraisal(entry)
    if report is not None and report.status not in {ReportStatus.DRAFT, ReportStatus.RETURNED}:
        raise ValidationError(
            _("The report is %(status)s; it can no longer be edited.")
            % {"status": report.get_status_display()}
        )
    codes = {figure.code for figure in target_figures(entry)}
    unknown = set(narratives) - codes
    if unknown:
        raise ValidationError(
            _("The report has no target %(codes)s.") % {"codes": ", ".join(sorted(unknown))}
        )
    cleaned = {code: _text(text, NARRATIVE_MAX, f"narrative-{code}") for code, text in narratives.items()}
    fields = {
        "characteristics": _text(characteristics, TEXT_MAX, "characteristics"),
        "measures": _text(measures, TEXT_MAX, "measures"),
        "award_proposed": _text(award_proposed, TEXT_MAX, "award_proposed"),
        "narratives": {code: text for code, text in cleaned.items() if text},
    }
    created = report is None
    was_returned = report is not None and report.status == ReportStatus.RETURNED
    if created:
        report = AchievementReport.objects.create(entry=entry, drafted_by=actor, **fields)
    else:
        changed = [name for name, value in fields.items() if getattr(report, name) != value]
        if not changed and not was_returned:
            raise ValidationError(_("Nothing was changed."))
        for name, value in fields.items():
            setattr(report, name, value)
        report.status = ReportStatus.DRAFT
        report.save()
    audit_record(
        actor=actor,
        action="award.report_saved",
        target=report,
        unit=entry.unit,
        data={"created": created, "version": report.version, "targets": sorted(fields["narratives"])},
    )
    if created or was_returned:
        _announce(
            report,
            step="drafted",
            reason=Reason.WAITING,
            recipients=_unit_people(entry, {Role.UNIT_HEAD}),
            title=_("An achievement report waits for you to submit it: %(unit)s") % {"unit": entry.unit},
        )
    return report


@transaction.atomic
def report_submit(*, actor: Any, report: AchievementReport) -> AchievementReport:
    """The unit head submits the report to the standing office."""
    entry, report = _locked(report.entry)
    if not user_can(actor, "awards.report.submit", entry.unit):
        raise ValidationError(_("Only the head of the unit submits its achievement report."))
    _require_appraisal(entry)
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(
            _("Only a draft report is submitted; this one is %(status)s.")
            % {"status": report.get_status_display()}
        )
    if not report.characteristics.strip():
        raise ValidationError(
            _("Part I (the unit's characteristics) is empty: complete it before submitting.")
        )
    report.status = ReportStatus.SUBMITTED
    report.submitted_by = actor
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    audit_record(
        actor=actor,
        action="award.report_submitted",
        target=report,
        unit=entry.unit,
        data={"version": report.version},
    )
    _announce(
        report,
        step="submitted",
        reason=Reason.WAITING,
        recipients=_standing_office_people(entry),
        title=_("An achievement report waits for your appraisal: %(unit)s") % {"unit": entry.unit},
    )
    return report


def _require_standing_office(actor: Any, entry: EvaluationEntry) -> None:
    if not user_can(actor, "awards.round.manage", entry.round.authority):
        raise ValidationError(_("Only the standing office appraises achievement reports."))


@transaction.atomic
def report_return(*, actor: Any, report: AchievementReport, comment: str) -> AchievementReport:
    """The standing office sends the report back with a comment, which is kept with the report."""
    entry, report = _locked(report.entry)
    _require_standing_office(actor, entry)
    _require_appraisal(entry)
    comment = _text(comment, NARRATIVE_MAX, "comment")
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be returned."))
    if not comment:
        raise ValidationError({"comment": _("Say what the unit should change.")})
    ReportReturn.objects.create(report=report, version=report.version, comment=comment, returned_by=actor)
    audit_record(
        actor=actor,
        action="award.report_returned",
        target=report,
        unit=entry.unit,
        data={"version": report.version, "reason": comment},
    )
    _announce(
        report,
        step="returned",
        reason=Reason.RETURNED,
        recipients=_unit_people(entry, {Role.UNIT_OFFICER, Role.UNIT_HEAD}),
        title=_("The achievement report came back with comments: %(unit)s") % {"unit": entry.unit},
    )
    # The next version starts here: its announcements get keys of their own.
    report.status = ReportStatus.RETURNED
    report.version += 1
    report.save(update_fields=["status", "version", "updated_at"])
    return report


@transaction.atomic
def report_accept(*, actor: Any, report: AchievementReport) -> AchievementReport:
    """The standing office accepts the report into the round's dossier."""
    entry, report = _locked(report.entry)
    _require_standing_office(actor, entry)
    _require_appraisal(entry)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be accepted."))
    report.status = ReportStatus.ACCEPTED
    report.accepted_by = actor
    report.accepted_at = timezone.now()
    report.save(update_fields=["status", "accepted_by", "accepted_at", "updated_at"])
    audit_record(
        actor=actor,
        action="award.report_accepted",
        target=report,
        unit=entry.unit,
        data={"version": report.version},
    )
    _announce(
        report,
        step="accepted",
        reason=Reason.DONE,
        recipients=_unit_people(entry, {Role.UNIT_OFFICER, Role.UNIT_HEAD}),
        title=_("The achievement report was accepted: %(unit)s") % {"unit": entry.unit},
    )
    return report


# --- the round's dossier ---------------------------------------------------------------------------------------


def report_statuses(evaluation_round: EvaluationRound) -> dict[int, str]:
    """entry id → report status, for the entries that have a report."""
    return dict(
        AchievementReport.objects.filter(entry__round=evaluation_round).values_list("entry_id", "status")
    )


def candidates_without_accepted_report(evaluation_round: EvaluationRound) -> list[EvaluationEntry]:
    return list(
        evaluation_round.entries.filter(status=EntryStatus.PROPOSED)
        .exclude(report__status=ReportStatus.ACCEPTED)
        .select_related("unit")
        .order_by("unit__name")
    )


def require_reports_for_council(evaluation_round: EvaluationRound) -> None:
    """Law art. 84: the dossier of a proposed unit holds its achievement report. No exception waives it."""
    missing = candidates_without_accepted_report(evaluation_round)
    if missing:
        raise ValidationError(
            _(
                "The dossier of every candidate needs its accepted achievement report (law art. 84); missing: "
                "%(units)s."
            )
            % {"units": "; ".join(str(entry.unit) for entry in missing)}
        )
