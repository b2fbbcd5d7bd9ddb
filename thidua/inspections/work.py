"""What waits for people in inspections: records to review, records to complete, remediations to act on (due
and overdue) and actions to verify; and the overdue remediations the notifications tell once."""

from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.panels import OverdueItem, WaitingItem
from thidua.inspections.models import (
    DISTRICT_KINDS,
    Inspection,
    InspectionStatus,
    Remediation,
    RemediationStatus,
)
from thidua.organizations.access import unit_ids_for, users_for_action


def _inspection_url(inspection: Inspection) -> str:
    return reverse("inspection-detail", kwargs={"inspection_id": inspection.pk})


def _remediation_url(remediation: Remediation) -> str:
    return reverse("remediation-detail", kwargs={"remediation_id": remediation.pk})


def waiting_work(user: Any) -> list[WaitingItem]:
    items: list[WaitingItem] = []
    district = unit_ids_for(user, "inspection.review")
    own = unit_ids_for(user, "inspection.self_review")
    to_review = Inspection.objects.filter(status=InspectionStatus.SUBMITTED).filter(
        Q(kind__in=DISTRICT_KINDS, unit__in=district) | (~Q(kind__in=DISTRICT_KINDS) & Q(unit__in=own))
    )
    for inspection in to_review.select_related("unit"):
        items.append(
            WaitingItem(
                kind="inspections.to_review",
                title=_("Review the inspection of %(unit)s on %(day)s")
                % {"unit": inspection.unit, "day": inspection.inspected_on.strftime("%d/%m/%Y")},
                url=_inspection_url(inspection),
                since=inspection.submitted_at or inspection.updated_at,
                unit=inspection.unit,
            )
        )
    recording = Inspection.objects.filter(status=InspectionStatus.DRAFT, inspectors=user).filter(
        Q(kind__in=DISTRICT_KINDS, unit__in=unit_ids_for(user, "inspection.record"))
        | (~Q(kind__in=DISTRICT_KINDS) & Q(unit__in=unit_ids_for(user, "inspection.self_record")))
    )
    for inspection in recording.select_related("unit").distinct():
        items.append(
            WaitingItem(
                kind="inspections.to_record",
                title=_("Complete the inspection record of %(unit)s on %(day)s")
                % {"unit": inspection.unit, "day": inspection.inspected_on.strftime("%d/%m/%Y")},
                url=_inspection_url(inspection),
                since=inspection.created_at,
                unit=inspection.unit,
            )
        )
    today = timezone.localdate()
    due = Remediation.objects.filter(
        status=RemediationStatus.OPEN, unit__in=unit_ids_for(user, "remediation.act")
    ).select_related("unit", "finding__item")
    for remediation in due:
        overdue = remediation.is_overdue_on(today)
        items.append(
            WaitingItem(
                kind="inspections.remediation_overdue" if overdue else "inspections.remediation_due",
                title=_("Put right by %(day)s: %(item)s")
                % {"day": remediation.due_date.strftime("%d/%m/%Y"), "item": remediation.finding.item},
                url=_remediation_url(remediation),
                since=remediation.opened_at,
                unit=remediation.unit,
                due=remediation.due_date,
                overdue=overdue,
            )
        )
    to_verify = Remediation.objects.filter(
        status=RemediationStatus.ACTION_RECORDED, unit__in=unit_ids_for(user, "remediation.close")
    ).select_related("unit", "finding__item")
    for remediation in to_verify:
        items.append(
            WaitingItem(
                kind="inspections.remediation_to_verify",
                title=_("Verify the action of %(unit)s: %(item)s")
                % {"unit": remediation.unit, "item": remediation.finding.item},
                url=_remediation_url(remediation),
                since=remediation.action_recorded_at or remediation.opened_at,
                unit=remediation.unit,
            )
        )
    return items


def overdue_remediations(today: date) -> list[OverdueItem]:
    """Open remediations past their due date: the unit's officer and head are told, once per due date."""
    items = []
    overdue = Remediation.objects.filter(status=RemediationStatus.OPEN, due_date__lt=today).select_related(
        "unit", "finding__item"
    )
    for remediation in overdue:
        items.append(
            OverdueItem(
                kind="inspections.remediation_overdue",
                key=f"remediation:{remediation.pk}:overdue:{remediation.due_date.isoformat()}",
                title=_("Remediation overdue since %(day)s: %(item)s")
                % {"day": remediation.due_date.strftime("%d/%m/%Y"), "item": remediation.finding.item},
                url=_remediation_url(remediation),
                recipients=tuple(users_for_action("remediation.act", remediation.unit_id)),
                due=remediation.due_date,
                unit_id=remediation.unit_id,
            )
        )
    return items
