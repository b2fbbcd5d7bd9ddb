"""How the audit trail reads the actions of checklists, inspections and remediations (registered by ready())."""

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import choice_label, day, plain, register_audit_action
from thidua.inspections.models import ChecklistItem, FindingResult, InspectionKind

INSPECTION = _("the inspection")
REMEDIATION = _("the remediation request")


def _checklist(data: dict[str, Any]) -> list[str]:
    phrases = [
        gettext("code %(code)s, version %(version)s") % {"code": data["code"], "version": data["version"]}
    ]
    if "items" in data:
        phrases.append(gettext("%(count)s items") % {"count": data["items"]})
    if "groups" in data:
        phrases.append(gettext("%(count)s groups") % {"count": data["groups"]})
    if data.get("new_version"):
        phrases.append(gettext("kept as a new version"))
    if data.get("reason"):
        phrases.append(gettext("reason: %(reason)s") % {"reason": data["reason"]})
    return phrases


def _inspection_created(data: dict[str, Any]) -> list[str]:
    return [
        choice_label(InspectionKind, data["kind"]),
        gettext("on %(date)s") % {"date": day(data["date"])},
        gettext("checklist %(checklist)s") % {"checklist": data["checklist"]},
    ]


def _item(data: dict[str, Any]) -> list[str]:
    text = ChecklistItem.objects.filter(pk=data.get("item")).values_list("text", flat=True).first()
    return [gettext("item «%(item)s»") % {"item": (text or str(data.get("item")))[:120]}]


def _finding_value(name: str, value: Any) -> str:
    return choice_label(FindingResult, value) if name == "result" else plain(value)


def _reason(data: dict[str, Any]) -> list[str]:
    return [gettext("reason: %(reason)s") % {"reason": data["reason"]}] if data.get("reason") else []


def _record_number(data: dict[str, Any]) -> list[str]:
    number = data.get("record_number")
    return [gettext("record no. %(number)s") % {"number": number}] if number else []


def _remediation_opened(data: dict[str, Any]) -> list[str]:
    return [
        gettext("owner %(owner)s, due %(date)s")
        % {"owner": plain(data["owner"]), "date": day(data["due_date"])}
    ]


def _evidence_count(data: dict[str, Any]) -> list[str]:
    return [gettext("%(count)s evidence files") % {"count": plain(data.get("evidence"))}]


def _note(data: dict[str, Any]) -> list[str]:
    return [gettext("note: %(note)s") % {"note": data["note"]}] if data.get("note") else []


def _discipline(data: dict[str, Any]) -> list[str]:
    phrases = [
        gettext("on %(date)s") % {"date": day(data["date"])},
        gettext("rule: %(rule)s") % {"rule": data["rule"]},
    ]
    if data.get("named"):
        phrases.append(gettext("the person is named in the record"))
    return phrases


register_audit_action(
    "checklist.created",
    _("Checklist created"),
    _("%(actor)s created %(object)s"),
    noun=_("the checklist"),
    details=_checklist,
)
register_audit_action(
    "checklist.revised",
    _("Checklist revised"),
    _("%(actor)s revised %(object)s"),
    noun=_("the checklist"),
    details=_checklist,
)
register_audit_action(
    "inspection.created",
    _("Inspection started"),
    _("%(actor)s started %(object)s at %(unit)s"),
    noun=INSPECTION,
    details=_inspection_created,
)
register_audit_action(
    "finding.saved",
    _("Finding saved"),
    _("%(actor)s recorded a finding in %(object)s"),
    noun=INSPECTION,
    details=_item,
    fields={"result": _("result"), "note": _("note")},
    value=_finding_value,
)
register_audit_action(
    "finding.photo_added",
    _("Photo added to a finding"),
    _("%(actor)s added a photo to a finding in %(object)s"),
    noun=INSPECTION,
    details=_item,
)
register_audit_action(
    "inspection.submitted",
    _("Inspection record submitted"),
    _("%(actor)s submitted the record of %(object)s"),
    noun=INSPECTION,
    details=_record_number,
)
register_audit_action(
    "inspection.returned",
    _("Inspection record returned"),
    _("%(actor)s returned the record of %(object)s"),
    noun=INSPECTION,
    details=_reason,
)
register_audit_action(
    "inspection.reviewed",
    _("Inspection record reviewed"),
    _("%(actor)s reviewed the record of %(object)s"),
    noun=INSPECTION,
)
register_audit_action(
    "remediation.opened",
    _("Remediation opened"),
    _("%(actor)s opened %(object)s for %(unit)s"),
    noun=REMEDIATION,
    details=_remediation_opened,
)
register_audit_action(
    "remediation.action_recorded",
    _("Remediation action recorded"),
    _("%(actor)s recorded the action taken on %(object)s"),
    noun=REMEDIATION,
    details=_evidence_count,
)
register_audit_action(
    "remediation.closed",
    _("Remediation closed"),
    _("%(actor)s closed %(object)s"),
    noun=REMEDIATION,
    details=_note,
)
register_audit_action(
    "remediation.reopened",
    _("Remediation reopened"),
    _("%(actor)s reopened %(object)s"),
    noun=REMEDIATION,
    details=_reason,
)
register_audit_action(
    "discipline.recorded",
    _("Discipline breach recorded"),
    _("%(actor)s recorded a discipline breach at %(unit)s"),
    details=_discipline,
)
