"""How the audit trail reads the actions on campaigns, targets and registrations (registered by ready())."""

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.indicators import get_indicator
from thidua.campaigns.models import Comparison, Target
from thidua.core.audit import choice_label, day, field_labels, plain, register_audit_action

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


def _target_value(name: str, value: Any) -> str:
    return choice_label(Comparison, value) if name == "comparison" else plain(value)


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
    fields=field_labels(Target, ["comparison", "threshold", "label"]),
    value=_target_value,
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
