"""What waits for each role, for the start page, and the award history panel of the unit page."""

from typing import Any

from django.urls import reverse
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
    for member in memberships.select_related("session__round__campaign"):
        session = member.session
        url = reverse("awards-session-detail", kwargs={"session_id": session.pk})
        if session.status == SessionStatus.VOTING:
            if (
                member.attendance == Attendance.PRESENT
                and not VoteReceipt.objects.filter(session=session, member=member).exists()
            ):
                items.append(
                    WaitingItem(
                        _("Vote in the council session on %(round)s") % {"round": _round_name(session.round)},
                        url,
                    )
                )
        else:
            items.append(
                WaitingItem(
                    _("Council session on %(day)s at %(place)s")
                    % {"day": session.held_on.strftime("%d/%m/%Y"), "place": session.place},
                    url,
                )
            )
    chaired = Membership.objects.filter(user=user, role=Role.CHAIRMAN, is_active=True).values_list(
        "unit_id", flat=True
    )
    for evaluation_round in EvaluationRound.objects.filter(
        authority__in=list(chaired), status=RoundStatus.SUBMITTED
    ).select_related("campaign"):
        items.append(
            WaitingItem(
                _("Approve the award proposal for %(round)s") % {"round": _round_name(evaluation_round)},
                reverse("awards-round-detail", kwargs={"round_id": evaluation_round.pk}),
            )
        )
    managed = unit_ids_for(user, "awards.round.manage")
    for evaluation_round in (
        EvaluationRound.objects.filter(authority__in=managed)
        .exclude(status=RoundStatus.DECIDED)
        .select_related("campaign")
    ):
        items.append(
            WaitingItem(
                _("Evaluation %(round)s: %(status)s")
                % {"round": _round_name(evaluation_round), "status": evaluation_round.get_status_display()},
                reverse("awards-round-detail", kwargs={"round_id": evaluation_round.pk}),
            )
        )
    return items


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


def year_awards(campaign: Any, year: int, units: Any) -> list:
    """The dashboards' awards of the year: every unit in the decisions of the campaign year's rounds."""
    from thidua.campaigns.dashboard import AwardItem

    awarded = (
        AwardedUnit.objects.filter(
            decision__round__campaign=campaign,
            decision__round__year=year,
            unit_id__in=[unit.pk for unit in units],
        )
        .select_related("decision__round__award_type")
        .order_by("decision__issued_on", "decision_id", "position")
    )
    return [
        AwardItem(
            unit_id=item.unit_id,
            unit_name=item.unit_name,
            award=item.decision.round.award_type.label,
            decision=item.decision.number,
            issued_on=item.decision.issued_on,
            url=reverse("awards-round-detail", kwargs={"round_id": item.decision.round_id}),
        )
        for item in awarded
    ]
