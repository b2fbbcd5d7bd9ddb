"""How the audit trail reads the actions on report periods, unit reports and compiled reports."""

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import choice_label, day, register_audit_action
from thidua.reports.models import ReportKind

PERIOD = _("the report period")
SCHEDULE = _("the reporting schedule")
REPORT = _("the report")
COMPILED = _("the compiled report")


def _schedule(data: dict[str, Any]) -> list[str]:
    phrases = [choice_label(ReportKind, data["kind"])]
    if data.get("working_days"):
        phrases.append(gettext("%(days)s working days after the closing date") % {"days": data["days"]})
    else:
        phrases.append(gettext("%(days)s days after the closing date") % {"days": data["days"]})
    return phrases


def _period(data: dict[str, Any]) -> list[str]:
    start, end = data["window"]
    return [
        gettext("data from %(start)s to %(end)s") % {"start": day(start), "end": day(end)},
        gettext("due %(date)s") % {"date": day(data["due"])},
    ]


def _due_changed(data: dict[str, Any]) -> list[str]:
    before, after = data["due"]
    return [
        gettext("due date %(before)s → %(after)s") % {"before": day(before), "after": day(after)},
        gettext("reason: %(reason)s") % {"reason": data["reason"]},
    ]


def _saved(data: dict[str, Any]) -> list[str]:
    return [data["period"]] if data.get("period") else []


def _submitted(data: dict[str, Any]) -> list[str]:
    phrases = [gettext("due %(date)s") % {"date": day(data["due"])}] if data.get("due") else []
    if data.get("on_time") is True:
        phrases.append(gettext("on time"))
    elif data.get("on_time") is False:
        phrases.append(gettext("late"))
    return phrases


def _reason(data: dict[str, Any]) -> list[str]:
    return [gettext("reason: %(reason)s") % {"reason": data["reason"]}] if data.get("reason") else []


def _version(data: dict[str, Any]) -> list[str]:
    phrases = [gettext("version %(number)s") % {"number": data["version"]}] if data.get("version") else []
    if data.get("number"):
        phrases.insert(0, gettext("number %(number)s") % {"number": data["number"]})
    return phrases


register_audit_action(
    "report.schedule_saved",
    _("Reporting schedule set"),
    _("%(actor)s set %(object)s of %(unit)s"),
    noun=SCHEDULE,
    details=_schedule,
)
register_audit_action(
    "report.period_created",
    _("Report period created"),
    _("%(actor)s created %(object)s of %(unit)s"),
    noun=PERIOD,
    details=_period,
)
register_audit_action(
    "report.due_date_changed",
    _("Report due date changed"),
    _("%(actor)s changed the due date of %(object)s"),
    noun=PERIOD,
    details=_due_changed,
)
register_audit_action(
    "report.saved",
    _("Report written"),
    _("%(actor)s wrote %(object)s of %(unit)s"),
    noun=REPORT,
    details=_saved,
)
register_audit_action(
    "report.sent_to_head",
    _("Report sent to the head"),
    _("%(actor)s sent %(object)s of %(unit)s to the head"),
    noun=REPORT,
)
register_audit_action(
    "report.submitted",
    _("Report submitted"),
    _("%(actor)s submitted %(object)s of %(unit)s"),
    noun=REPORT,
    details=_submitted,
)
register_audit_action(
    "report.returned",
    _("Report returned"),
    _("%(actor)s returned %(object)s of %(unit)s"),
    noun=REPORT,
    details=_reason,
)
register_audit_action(
    "report.accepted",
    _("Report accepted"),
    _("%(actor)s accepted %(object)s of %(unit)s"),
    noun=REPORT,
)
register_audit_action(
    "report.compiled_regenerated",
    _("Compiled report regenerated"),
    _("%(actor)s regenerated %(object)s from the units' reports"),
    noun=COMPILED,
    details=_version,
)
register_audit_action(
    "report.compiled_edited",
    _("Compiled report edited"),
    _("%(actor)s edited %(object)s"),
    noun=COMPILED,
    details=_version,
)
register_audit_action(
    "report.compiled_issued",
    _("Compiled report issued"),
    _("%(actor)s issued %(object)s"),
    noun=COMPILED,
    details=_version,
)
