"""What waits for each role, for the start page, and the award history panel of the unit page."""

from datetime import datetime, time
from typing import Any

from django.db.models import Q
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
    items += report_work(user)
    return items


def report_work(user: Any) -> list[WaitingItem]:
    """The achievement reports of rounds under appraisal: the unit officer writes (or revises) it for an entry
    that can be a candidate, the unit head submits it, the standing office appraises it."""
    from thidua.awards.models import AchievementReport, EntryStatus, EvaluationEntry, ReportStatus
    from thidua.awards.reports import report_url

    items: list[WaitingItem] = []
    in_appraisal = {"round__status": RoundStatus.APPRAISAL}
    writable = unit_ids_for(user, "awards.report.write")
    if writable:
        entries = (
            EvaluationEntry.objects.filter(unit__in=writable, **in_appraisal)
            .filter(Q(report__isnull=True) | Q(report__status=ReportStatus.RETURNED))
            # The units that can be candidates: eligible, or proposed by exception.
            .filter(Q(eligible=True) | Q(status=EntryStatus.PROPOSED))
            .select_related("round__campaign", "unit", "report")
            .order_by("round__year", "unit__name")
        )
        for entry in entries:
            returned = getattr(entry, "report", None) is not None
            label = (
                _("Revise the achievement report returned by the standing office: %(unit)s, %(round)s")
                if returned
                else _("Write the achievement report of %(unit)s for %(round)s")
            )
            items.append(
                WaitingItem(
                    kind="awards.report_returned" if returned else "awards.report_to_write",
                    title=label % {"unit": entry.unit, "round": _round_name(entry.round)},
                    url=report_url(entry),
                    since=entry.report.updated_at if returned else entry.round.opened_at,
                    unit=entry.unit,
                )
            )
    submittable = unit_ids_for(user, "awards.report.submit")
    if submittable:
        for report in AchievementReport.objects.filter(
            entry__unit__in=submittable, status=ReportStatus.DRAFT, entry__round__status=RoundStatus.APPRAISAL
        ).select_related("entry__round__campaign", "entry__unit"):
            items.append(
                WaitingItem(
                    kind="awards.report_to_submit",
                    title=_("Submit the achievement report of %(unit)s for %(round)s")
                    % {"unit": report.entry.unit, "round": _round_name(report.entry.round)},
                    url=report_url(report.entry),
                    since=report.updated_at,
                    unit=report.entry.unit,
                )
            )
    managed = unit_ids_for(user, "awards.round.manage")
    if managed:
        for report in AchievementReport.objects.filter(
            entry__round__authority__in=managed,
            status=ReportStatus.SUBMITTED,
            entry__round__status=RoundStatus.APPRAISAL,
        ).select_related("entry__round__campaign", "entry__unit"):
            items.append(
                WaitingItem(
                    kind="awards.report_to_appraise",
                    title=_("Appraise the achievement report of %(unit)s for %(round)s")
                    % {"unit": report.entry.unit, "round": _round_name(report.entry.round)},
                    url=report_url(report.entry),
                    since=report.submitted_at,
                    unit=report.entry.unit,
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
    from thidua.awards.corrections import annotate_awards

    return {"awards": annotate_awards(awards)}


def year_awards(campaign: Any, year: int, units: Any) -> list:
    """The dashboards' awards of the year: every unit in the decisions of the campaign year's rounds."""
    from thidua.awards.corrections import effective_awards
    from thidua.campaigns.dashboard import AwardItem

    awarded = effective_awards(
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
            unit_name=item.effective_name,
            award=item.decision.round.award_type.label,
            decision=item.decision.number,
            issued_on=item.decision.issued_on,
            url=reverse("awards-round-detail", kwargs={"round_id": item.decision.round_id}),
        )
        for item in awarded
    ]
