"""Reads for rounds: who sees which round, and what the data says now beside the frozen figures."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from thidua.awards.models import (
    AwardedUnit,
    EntryStatus,
    EvaluationEntry,
    EvaluationFigure,
    EvaluationRound,
    RoundStatus,
)
from thidua.campaigns.progress import campaign_progress
from thidua.organizations.access import unit_ids_for


def rounds_visible_to(user: Any) -> QuerySet[EvaluationRound]:
    """Rounds of the authorities whose staff the user is, and every decided round (those are public)."""
    from django.db.models import Q

    staff_authorities = unit_ids_for(user, "awards.round.view")
    return (
        EvaluationRound.objects.filter(Q(authority__in=staff_authorities) | Q(status=RoundStatus.DECIDED))
        .select_related("campaign", "award_type", "authority")
        .order_by("-year", "campaign__number")
    )


def can_see_round(user: Any, evaluation_round: EvaluationRound) -> bool:
    return evaluation_round.is_decided or evaluation_round.authority_id in unit_ids_for(
        user, "awards.round.view"
    )


def can_see_entry(user: Any, entry: EvaluationEntry) -> bool:
    return can_see_round(user, entry.round) or entry.unit_id in unit_ids_for(user, "awards.entry.view_own")


@dataclass(frozen=True)
class Now:
    """What the data says today for a frozen figure that has changed since the round was computed."""

    status: str
    value: Decimal | None


def live_differences(
    evaluation_round: EvaluationRound, figures: Iterable[EvaluationFigure]
) -> dict[Any, Now]:
    """Frozen figures whose indicator now reads differently: shown as "now: …", never written over the frozen
    value. Manual criteria have no live source and never differ."""
    figures = [figure for figure in figures if figure.indicator]
    if not figures:
        return {}
    progress = campaign_progress(evaluation_round.campaign, evaluation_round.year)
    cells = {(row.unit.pk, cell.target.indicator): cell for row in progress.rows for cell in row.cells}
    entry_units = dict(
        EvaluationEntry.objects.filter(pk__in={figure.entry_id for figure in figures}).values_list(
            "pk", "unit_id"
        )
    )
    differences = {}
    for figure in figures:
        cell = cells.get((entry_units[figure.entry_id], figure.indicator))
        if cell is None:
            continue
        if cell.status != figure.status or cell.value != figure.value:
            differences[figure.pk] = Now(status=cell.status, value=cell.value)
    return differences


def candidates(evaluation_round: EvaluationRound) -> QuerySet[EvaluationEntry]:
    return evaluation_round.entries.filter(
        status__in=[EntryStatus.PROPOSED, EntryStatus.AWARDED]
    ).select_related("unit")


def awarded_units(year: int | None = None) -> QuerySet[AwardedUnit]:
    """The units of the issued decisions (of ``year``, or of every year), in the decisions' order: public (law
    art. 84.5), read by the public awards page, ``GET /api/awards`` and the open data."""
    awarded = AwardedUnit.objects.select_related(
        "unit", "entry", "decision__round__campaign", "decision__round__award_type"
    )
    if year is not None:
        awarded = awarded.filter(decision__round__year=year)
    return awarded.order_by("decision__round__year", "decision__issued_on", "decision_id", "position")


def awards_in_force(year: int | None = None) -> list[AwardedUnit]:
    """``awarded_units`` less the awards an amending or revoking decision withdrew, each named as the last
    correction names it (``effective_name``): what the public pages, the API and the open data publish."""
    from thidua.awards.corrections import effective_awards

    return effective_awards(awarded_units(year))
