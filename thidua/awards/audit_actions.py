"""How the audit trail reads the awards' actions (registered by ready()). A vote's entry names the member and
nothing of the choice: its data is empty by design."""

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import plain, register_audit_action

RULE = _("the council rule")
RUBRIC = _("the rubric")
FLAG = _("the award flag")
ROUND = _("the evaluation round")
ENTRY = _("the evaluated unit")
SESSION = _("the council session")
DECISION = _("the award decision")
BLANK = _("the certificate blank")


def _reason(data: dict[str, Any]) -> list[str]:
    return [gettext("reason: %(reason)s") % {"reason": data["reason"]}] if data.get("reason") else []


def _adjusted(data: dict[str, Any]) -> list[str]:
    return [
        gettext("criterion %(criterion)s: computed %(computed)s, adjusted %(adjusted)s")
        % {"criterion": data["criterion"], "computed": data["computed"], "adjusted": data["adjusted"]},
        *_reason(data),
    ]


def _exception(data: dict[str, Any]) -> list[str]:
    if data.get("exception"):
        return [gettext("exception: %(reason)s") % {"reason": data["exception"]}]
    return []


def _number(data: dict[str, Any]) -> list[str]:
    return [gettext("number %(number)s") % {"number": plain(data["number"])}] if data.get("number") else []


def _blank_changed(data: dict[str, Any]) -> list[str]:
    changed = ", ".join(sorted(plain(name) for name in data.get("changed", {})))
    return [*_reason(data), gettext("changed: %(names)s") % {"names": changed}] if changed else _reason(data)


ACTIONS = [
    (
        "award.council_rule_created",
        _("Council rule created"),
        _("%(actor)s created %(object)s"),
        RULE,
        _reason,
    ),
    (
        "award.council_rule_changed",
        _("Council rule changed"),
        _("%(actor)s changed %(object)s"),
        RULE,
        _reason,
    ),
    ("award.rubric_created", _("Rubric created"), _("%(actor)s created %(object)s"), RUBRIC, None),
    (
        "award.flag_recorded",
        _("Award flag recorded"),
        _("%(actor)s recorded %(object)s of %(unit)s"),
        FLAG,
        _reason,
    ),
    (
        "award.flag_lifted",
        _("Award flag lifted"),
        _("%(actor)s lifted %(object)s of %(unit)s"),
        FLAG,
        _reason,
    ),
    ("award.round_opened", _("Evaluation round opened"), _("%(actor)s opened %(object)s"), ROUND, None),
    ("award.figure_adjusted", _("Criterion adjusted"), _("%(actor)s adjusted %(object)s"), ENTRY, _adjusted),
    ("award.entry_proposed", _("Candidate proposed"), _("%(actor)s proposed %(object)s"), ENTRY, _exception),
    ("award.entry_withdrawn", _("Candidate withdrawn"), _("%(actor)s withdrew %(object)s"), ENTRY, None),
    (
        "award.round_proposed",
        _("Candidates sent to the council"),
        _("%(actor)s sent %(object)s to the council"),
        ROUND,
        None,
    ),
    ("award.session_created", _("Council session called"), _("%(actor)s called %(object)s"), SESSION, None),
    (
        "award.attendance_recorded",
        _("Council attendance recorded"),
        _("%(actor)s recorded the attendance of %(object)s"),
        SESSION,
        None,
    ),
    (
        "award.written_opinion_recorded",
        _("Written opinion recorded"),
        _("%(actor)s recorded a written opinion in %(object)s"),
        SESSION,
        None,
    ),
    (
        "award.vote_opened",
        _("Council vote opened"),
        _("%(actor)s opened the vote of %(object)s"),
        SESSION,
        None,
    ),
    ("award.vote_cast", _("Council member voted"), _("%(actor)s voted in %(object)s"), SESSION, None),
    (
        "award.session_closed",
        _("Council vote closed and counted"),
        _("%(actor)s closed and counted %(object)s"),
        SESSION,
        None,
    ),
    (
        "award.tie_settled",
        _("Tie settled by the chair"),
        _("%(actor)s settled a tie in %(object)s"),
        SESSION,
        None,
    ),
    (
        "award.proposal_submitted",
        _("Award proposal submitted to the Chairman"),
        _("%(actor)s submitted the proposal of %(object)s"),
        ROUND,
        _number,
    ),
    (
        "award.decision_issued",
        _("Award decision issued"),
        _("%(actor)s issued %(object)s"),
        DECISION,
        _number,
    ),
    (
        "award.certificate_blank_created",
        _("Certificate blank recorded"),
        _("%(actor)s recorded %(object)s"),
        BLANK,
        _reason,
    ),
    (
        "award.certificate_blank_changed",
        _("Certificate blank changed"),
        _("%(actor)s changed %(object)s"),
        BLANK,
        _blank_changed,
    ),
]

for code, name, sentence, noun, details in ACTIONS:
    register_audit_action(code, name, sentence, noun=noun, details=details)

# --- the award dossier: achievement reports, notices, corrections of decisions ---------------------------------

REPORT = _("the achievement report")
NOTICE = _("the public notice")


def _corrects(data: dict[str, Any]) -> list[str]:
    lines = _number(data)
    if data.get("corrects"):
        lines.append(gettext("corrects decision %(number)s") % {"number": plain(data["corrects"])})
    return lines + _reason(data)


DOSSIER_ACTIONS = [
    (
        "award.report_saved",
        _("Achievement report saved"),
        _("%(actor)s saved %(object)s of %(unit)s"),
        REPORT,
        None,
    ),
    (
        "award.report_submitted",
        _("Achievement report submitted"),
        _("%(actor)s submitted %(object)s of %(unit)s"),
        REPORT,
        None,
    ),
    (
        "award.report_returned",
        _("Achievement report returned"),
        _("%(actor)s returned %(object)s of %(unit)s"),
        REPORT,
        _reason,
    ),
    (
        "award.report_accepted",
        _("Achievement report accepted"),
        _("%(actor)s accepted %(object)s of %(unit)s"),
        REPORT,
        None,
    ),
    ("award.notice_issued", _("Public notice issued"), _("%(actor)s issued %(object)s"), NOTICE, _number),
    (
        "award.decision_amended",
        _("Award decision amended"),
        _("%(actor)s issued %(object)s"),
        DECISION,
        _corrects,
    ),
    (
        "award.decision_revoked",
        _("Award decision revoked"),
        _("%(actor)s issued %(object)s"),
        DECISION,
        _corrects,
    ),
]

for code, name, sentence, noun, details in DOSSIER_ACTIONS:
    register_audit_action(code, name, sentence, noun=noun, details=details)
