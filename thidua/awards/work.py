"""What waits for each role, for the start page, and the award history panel of the unit page."""

from datetime import datetime, time
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.models import (
    Attendance,
    AwardedUnit,
    EvaluationRound,
    RoundStatus,
    SessionMember,
    SessionStatus,
    VoteReceipt,
)
from thidua.core.panels import WaitingItem
from thidua.organizations.access import unit_ids_for
from thidua.organizations.models import Membership, Role


def waiting_work(user: Any) -> list[WaitingItem]:
    items: list[WaitingItem] = []
    memberships = SessionMember.objects.filter(user=user).exclude(session__status=SessionStatus.CLOSED)
    for member in memberships.select_related("session__round__campaign", "session__round__authority"):
        session = member.session
        url = reverse("awards-session-detail", kwargs={"session_id": session.pk})
        if session.status == SessionStatus.VOTING:
            if (
                member.attendance == Attendance.PRESENT
                and not VoteReceipt.objects.filter(session=session, member=member).exists()
            ):
                items.append(
                    WaitingItem(
                        kind="awards.vote",
                        title=_("Vote in the council session on %(round)s")
                        % {"round": _round_name(session.round)},
                        url=url,
                        since=session.voting_opened_at or session.created_at,
                        unit=session.round.authority,
                    )
                )
        else:
            items.append(
                WaitingItem(
                    kind="awards.session",
                    title=_("Council session on %(day)s at %(place)s")
                    % {"day": session.held_on.strftime("%d/%m/%Y"), "place": session.place},
                    url=url,
                    since=session.created_at,
                    unit=session.round.authority,
                )
            )
    chaired = Membership.objects.filter(user=user, role=Role.CHAIRMAN, is_active=True).values_list(
        "unit_id", flat=True
    )
    for evaluation_round in EvaluationRound.objects.filter(
        authority__in=list(chaired), status=RoundStatus.SUBMITTED
    ).select_related("campaign", "authority"):
        items.append(
            WaitingItem(
                kind="awards.approval",
                title=_("Approve the award proposal for %(round)s")
                % {"round": _round_name(evaluation_round)},
                url=reverse("awards-round-detail", kwargs={"round_id": evaluation_round.pk}),
                since=_round_since(evaluation_round),
                unit=evaluation_round.authority,
            )
        )
    managed = unit_ids_for(user, "awards.round.manage")
    for evaluation_round in (
        EvaluationRound.objects.filter(authority__in=managed)
        .exclude(status=RoundStatus.DECIDED)
        .select_related("campaign", "authority")
    ):
        items.append(
            WaitingItem(
                kind="awards.round",
                title=_("Evaluation %(round)s: %(status)s")
                % {"round": _round_name(evaluation_round), "status": evaluation_round.get_status_display()},
                url=reverse("awards-round-detail", kwargs={"round_id": evaluation_round.pk}),
                since=_round_since(evaluation_round),
                unit=evaluation_round.authority,
            )
        )
    return items


def _round_since(evaluation_round: EvaluationRound) -> datetime:
    if evaluation_round.status == RoundStatus.SUBMITTED and evaluation_round.proposal_date:
        return datetime.combine(
            evaluation_round.proposal_date, time.min, tzinfo=timezone.get_current_timezone()
        )
    return evaluation_round.proposed_at or evaluation_round.opened_at


def _round_name(evaluation_round: EvaluationRound) -> str:
    return f"{evaluation_round.campaign.number}, {evaluation_round.year}"


def _lineage(unit: Any) -> list[Any]:
    """The unit and every unit it succeeded, across the mergers."""
    seen, frontier = {unit.pk: unit}, [unit]
    while frontier:
        current = frontier.pop()
        for predecessor in current.predecessors.all():
            if predecessor.pk not in seen:
                seen[predecessor.pk] = predecessor
                frontier.append(predecessor)
    return list(seen.values())


def award_history(request: Any, unit: Any) -> dict | None:
    awards = list(
        AwardedUnit.objects.filter(unit__in=[item.pk for item in _lineage(unit)])
        .select_related("decision__round__campaign", "decision__round__award_type")
        .order_by("-decision__issued_on")
    )
    if not awards:
        return None
    return {"awards": awards}
