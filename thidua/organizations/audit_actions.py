"""How the audit trail reads the actions of units, people and API tokens (registered by the app's ready())."""

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import choice_label, day, field_labels, plain, register_audit_action
from thidua.organizations.models import AuthoritySettings, Role, Unit, UnitKind
from thidua.organizations.services import AUTHORITY_SETTING_FIELDS, UNIT_FIELDS


def _unit_value(name: str, value: Any) -> str:
    if name == "kind":
        return choice_label(UnitKind, value)
    if name == "is_confirmed":
        return plain({"True": True, "False": False}.get(value, value))
    if name in {"valid_from", "valid_to"} and value:
        return day(value)
    return plain(value)


def _membership(data: dict[str, Any]) -> list[str]:
    return [
        gettext("account %(user)s, role %(role)s")
        % {"user": data["user"], "role": choice_label(Role, data["role"])}
    ]


def _merged(data: dict[str, Any]) -> list[str]:
    return [
        gettext("merged units %(codes)s, effective %(date)s")
        % {"codes": ", ".join(data["predecessors"]), "date": day(data["effective"])}
    ]


def _username(data: dict[str, Any]) -> list[str]:
    return [gettext("username %(username)s") % {"username": data["username"]}]


register_audit_action(
    "unit.created",
    _("Unit created"),
    _("%(actor)s created %(object)s"),
    noun=_("the unit"),
)
register_audit_action(
    "unit.updated",
    _("Unit changed"),
    _("%(actor)s changed %(object)s"),
    noun=_("the unit"),
    fields=field_labels(Unit, UNIT_FIELDS),
    value=_unit_value,
)
register_audit_action(
    "unit.merged",
    _("Units merged"),
    _("%(actor)s recorded a merger into %(object)s"),
    noun=_("the unit"),
    details=_merged,
)
register_audit_action(
    "user.created",
    _("Account created"),
    _("%(actor)s created the account of %(object)s"),
    details=_username,
)
register_audit_action(
    "membership.granted",
    _("Role granted"),
    _("%(actor)s granted a role in %(unit)s"),
    noun=_("the role"),
    details=_membership,
)
register_audit_action(
    "membership.revoked",
    _("Role revoked"),
    _("%(actor)s revoked a role in %(unit)s"),
    noun=_("the role"),
    details=_membership,
)
register_audit_action(
    "api_token.created",
    _("API token created"),
    _("%(actor)s created %(object)s for %(unit)s"),
    noun=_("the API token"),
)
register_audit_action(
    "api_token.revoked",
    _("API token revoked"),
    _("%(actor)s revoked %(object)s of %(unit)s"),
    noun=_("the API token"),
)


def _issued_number(data: dict[str, Any]) -> list[str]:
    return [gettext("number %(number)s") % {"number": data.get("number", "")}]


register_audit_action(
    "document.number_issued",
    _("Document number issued"),
    _("%(actor)s issued the number of %(object)s for %(unit)s"),
    noun=_("the document"),
    details=_issued_number,
)
register_audit_action(
    "user.password_reset",
    _("Password reset by an officer"),
    _("%(actor)s set a new password for %(object)s, to be changed at the next sign-in"),
    details=_username,
)
register_audit_action(
    "user.password_changed",
    _("Password changed by its owner"),
    _("%(actor)s changed the password of %(object)s"),
    details=_username,
)


def _settings_reason(data: dict[str, Any]) -> list[str]:
    return [gettext("reason: %(reason)s") % {"reason": data["reason"]}] if data.get("reason") else []


register_audit_action(
    "authority.settings_changed",
    _("Authority settings changed"),
    _("%(actor)s changed the settings of %(unit)s"),
    noun=_("the settings"),
    details=_settings_reason,
    fields={
        **field_labels(AuthoritySettings, AUTHORITY_SETTING_FIELDS),
        "document_abbreviation": Unit._meta.get_field("document_abbreviation").verbose_name,
    },
)
