"""Every change to checklists, inspections, findings, remediations and discipline records goes through here.

Each function runs in one transaction, refuses illegal moves with ``ValidationError`` and writes its audit entry
in the same transaction. Uploaded photos are checked by content before anything is stored; a file written to
disk is removed again when the service fails after writing it.
"""

from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record
from thidua.core.text import clean_text
from thidua.core.uploads import IMAGE_KINDS, private_storage, private_upload_path, validate_upload
from thidua.inspections import announcements
from thidua.inspections.models import (
    ChecklistGroup,
    ChecklistItem,
    ChecklistTemplate,
    DisciplineRecord,
    Finding,
    FindingPhoto,
    FindingResult,
    Inspection,
    InspectionKind,
    InspectionStatus,
    Remediation,
    RemediationEvidence,
    RemediationStatus,
)
from thidua.organizations.models import DocumentType, Unit, UnitKind
from thidua.organizations.services import document_number_issue

MAX_PHOTOS_PER_FINDING = 10
MAX_EVIDENCE_PER_REMEDIATION = 10


# --- checklists -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemSpec:
    """The content of one checklist item, independent of the version it belongs to."""

    group: str
    text: str
    legal_reference: str = ""
    weight: Decimal = Decimal(1)
    unit_kinds: Sequence[str] = field(default_factory=tuple)

    @classmethod
    def of(cls, item: ChecklistItem) -> "ItemSpec":
        return cls(
            group=item.group,
            text=item.text,
            legal_reference=item.legal_reference,
            weight=item.weight,
            unit_kinds=tuple(item.unit_kinds),
        )


@dataclass(frozen=True)
class GroupSpec:
    """One group of a checklist (nhóm tiêu chí): its code, label and the legal text it comes from."""

    code: str
    label: str
    legal_reference: str = ""


def _check_groups(groups: Sequence[GroupSpec]) -> list[dict[str, str]]:
    cleaned = [
        {
            "code": clean_text(g.code),
            "label": clean_text(g.label),
            "legal_reference": clean_text(g.legal_reference),
        }
        for g in groups
    ]
    codes = [group["code"] for group in cleaned]
    if not cleaned:
        raise ValidationError(_("A checklist needs at least one group."))
    if any(
        not code.isascii() or not code.replace("-", "").replace("_", "").isalnum() or len(code) > 40
        for code in codes
    ):
        raise ValidationError(_("A group code is letters, digits, - or _ (at most 40)."))
    if len(set(codes)) != len(codes):
        raise ValidationError(_("Each group needs its own code."))
    if any(not group["label"] or len(group["label"]) > 200 for group in cleaned):
        raise ValidationError(_("Every group needs a name (at most 200 characters)."))
    if any(len(group["legal_reference"]) > 300 for group in cleaned):
        raise ValidationError(_("A legal reference is at most 300 characters."))
    return cleaned


def _check_items(
    items: Sequence[ItemSpec], group_codes: Sequence[str] = tuple(ChecklistGroup.values)
) -> None:
    if not items:
        raise ValidationError(_("A checklist needs at least one item."))
    for spec in items:
        if spec.group not in group_codes:
            raise ValidationError(_("Unknown checklist group: %(group)s.") % {"group": spec.group})
        if not clean_text(spec.text):
            raise ValidationError(_("Every checklist item needs a text."))
        if len(clean_text(spec.legal_reference)) > 300:
            raise ValidationError(_("A legal reference is at most 300 characters."))
        if Decimal(spec.weight) <= 0:
            raise ValidationError(_("The weight of an item must be greater than zero."))
        if set(spec.unit_kinds) - set(UnitKind.values):
            raise ValidationError(_("Unknown unit kind in a checklist item."))


def _write_items(template: ChecklistTemplate, items: Sequence[ItemSpec]) -> None:
    ChecklistItem.objects.bulk_create(
        [
            ChecklistItem(
                template=template,
                group=spec.group,
                position=position,
                text=clean_text(spec.text),
                legal_reference=clean_text(spec.legal_reference),
                weight=Decimal(spec.weight),
                unit_kinds=list(spec.unit_kinds),
            )
            for position, spec in enumerate(items, start=1)
        ]
    )


def _normal(items: Sequence[ItemSpec]) -> list[tuple]:
    return [
        (
            spec.group,
            clean_text(spec.text),
            clean_text(spec.legal_reference),
            Decimal(spec.weight).normalize(),
            tuple(sorted(spec.unit_kinds)),
        )
        for spec in items
    ]


@transaction.atomic
def checklist_create(
    *,
    actor: Any,
    code: str,
    title: str,
    items: Sequence[ItemSpec],
    legal_bases: str = "",
    groups: Sequence[GroupSpec] | None = None,
    owner: Unit | None = None,
) -> ChecklistTemplate:
    if ChecklistTemplate.objects.filter(code=code).exists():
        raise ValidationError(_("A checklist with this code exists already; revise it instead."))
    stored_groups = _check_groups(groups) if groups is not None else []
    _check_items(items, [g["code"] for g in stored_groups] if groups is not None else ChecklistGroup.values)
    template = ChecklistTemplate.objects.create(
        code=code,
        version=1,
        title=clean_text(title),
        legal_bases=clean_text(legal_bases),
        groups=stored_groups,
        owner=owner,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _write_items(template, items)
    audit_record(
        actor=actor,
        action="checklist.created",
        target=template,
        data={"code": code, "version": 1, "items": len(items)},
    )
    return template


@transaction.atomic
def checklist_revise(
    *,
    actor: Any,
    template: ChecklistTemplate,
    items: Sequence[ItemSpec],
    title: str | None = None,
    legal_bases: str | None = None,
    groups: Sequence[GroupSpec] | None = None,
    change_reason: str = "",
) -> ChecklistTemplate:
    """Change a checklist: its items, their groups and order, each with its legal reference. A version some
    inspection uses stays as it is: the change becomes a new version (and needs a reason, kept in the audit
    trail), and past inspections keep the version they were recorded with. A change that changes nothing is
    refused; a refusal writes nothing."""
    latest = (
        ChecklistTemplate.objects.select_for_update().filter(code=template.code).order_by("-version").first()
    )
    if latest is None or latest.pk != template.pk:
        raise ValidationError(_("Only the latest version of a checklist can be revised."))
    stored_groups = _check_groups(groups) if groups is not None else list(latest.groups)
    effective_groups = stored_groups or latest.group_list()
    group_codes = [group["code"] for group in effective_groups]
    _check_items(items, group_codes)
    title = clean_text(title) if title is not None else latest.title
    legal_bases = clean_text(legal_bases) if legal_bases is not None else latest.legal_bases
    if not title:
        raise ValidationError(_("Give the checklist a title."))
    unchanged = (
        title == latest.title
        and legal_bases == latest.legal_bases
        and effective_groups == latest.group_list()
        and _normal(items) == _normal([ItemSpec.of(item) for item in latest.ordered_items()])
    )
    if unchanged:
        raise ValidationError(
            _("This is already version %(version)s of the checklist: nothing was changed.")
            % {"version": latest.version}
        )
    in_use = latest.is_in_use
    change_reason = clean_text(change_reason)
    if in_use and not change_reason:
        raise ValidationError(
            {"change_reason": _("Inspections use this version: give the reason for the change.")}
        )
    if in_use:
        revised = ChecklistTemplate.objects.create(
            code=latest.code,
            version=latest.version + 1,
            title=title,
            legal_bases=legal_bases,
            groups=stored_groups,
            owner_id=latest.owner_id,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
    else:
        revised = latest
        revised.title = title
        revised.legal_bases = legal_bases
        revised.groups = stored_groups
        revised.save(update_fields=["title", "legal_bases", "groups"])
        revised.items.all().delete()
    _write_items(revised, items)
    audit_record(
        actor=actor,
        action="checklist.revised",
        target=revised,
        data={
            "code": revised.code,
            "version": revised.version,
            "new_version": revised.pk != latest.pk,
            "groups": len(effective_groups),
            "items": len(items),
            **({"reason": change_reason} if change_reason else {}),
        },
    )
    return revised


def own_code(code: str, owner: Unit) -> str:
    """The code of an authority's own checklist: the shared one's and the authority's unit code."""
    suffix = f"-{owner.code}"
    return code[: ChecklistTemplate._meta.get_field("code").max_length - len(suffix)].rstrip("-") + suffix


@transaction.atomic
def checklist_copy(*, actor: Any, template: ChecklistTemplate, owner: Unit) -> ChecklistTemplate:
    """An authority's own copy of a shared checklist: a new code (the old one and the authority's unit code),
    version 1, the same groups and items, owned by the authority. Refused, writing nothing, when it has one."""
    if template.owner_id is not None:
        raise ValidationError(_("Only a shared checklist can be copied."))
    code = own_code(template.code, owner)
    if ChecklistTemplate.objects.filter(code=code).exists():
        raise ValidationError(_("Your authority has its own copy of this checklist already."))
    return checklist_create(
        actor=actor,
        code=code,
        title=template.title,
        legal_bases=template.legal_bases,
        groups=[GroupSpec(g["code"], g["label"], g.get("legal_reference", "")) for g in template.groups]
        if template.groups
        else None,
        items=[ItemSpec.of(item) for item in template.ordered_items()],
        owner=owner,
    )


def checklist_item_update(
    *,
    actor: Any,
    item: ChecklistItem,
    text: str,
    legal_reference: str,
    weight: Decimal,
    unit_kinds: Sequence[str],
    change_reason: str = "",
) -> ChecklistTemplate:
    """Change one item: the whole checklist is revised (a new version when the current one is in use)."""
    specs = [
        ItemSpec(
            group=other.group,
            text=text,
            legal_reference=legal_reference,
            weight=weight,
            unit_kinds=tuple(unit_kinds),
        )
        if other.pk == item.pk
        else ItemSpec.of(other)
        for other in item.template.ordered_items()
    ]
    return checklist_revise(actor=actor, template=item.template, items=specs, change_reason=change_reason)


# --- inspections ------------------------------------------------------------------------------------------


def _locked_inspection(inspection: Inspection) -> Inspection:
    return Inspection.objects.select_for_update().select_related("unit", "template").get(pk=inspection.pk)


@transaction.atomic
def inspection_create(
    *,
    actor: Any,
    unit: Unit,
    kind: str,
    inspected_on: date,
    template: ChecklistTemplate,
    inspectors: Sequence[Any] = (),
    team_note: str = "",
    is_demo: bool = False,
) -> Inspection:
    if kind not in InspectionKind.values:
        raise ValidationError({"kind": _("Choose the kind of inspection.")})
    if inspected_on > timezone.localdate():
        raise ValidationError({"inspected_on": _("The inspection date cannot be in the future.")})
    latest = ChecklistTemplate.objects.filter(code=template.code).order_by("-version").first()
    if latest is None or latest.pk != template.pk:
        raise ValidationError(_("New inspections use the latest version of the checklist."))
    if not template.items_for(unit):
        raise ValidationError(_("No item of this checklist applies to this kind of unit."))
    inspection = Inspection.objects.create(
        unit=unit,
        template=template,
        kind=kind,
        inspected_on=inspected_on,
        team_note=clean_text(team_note),
        created_by=actor,
        is_demo=is_demo,
    )
    people = [person for person in inspectors if person is not None]
    if getattr(actor, "is_authenticated", False) and actor not in people:
        people.insert(0, actor)
    inspection.inspectors.set(people)
    audit_record(
        actor=actor,
        action="inspection.created",
        target=inspection,
        unit=unit,
        data={
            "kind": kind,
            "date": inspected_on.isoformat(),
            "checklist": f"{template.code} v{template.version}",
        },
    )
    return inspection


def _applicable_item(inspection: Inspection, item: ChecklistItem) -> ChecklistItem:
    if item.template_id != inspection.template_id or not item.applies_to(inspection.unit):
        raise ValidationError(_("This item is not part of the inspection's checklist."))
    return item


@transaction.atomic
def finding_save(
    *, actor: Any, inspection: Inspection, item: ChecklistItem, result: str, note: str = ""
) -> tuple[Finding, bool]:
    """Record one answer. Sending the same answer again changes nothing (safe to retry); returns (finding, changed)."""
    inspection = _locked_inspection(inspection)
    if not inspection.is_editable:
        raise ValidationError(_("This inspection has been submitted; its answers can no longer be changed."))
    _applicable_item(inspection, item)
    if result not in FindingResult.values and result != "":
        raise ValidationError({"result": _("Choose pass, fail or not applicable.")})
    note = clean_text(note)
    if len(note) > 2000:
        raise ValidationError({"note": _("The note is too long (at most 2000 characters).")})
    finding, created = Finding.objects.get_or_create(inspection=inspection, item=item)
    if not created and finding.result == result and finding.note == note:
        return finding, False
    if hasattr(finding, "remediation") and result != FindingResult.FAIL:
        raise ValidationError(_("A remediation was opened for this failed item; its result stays 'fail'."))
    before = {"result": finding.result, "note": finding.note}
    finding.result, finding.note = result, note
    finding.updated_by = actor
    finding.save(update_fields=["result", "note", "updated_by", "updated_at"])
    audit_record(
        actor=actor,
        action="finding.saved",
        target=inspection,
        unit=inspection.unit,
        data={"item": item.pk, "before": before, "after": {"result": result, "note": note}},
    )
    return finding, True


@contextmanager
def _removing_files_on_error():
    """Collect names of stored files; if the block fails, delete them so nothing half-written remains."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            private_storage.delete(name)
        raise


def _store_image(uploaded, prefix: str, stored: list[str]) -> tuple[str, str]:
    kind = validate_upload(uploaded, allowed=IMAGE_KINDS)
    uploaded.seek(0)
    name = private_storage.save(private_upload_path(prefix, kind), uploaded)
    stored.append(name)
    return name, kind.content_type


def finding_photo_add(*, actor: Any, inspection: Inspection, item: ChecklistItem, uploaded) -> FindingPhoto:
    # Check the content before touching the database or the disk.
    validate_upload(uploaded, allowed=IMAGE_KINDS)
    with _removing_files_on_error() as stored, transaction.atomic():
        inspection = _locked_inspection(inspection)
        if not inspection.is_editable:
            raise ValidationError(_("This inspection has been submitted; photos can no longer be added."))
        _applicable_item(inspection, item)
        finding, _created = Finding.objects.get_or_create(inspection=inspection, item=item)
        if finding.photos.count() >= MAX_PHOTOS_PER_FINDING:
            raise ValidationError(_("At most %(count)s photos per item.") % {"count": MAX_PHOTOS_PER_FINDING})
        name, content_type = _store_image(uploaded, "inspections", stored)
        photo = FindingPhoto.objects.create(
            finding=finding, file=name, content_type=content_type, size=uploaded.size, uploaded_by=actor
        )
        audit_record(
            actor=actor,
            action="finding.photo_added",
            target=inspection,
            unit=inspection.unit,
            data={"item": item.pk, "photo": photo.pk, "bytes": uploaded.size},
        )
        return photo


def issuing_body(inspection: Inspection) -> Unit:
    """The body in whose name the record is issued: the level above for district inspections, the unit itself
    for a self-inspection."""
    if inspection.is_district and inspection.unit.parent_id:
        return inspection.unit.parent
    return inspection.unit


@transaction.atomic
def inspection_submit(*, actor: Any, inspection: Inspection, conclusion: str = "") -> Inspection:
    inspection = _locked_inspection(inspection)
    if inspection.status != InspectionStatus.DRAFT:
        raise ValidationError(_("Only a draft inspection can be submitted."))
    answered = set(inspection.findings.exclude(result="").values_list("item_id", flat=True))
    missing = [item for item in inspection.template.items_for(inspection.unit) if item.pk not in answered]
    if missing:
        raise ValidationError(
            _("%(count)s item(s) have no answer yet; answer every item before submitting.")
            % {"count": len(missing)}
        )
    # The record takes the next number in its issuer's register; a record returned and submitted again keeps it.
    issued = document_number_issue(
        actor=actor,
        issuer=issuing_body(inspection),
        type_code=DocumentType.MINUTES,
        day=inspection.inspected_on,
        subject=f"Biên bản kiểm tra văn hóa công sở tại {inspection.unit.official_name}",
        reference=f"inspection-record:{inspection.pk}",
    )
    inspection.record_number = issued.number
    inspection.status = InspectionStatus.SUBMITTED
    inspection.submitted_by = actor
    inspection.submitted_at = timezone.now()
    if conclusion:
        inspection.conclusion = clean_text(conclusion)
    inspection.save(
        update_fields=["status", "submitted_by", "submitted_at", "record_number", "conclusion", "updated_at"]
    )
    entry = audit_record(
        actor=actor,
        action="inspection.submitted",
        target=inspection,
        unit=inspection.unit,
        data={"record_number": inspection.record_number},
    )
    announcements.inspection_submitted(inspection, entry, actor)
    return inspection


@transaction.atomic
def inspection_return(*, actor: Any, inspection: Inspection, reason: str) -> Inspection:
    """Send a submitted inspection back to its team for correction."""
    inspection = _locked_inspection(inspection)
    if inspection.status != InspectionStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted inspection can be returned."))
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the inspection is returned.")})
    inspection.status = InspectionStatus.DRAFT
    inspection.save(update_fields=["status", "updated_at"])
    entry = audit_record(
        actor=actor,
        action="inspection.returned",
        target=inspection,
        unit=inspection.unit,
        data={"reason": reason},
    )
    announcements.inspection_returned(inspection, entry, actor)
    return inspection


@transaction.atomic
def inspection_review(*, actor: Any, inspection: Inspection, conclusion: str = "") -> Inspection:
    inspection = _locked_inspection(inspection)
    if inspection.status != InspectionStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted inspection can be reviewed."))
    inspection.status = InspectionStatus.REVIEWED
    inspection.reviewed_by = actor
    inspection.reviewed_at = timezone.now()
    if conclusion:
        inspection.conclusion = clean_text(conclusion)
    inspection.save(update_fields=["status", "reviewed_by", "reviewed_at", "conclusion", "updated_at"])
    entry = audit_record(actor=actor, action="inspection.reviewed", target=inspection, unit=inspection.unit)
    announcements.inspection_reviewed(inspection, entry, actor)
    return inspection


# --- remediation ------------------------------------------------------------------------------------------


def _locked_remediation(remediation: Remediation) -> Remediation:
    return (
        Remediation.objects.select_for_update()
        .select_related("unit", "finding__item", "finding__inspection")
        .get(pk=remediation.pk)
    )


@transaction.atomic
def remediation_open(
    *, actor: Any, finding: Finding, owner: str, due_date: date, required_action: str = ""
) -> Remediation:
    finding = (
        Finding.objects.select_for_update().select_related("inspection__unit", "item").get(pk=finding.pk)
    )
    if finding.result != FindingResult.FAIL:
        raise ValidationError(_("Only a failed item can open a remediation."))
    if Remediation.objects.filter(finding=finding).exists():
        raise ValidationError(_("A remediation is already open for this item."))
    owner = clean_text(owner)
    if not owner:
        raise ValidationError({"owner": _("Name who is responsible for the remediation.")})
    if due_date < finding.inspection.inspected_on:
        raise ValidationError({"due_date": _("The due date cannot be before the inspection date.")})
    remediation = Remediation.objects.create(
        finding=finding,
        unit=finding.inspection.unit,
        owner=owner,
        due_date=due_date,
        required_action=clean_text(required_action),
        opened_by=actor,
    )
    entry = audit_record(
        actor=actor,
        action="remediation.opened",
        target=remediation,
        unit=remediation.unit,
        data={"finding": finding.pk, "owner": owner, "due_date": due_date.isoformat()},
    )
    announcements.remediation_opened(remediation, entry, actor)
    return remediation


def remediation_record_action(
    *, actor: Any, remediation: Remediation, action_taken: str, photos: Sequence[Any] = ()
) -> Remediation:
    """The unit says what it did, with photo evidence (at least one, now or earlier)."""
    for photo in photos:
        validate_upload(photo, allowed=IMAGE_KINDS)
    action_taken = clean_text(action_taken)
    with _removing_files_on_error() as stored, transaction.atomic():
        remediation = _locked_remediation(remediation)
        if remediation.status != RemediationStatus.OPEN:
            raise ValidationError(_("Only an open remediation can record an action."))
        if not action_taken:
            raise ValidationError({"action_taken": _("Describe what the unit did.")})
        existing = remediation.evidence.count()
        if not photos and not existing:
            raise ValidationError({"photos": _("Attach at least one photo as evidence.")})
        if existing + len(photos) > MAX_EVIDENCE_PER_REMEDIATION:
            raise ValidationError(
                _("At most %(count)s photos per remediation.") % {"count": MAX_EVIDENCE_PER_REMEDIATION}
            )
        added = []
        for photo in photos:
            name, content_type = _store_image(photo, "remediations", stored)
            added.append(
                RemediationEvidence.objects.create(
                    remediation=remediation,
                    file=name,
                    content_type=content_type,
                    size=photo.size,
                    uploaded_by=actor,
                ).pk
            )
        remediation.status = RemediationStatus.ACTION_RECORDED
        remediation.action_taken = action_taken
        remediation.action_recorded_by = actor
        remediation.action_recorded_at = timezone.now()
        remediation.save(update_fields=["status", "action_taken", "action_recorded_by", "action_recorded_at"])
        entry = audit_record(
            actor=actor,
            action="remediation.action_recorded",
            target=remediation,
            unit=remediation.unit,
            data={"evidence": added},
        )
        announcements.remediation_action_recorded(remediation, entry, actor)
        return remediation


@transaction.atomic
def remediation_close(*, actor: Any, remediation: Remediation, note: str = "") -> Remediation:
    """The district has verified the unit's action: the remediation is closed."""
    remediation = _locked_remediation(remediation)
    if remediation.status != RemediationStatus.ACTION_RECORDED:
        raise ValidationError(_("Only a remediation whose action was recorded can be closed."))
    remediation.status = RemediationStatus.CLOSED
    remediation.closing_note = clean_text(note)
    remediation.closed_by = actor
    remediation.closed_at = timezone.now()
    remediation.save(update_fields=["status", "closing_note", "closed_by", "closed_at"])
    entry = audit_record(
        actor=actor,
        action="remediation.closed",
        target=remediation,
        unit=remediation.unit,
        data={"note": remediation.closing_note},
    )
    announcements.remediation_closed(remediation, entry, actor)
    return remediation


@transaction.atomic
def remediation_reopen(*, actor: Any, remediation: Remediation, reason: str) -> Remediation:
    """The district is not satisfied with the recorded action: back to the unit."""
    remediation = _locked_remediation(remediation)
    if remediation.status != RemediationStatus.ACTION_RECORDED:
        raise ValidationError(_("Only a remediation whose action was recorded can be sent back."))
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the action is not sufficient.")})
    remediation.status = RemediationStatus.OPEN
    remediation.closing_note = reason
    remediation.save(update_fields=["status", "closing_note"])
    entry = audit_record(
        actor=actor,
        action="remediation.reopened",
        target=remediation,
        unit=remediation.unit,
        data={"reason": reason},
    )
    announcements.remediation_reopened(remediation, entry, actor)
    return remediation


# --- discipline -------------------------------------------------------------------------------------------


@transaction.atomic
def discipline_record_create(
    *, actor: Any, unit: Unit, occurred_on: date, rule: str, note: str = "", person_name: str = ""
) -> DisciplineRecord:
    rule = clean_text(rule)
    if not rule:
        raise ValidationError({"rule": _("Name the rule that was breached.")})
    if occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("The date cannot be in the future.")})
    record = DisciplineRecord.objects.create(
        unit=unit,
        occurred_on=occurred_on,
        rule=rule,
        note=clean_text(note),
        person_name=clean_text(person_name),
        recorded_by=actor,
    )
    # The personal name stays out of the audit trail, which more people read than the record itself.
    audit_record(
        actor=actor,
        action="discipline.recorded",
        target=record,
        unit=unit,
        data={"date": occurred_on.isoformat(), "rule": rule, "named": bool(record.person_name)},
    )
    return record
