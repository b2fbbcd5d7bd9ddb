"""Whom the inspection and remediation workflow tells, and what (thidua/core/events.py)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.events import Reason, tell
from thidua.core.models import AuditEntry
from thidua.inspections.models import Inspection, Remediation
from thidua.organizations.access import users_for_action


def _day(value) -> str:
    return value.strftime("%d/%m/%Y")


def _inspection(inspection: Inspection, entry: AuditEntry, *, kind, reason, recipients, title, actor) -> None:
    tell(
        kind=kind,
        reason=reason,
        recipients=recipients,
        title=title,
        url=reverse("inspection-detail", kwargs={"inspection_id": inspection.pk}),
        key=f"inspection:{inspection.pk}:{kind}:{entry.pk}",
        unit_id=inspection.unit_id,
        actor=actor,
    )


def _team(inspection: Inspection) -> list[int]:
    team = set(inspection.inspectors.values_list("pk", flat=True))
    if inspection.created_by_id:
        team.add(inspection.created_by_id)
    return sorted(team)


def inspection_submitted(inspection: Inspection, entry: AuditEntry, actor: Any) -> None:
    _inspection(
        inspection,
        entry,
        kind="inspections.to_review",
        reason=Reason.WAITING,
        recipients=users_for_action(inspection.review_action, inspection.unit_id),
        title=lambda: (
            _("An inspection record waits for your review: %(unit)s, %(day)s")
            % {"unit": inspection.unit, "day": _day(inspection.inspected_on)}
        ),
        actor=actor,
    )


def inspection_returned(inspection: Inspection, entry: AuditEntry, actor: Any) -> None:
    _inspection(
        inspection,
        entry,
        kind="inspections.to_record",
        reason=Reason.RETURNED,
        recipients=_team(inspection),
        title=lambda: (
            _("The inspection record was returned for correction: %(unit)s, %(day)s")
            % {"unit": inspection.unit, "day": _day(inspection.inspected_on)}
        ),
        actor=actor,
    )


def inspection_reviewed(inspection: Inspection, entry: AuditEntry, actor: Any) -> None:
    _inspection(
        inspection,
        entry,
        kind="inspections.reviewed",
        reason=Reason.DONE,
        recipients=_team(inspection),
        title=lambda: (
            _("The inspection record was accepted: %(unit)s, %(day)s")
            % {"unit": inspection.unit, "day": _day(inspection.inspected_on)}
        ),
        actor=actor,
    )


def _remediation(remediation: Remediation, entry: AuditEntry, *, kind, reason, action, title, actor) -> None:
    tell(
        kind=kind,
        reason=reason,
        recipients=users_for_action(action, remediation.unit_id),
        title=title,
        url=reverse("remediation-detail", kwargs={"remediation_id": remediation.pk}),
        key=f"remediation:{remediation.pk}:{kind}:{entry.pk}",
        unit_id=remediation.unit_id,
        actor=actor,
        detail={"due": remediation.due_date.isoformat()},
    )


def remediation_opened(remediation: Remediation, entry: AuditEntry, actor: Any) -> None:
    _remediation(
        remediation,
        entry,
        kind="inspections.remediation_due",
        reason=Reason.WAITING,
        action="remediation.act",
        title=lambda: (
            _("Put right by %(day)s: %(item)s")
            % {"day": _day(remediation.due_date), "item": remediation.finding.item}
        ),
        actor=actor,
    )


def remediation_action_recorded(remediation: Remediation, entry: AuditEntry, actor: Any) -> None:
    _remediation(
        remediation,
        entry,
        kind="inspections.remediation_to_verify",
        reason=Reason.WAITING,
        action="remediation.close",
        title=lambda: (
            _("A remediation action waits for verification: %(unit)s, %(item)s")
            % {"unit": remediation.unit, "item": remediation.finding.item}
        ),
        actor=actor,
    )


def remediation_closed(remediation: Remediation, entry: AuditEntry, actor: Any) -> None:
    _remediation(
        remediation,
        entry,
        kind="inspections.remediation_closed",
        reason=Reason.DONE,
        action="remediation.act",
        title=lambda: (
            _("The remediation was verified and closed: %(item)s") % {"item": remediation.finding.item}
        ),
        actor=actor,
    )


def remediation_reopened(remediation: Remediation, entry: AuditEntry, actor: Any) -> None:
    _remediation(
        remediation,
        entry,
        kind="inspections.remediation_due",
        reason=Reason.RETURNED,
        action="remediation.act",
        title=lambda: (
            _("The remediation action was not accepted; put right by %(day)s: %(item)s")
            % {"day": _day(remediation.due_date), "item": remediation.finding.item}
        ),
        actor=actor,
    )
