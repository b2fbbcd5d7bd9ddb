"""How the audit trail reads the actions on campaigns, targets and registrations (registered by ready())."""

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.award_types import award_type_label
from thidua.campaigns.indicators import get_indicator, indicator_label, registered_indicators
from thidua.campaigns.models import Campaign, Comparison, Target
from thidua.core.audit import choice_label, day, field_labels, plain, register_audit_action
from thidua.organizations.models import UnitKind

CAMPAIGN = _("the campaign")
TARGET = _("the target")
REGISTRATION = _("the registration")


def _campaign_created(data: dict[str, Any]) -> list[str]:
    start, end = data["period"]
    return [
        gettext("plan no. %(number)s, from %(start)s to %(end)s")
        % {"number": data["number"], "start": day(start), "end": day(end)}
    ]


def _extended(data: dict[str, Any]) -> list[str]:
    phrases = [gettext("until %(date)s") % {"date": day(data["new_end"])}]
    if data.get("document"):
        phrases.append(gettext("by document %(document)s") % {"document": data["document"]})
    return phrases


def _target_created(data: dict[str, Any]) -> list[str]:
    indicator = get_indicator(data["indicator"])
    return [
        gettext("indicator %(indicator)s %(comparison)s %(threshold)s")
        % {
            "indicator": indicator.label if indicator is not None else data["indicator"],
            "comparison": choice_label(Comparison, data["comparison"]),
            "threshold": data["threshold"],
        }
    ]


PLAN_FIELD_LABELS = {
    **field_labels(
        Campaign,
        [
            "number",
            "title",
            "issue_date",
            "issuing_unit",
            "legal_bases",
            "summary",
            "period_start",
            "period_end",
            "participating_kinds",
            "participants",
            "award_types",
            "signed_plan",
        ],
    ),
}
TARGET_FIELD_LABELS = field_labels(
    Target,
    [
        "indicator",
        "label",
        "comparison",
        "threshold",
        "unit_of_measure",
        "unit_kinds",
        "position",
        "counting_rule",
    ],
)
DATE_FIELDS = {"issue_date", "period_start", "period_end"}


def _rule_label(code: Any) -> str:
    for indicator in registered_indicators():
        for rule in indicator.counting_rules:
            if rule.code == code:
                return str(rule.label)
    return plain(code)


def _kinds(value: Any) -> str:
    if not isinstance(value, list):
        return plain(value)
    return ", ".join(choice_label(UnitKind, kind) for kind in value) or "—"


def _plan_value(name: str, value: Any) -> str:
    """A stored value of a plan or target field as a person reads it."""
    if value is None:
        return "—"
    if name in DATE_FIELDS:
        return day(value)
    if name == "comparison":
        return choice_label(Comparison, value)
    if name in {"participating_kinds", "unit_kinds"}:
        return _kinds(value)
    if name == "award_types" and isinstance(value, list):
        return ", ".join(award_type_label(code) for code in value) or "—"
    if name == "indicator":
        return indicator_label(str(value))
    if name == "counting_rule":
        return _rule_label(value) if value else "—"
    return plain(value)


def revision_changes(changes: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(field, old, new) for each change a plan revision records."""
    labels = {**PLAN_FIELD_LABELS, **TARGET_FIELD_LABELS}
    rows = []
    for name, pair in changes.items():
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            continue
        rows.append((str(labels.get(name, name)), _plan_value(name, pair[0]), _plan_value(name, pair[1])))
    return rows


def _target_value(name: str, value: Any) -> str:
    return _plan_value(name, value)


def _reason(data: dict[str, Any]) -> list[str]:
    return [gettext("reason: %(reason)s") % {"reason": data["reason"]}] if data.get("reason") else []


def _year(data: dict[str, Any]) -> list[str]:
    return [gettext("year %(year)s") % {"year": data["year"]}]


register_audit_action(
    "campaign.created",
    _("Campaign created"),
    _("%(actor)s created %(object)s issued by %(unit)s"),
    noun=CAMPAIGN,
    details=_campaign_created,
)
register_audit_action(
    "campaign.extended",
    _("Campaign period extended"),
    _("%(actor)s extended the period of %(object)s"),
    noun=CAMPAIGN,
    details=_extended,
)
register_audit_action(
    "target.created",
    _("Target created"),
    _("%(actor)s set %(object)s"),
    noun=TARGET,
    details=_target_created,
)
register_audit_action(
    "target.updated",
    _("Target changed"),
    _("%(actor)s changed %(object)s"),
    noun=TARGET,
    details=_reason,
    fields=TARGET_FIELD_LABELS,
    value=_target_value,
)
register_audit_action(
    "target.removed",
    _("Target removed"),
    _("%(actor)s removed %(object)s"),
    noun=TARGET,
    details=_reason,
)
register_audit_action(
    "campaign.updated",
    _("Campaign changed"),
    _("%(actor)s changed %(object)s"),
    noun=CAMPAIGN,
    details=_reason,
    fields=PLAN_FIELD_LABELS,
    value=_plan_value,
)
register_audit_action(
    "campaign.signed_plan_attached",
    _("Signed plan attached"),
    _("%(actor)s attached the signed plan to %(object)s"),
    noun=CAMPAIGN,
    details=_reason,
    fields=PLAN_FIELD_LABELS,
)
register_audit_action(
    "registration.created",
    _("Registration drafted"),
    _("%(actor)s drafted %(object)s of %(unit)s"),
    noun=REGISTRATION,
    details=_year,
)
register_audit_action(
    "registration.updated",
    _("Registration changed"),
    _("%(actor)s changed %(object)s of %(unit)s"),
    noun=REGISTRATION,
    details=_year,
)
register_audit_action(
    "registration.submitted",
    _("Registration submitted"),
    _("%(actor)s submitted %(object)s of %(unit)s"),
    noun=REGISTRATION,
)
register_audit_action(
    "registration.confirmed",
    _("Registration confirmed"),
    _("%(actor)s confirmed %(object)s of %(unit)s"),
    noun=REGISTRATION,
)
register_audit_action(
    "registration.returned",
    _("Registration returned"),
    _("%(actor)s returned %(object)s of %(unit)s"),
    noun=REGISTRATION,
    details=_reason,
)
