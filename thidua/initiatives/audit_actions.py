"""How the audit trail reads the actions on reform models (registered by the app's ready())."""

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import choice_label, field_labels, register_audit_action
from thidua.initiatives.models import CRITERIA, ModelCategory, ReformModel, Verdict
from thidua.initiatives.services import CONTENT_FIELDS

MODEL = _("the reform model")


def _created(data: dict[str, Any]) -> list[str]:
    return [
        gettext("year %(year)s") % {"year": data["year"]},
        choice_label(ModelCategory, data["category"]),
    ]


def _appraisal(data: dict[str, Any]) -> list[str]:
    criteria = data.get("criteria") or {}
    met = sum(1 for code, _label in CRITERIA if criteria.get(code) == Verdict.MEETS)
    phrases = [gettext("meets %(met)s/%(total)s criteria") % {"met": met, "total": len(CRITERIA)}]
    missed = [str(label) for code, label in CRITERIA if code in criteria and criteria[code] != Verdict.MEETS]
    if missed:
        phrases.append(gettext("not met: %(criteria)s") % {"criteria": ", ".join(missed)})
    if data.get("reason"):
        phrases.append(gettext("reason: %(reason)s") % {"reason": data["reason"]})
    return phrases


def _reason(data: dict[str, Any]) -> list[str]:
    return [gettext("reason: %(reason)s") % {"reason": data["reason"]}] if data.get("reason") else []


def _adopted(data: dict[str, Any]) -> list[str]:
    return [gettext("from the model of unit %(unit)s") % {"unit": data["source_unit"]}]


def _evidence(data: dict[str, Any]) -> list[str]:
    phrases = [gettext("file «%(name)s»") % {"name": data["name"]}]
    if data.get("public"):
        phrases.append(gettext("shown in the public library"))
    return phrases


def _appraised(code: str, name: Any, sentence: Any) -> None:
    register_audit_action(code, name, sentence, noun=MODEL, details=_appraisal)


register_audit_action(
    "reform_model.created",
    _("Model recorded"),
    _("%(actor)s recorded %(object)s of %(unit)s"),
    noun=MODEL,
    details=_created,
)
register_audit_action(
    "reform_model.updated",
    _("Model changed"),
    _("%(actor)s changed %(object)s of %(unit)s"),
    noun=MODEL,
    fields=field_labels(ReformModel, CONTENT_FIELDS),
)
register_audit_action(
    "reform_model.sent_to_head",
    _("Model sent to the unit head"),
    _("%(actor)s sent %(object)s of %(unit)s to the unit head"),
    noun=MODEL,
)
register_audit_action(
    "reform_model.head_returned",
    _("Model sent back by the unit head"),
    _("%(actor)s sent %(object)s of %(unit)s back for revision"),
    noun=MODEL,
    details=_reason,
)
register_audit_action(
    "reform_model.submitted",
    _("Model submitted for appraisal"),
    _("%(actor)s submitted %(object)s of %(unit)s for appraisal"),
    noun=MODEL,
)
_appraised("reform_model.approved", _("Model approved"), _("%(actor)s approved %(object)s of %(unit)s"))
_appraised(
    "reform_model.returned",
    _("Model returned for revision"),
    _("%(actor)s returned %(object)s of %(unit)s for revision"),
)
_appraised("reform_model.rejected", _("Model rejected"), _("%(actor)s rejected %(object)s of %(unit)s"))
register_audit_action(
    "reform_model.recognised",
    _("Model recognised as exemplary"),
    _("%(actor)s recognised %(object)s of %(unit)s as exemplary"),
    noun=MODEL,
)
register_audit_action(
    "reform_model.discontinued",
    _("Model discontinued"),
    _("%(actor)s recorded that %(object)s of %(unit)s was discontinued"),
    noun=MODEL,
    details=_reason,
)
register_audit_action(
    "reform_model.adopted",
    _("Model adopted by another unit"),
    _("%(actor)s recorded that %(unit)s adopted %(object)s"),
    noun=MODEL,
    details=_adopted,
)
register_audit_action(
    "reform_model.evidence_added",
    _("Evidence added"),
    _("%(actor)s added evidence to %(object)s"),
    noun=MODEL,
    details=_evidence,
)
register_audit_action(
    "reform_model.evidence_published",
    _("Evidence shown in the library"),
    _("%(actor)s showed evidence of %(object)s in the public library"),
    noun=MODEL,
    details=_evidence,
)
register_audit_action(
    "reform_model.evidence_hidden",
    _("Evidence hidden from the library"),
    _("%(actor)s hid evidence of %(object)s from the public library"),
    noun=MODEL,
    details=_evidence,
)
register_audit_action(
    "reform_model.evidence_removed",
    _("Evidence removed"),
    _("%(actor)s removed evidence from %(object)s"),
    noun=MODEL,
    details=_evidence,
)
