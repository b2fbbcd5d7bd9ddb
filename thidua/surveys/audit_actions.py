"""How the audit trail reads the actions of citizen-satisfaction collection (registered by the app's ready())."""

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import day, register_audit_action

POINT = _("the collection point")


def _paper(data: dict[str, Any]) -> list[str]:
    return [gettext("form of %(date)s") % {"date": day(data["day"])}]


def _point_created(data: dict[str, Any]) -> list[str]:
    return [
        gettext("questionnaire %(code)s version %(version)s")
        % {"code": data["questionnaire"], "version": data["version"]}
    ]


def _revised(data: dict[str, Any]) -> list[str]:
    phrases = [
        gettext("code %(code)s, version %(version)s") % {"code": data["code"], "version": data["version"]}
    ]
    if data.get("new_version"):
        phrases.append(gettext("kept as a new version because answers exist"))
    if data.get("reasons"):
        phrases.append(
            gettext("reasons offered: %(reasons)s") % {"reasons": ", ".join(map(str, data["reasons"]))}
        )
    if data.get("reason"):
        phrases.append(gettext("reason: %(reason)s") % {"reason": data["reason"]})
    return phrases


def _created(data: dict[str, Any]) -> list[str]:
    return [
        gettext("code %(code)s, version %(version)s") % {"code": data["code"], "version": data["version"]},
        gettext("%(count)s questions") % {"count": data["questions"]},
    ]


def _volume(data: dict[str, Any]) -> list[str]:
    return [
        gettext("%(count)s transactions in %(year)s") % {"count": data["transactions"], "year": data["year"]}
    ]


def _imported(data: dict[str, Any]) -> list[str]:
    return [gettext("%(rows)s rows from the file «%(file)s»") % {"rows": data["rows"], "file": data["file"]}]


register_audit_action(
    "rating.paper_entered",
    _("Paper form entered"),
    _("%(actor)s entered a paper satisfaction form at %(object)s"),
    noun=POINT,
    details=_paper,
)
register_audit_action(
    "rating.imported",
    _("Ratings imported"),
    _("%(actor)s imported ratings for %(unit)s"),
    details=_imported,
)
register_audit_action(
    "collection_point.created",
    _("Collection point created"),
    _("%(actor)s created %(object)s at %(unit)s"),
    noun=POINT,
    details=_point_created,
)
register_audit_action(
    "collection_point.activated",
    _("Collection point resumed"),
    _("%(actor)s resumed collection at %(object)s"),
    noun=POINT,
)
register_audit_action(
    "collection_point.deactivated",
    _("Collection point paused"),
    _("%(actor)s paused collection at %(object)s"),
    noun=POINT,
)
register_audit_action(
    "questionnaire.revised",
    _("Questionnaire revised"),
    _("%(actor)s revised %(object)s"),
    noun=_("the questionnaire"),
    details=_revised,
)
register_audit_action(
    "questionnaire.created",
    _("Questionnaire imported"),
    _("%(actor)s imported %(object)s"),
    noun=_("the questionnaire"),
    details=_created,
)
register_audit_action(
    "transaction_volume.set",
    _("Transaction volume recorded"),
    _("%(actor)s recorded the transaction volume of %(unit)s"),
    details=_volume,
)
