"""Reads: compliance per unit and year, built from the database and handed to the pure ``scoring`` module."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from thidua.inspections import scoring
from thidua.inspections.models import (
    ChecklistTemplate,
    Finding,
    Inspection,
    InspectionStatus,
    Remediation,
    RemediationStatus,
)

DEFAULT_CHECKLIST_CODE = "van-hoa-cong-so"
# Drafts are work in progress; an inspection counts once its team has submitted it.
SCORED_STATUSES = (InspectionStatus.SUBMITTED, InspectionStatus.REVIEWED)


def current_template(code: str = DEFAULT_CHECKLIST_CODE) -> ChecklistTemplate | None:
    return ChecklistTemplate.objects.filter(code=code).order_by("-version").first()


def template_for_unit(unit) -> ChecklistTemplate | None:
    """The checklist a unit's inspections use: the latest one owned by the nearest authority at or above the unit
    that has its own, else the shared ``DEFAULT_CHECKLIST_CODE`` one."""
    seen: list[int] = []
    while unit is not None and unit.pk not in seen:
        seen.append(unit.pk)
        own = ChecklistTemplate.objects.filter(owner_id=unit.pk).order_by("-created_at", "-version").first()
        if own is not None:
            return ChecklistTemplate.objects.filter(code=own.code).order_by("-version").first()
        unit = unit.parent
    return (
        ChecklistTemplate.objects.filter(code=DEFAULT_CHECKLIST_CODE, owner__isnull=True)
        .order_by("-version")
        .first()
    )


def current_templates(queryset: QuerySet | None = None) -> list[ChecklistTemplate]:
    latest: dict[str, ChecklistTemplate] = {}
    queryset = ChecklistTemplate.objects.all() if queryset is None else queryset
    for template in queryset.order_by("code", "-version"):
        latest.setdefault(template.code, template)
    return list(latest.values())


def overdue_filter(today: date) -> Q:
    return Q(status=RemediationStatus.OPEN, due_date__lt=today)


def remediations_with_flags(queryset: QuerySet[Remediation]) -> QuerySet[Remediation]:
    return queryset.select_related("unit", "finding__item", "finding__inspection")


def unit_compliance(
    unit_ids: Iterable[int], year: int, *, today: date | None = None
) -> dict[int, scoring.Compliance]:
    """Compliance of each unit in the year; units without any submitted inspection get an empty score."""
    today = today or timezone.localdate()
    unit_ids = list(unit_ids)
    inspections = Inspection.objects.filter(
        unit_id__in=unit_ids, inspected_on__year=year, status__in=SCORED_STATUSES
    )
    kinds: dict[int, tuple[int, str]] = {
        pk: (unit_id, kind) for pk, unit_id, kind in inspections.values_list("pk", "unit_id", "kind")
    }
    answers: dict[int, list[scoring.Answer]] = defaultdict(list)
    # Counted in the database by (weight, result): a score is a sum over the answers, so an inspection's 22
    # findings come back as two or three rows, each answer repeated as many times as it was given.
    for inspection_id, weight, result, times in (
        Finding.objects.filter(inspection_id__in=kinds)
        .values_list("inspection_id", "item__weight", "result")
        .annotate(times=Count("id"))
        .order_by()
    ):
        answers[inspection_id].extend([scoring.Answer(weight=weight, result=result)] * times)
    per_unit: dict[int, list[scoring.InspectionAnswers]] = defaultdict(list)
    for inspection_id, (unit_id, kind) in kinds.items():
        per_unit[unit_id].append(scoring.InspectionAnswers(kind=kind, answers=answers[inspection_id]))

    remediations = Remediation.objects.filter(
        unit_id__in=unit_ids, finding__inspection__inspected_on__year=year
    )
    open_counts: dict[int, int] = defaultdict(int)
    overdue_counts: dict[int, int] = defaultdict(int)
    for unit_id, status, due_date in remediations.values_list("unit_id", "status", "due_date"):
        if status != RemediationStatus.CLOSED:
            open_counts[unit_id] += 1
        if status == RemediationStatus.OPEN and due_date < today:
            overdue_counts[unit_id] += 1
    return {
        unit_id: scoring.compliance(
            per_unit[unit_id],
            open_remediations=open_counts[unit_id],
            overdue_remediations=overdue_counts[unit_id],
        )
        for unit_id in unit_ids
    }


def group_scores(inspection: Inspection) -> list[tuple[str, scoring.Score]]:
    """Per checklist group (label, score) of one inspection, in checklist order."""
    by_group: dict[str, list[scoring.Answer]] = defaultdict(list)
    for finding in inspection.findings.select_related("item"):
        by_group[finding.item.group].append(scoring.Answer(weight=finding.item.weight, result=finding.result))
    return [
        (group["label"], scoring.score_answers(by_group[group["code"]]))
        for group in inspection.template.group_list()
        if group["code"] in by_group
    ]


def inspection_score(inspection: Inspection) -> scoring.Score:
    return scoring.score_answers(
        scoring.Answer(weight=weight, result=result)
        for weight, result in inspection.findings.values_list("item__weight", "result")
    )


def years_with_inspections(unit_ids=None) -> list[int]:
    """Years in which some inspection took place (at the given units, when given)."""
    inspections = Inspection.objects.order_by()
    if unit_ids is not None:
        inspections = inspections.filter(unit_id__in=unit_ids)
    return [day.year for day in inspections.dates("inspected_on", "year")]
