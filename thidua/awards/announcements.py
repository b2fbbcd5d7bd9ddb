"""Whom the council and the award workflow tell, and what (thidua/core/events.py; the notifications app
listens)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.awards.models import Attendance, CouncilSession, EvaluationRound
from thidua.core.events import Reason, tell
from thidua.core.models import AuditEntry
from thidua.organizations.access import users_for_action
from thidua.organizations.models import Membership, Role


def _round_name(evaluation_round: EvaluationRound) -> str:
    return f"{evaluation_round.campaign.number}, {evaluation_round.year}"


def _session_url(session: CouncilSession) -> str:
    return reverse("awards-session-detail", kwargs={"session_id": session.pk})


def _round_url(evaluation_round: EvaluationRound) -> str:
    return reverse("awards-round-detail", kwargs={"round_id": evaluation_round.pk})


def session_called(session: CouncilSession, entry: AuditEntry, actor: Any) -> None:
    tell(
        kind="awards.session",
        reason=Reason.WAITING,
        recipients=session.members.values_list("user_id", flat=True),
        title=lambda: (
            _("The council meets on %(day)s at %(place)s: %(round)s")
            % {
                "day": session.held_on.strftime("%d/%m/%Y"),
                "place": session.place,
                "round": _round_name(session.round),
            }
        ),
        url=_session_url(session),
        key=f"award_session:{session.pk}:called:{entry.pk}",
        unit_id=session.round.authority_id,
        actor=actor,
    )


def vote_opened(session: CouncilSession, entry: AuditEntry, actor: Any) -> None:
    tell(
        kind="awards.vote",
        reason=Reason.WAITING,
        recipients=session.members.filter(attendance=Attendance.PRESENT).values_list("user_id", flat=True),
        title=lambda: (
            _("The vote is open: cast your ballot on %(round)s") % {"round": _round_name(session.round)}
        ),
        url=_session_url(session),
        key=f"award_session:{session.pk}:vote_opened:{entry.pk}",
        unit_id=session.round.authority_id,
        actor=actor,
    )


def proposal_submitted(evaluation_round: EvaluationRound, entry: AuditEntry, actor: Any) -> None:
    chairmen = Membership.objects.filter(
        unit=evaluation_round.authority_id, role=Role.CHAIRMAN, is_active=True, user__is_active=True
    ).values_list("user_id", flat=True)
    tell(
        kind="awards.approval",
        reason=Reason.WAITING,
        recipients=chairmen,
        title=lambda: (
            _("An award proposal waits for your approval: %(round)s")
            % {"round": _round_name(evaluation_round)}
        ),
        url=_round_url(evaluation_round),
        key=f"award_round:{evaluation_round.pk}:proposal_submitted:{entry.pk}",
        unit_id=evaluation_round.authority_id,
        actor=actor,
    )


def decision_issued(evaluation_round: EvaluationRound, entry: AuditEntry, actor: Any, number: str) -> None:
    tell(
        kind="awards.decided",
        reason=Reason.DONE,
        recipients=users_for_action("awards.round.manage", evaluation_round.authority_id),
        title=lambda: (
            _("The award decision %(number)s was issued: %(round)s")
            % {"number": number, "round": _round_name(evaluation_round)}
        ),
        url=_round_url(evaluation_round),
        key=f"award_round:{evaluation_round.pk}:decided:{entry.pk}",
        unit_id=evaluation_round.authority_id,
        actor=actor,
    )
