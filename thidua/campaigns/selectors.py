"""Reads about campaigns that other apps need without knowing a campaign's id."""

from collections.abc import Iterable

from django.db.models import QuerySet

from thidua.campaigns.models import Campaign, Target
from thidua.organizations.access import unit_ids_for
from thidua.organizations.models import Unit


def plan_tree_unit_ids(user) -> set[int]:
    """The units the user reads and every unit above them: a plan issued by one of them concerns the user (an
    authority's plan reaches the units below it), a plan of another authority does not."""
    if user is None:
        return set()
    cached = getattr(user, "_thidua_plan_tree", None)
    if cached is not None:
        return cached
    covered = unit_ids_for(user, "campaign.view")
    found, frontier = set(covered), set(covered)
    while frontier:
        parents = set(
            Unit.objects.filter(id__in=frontier, parent__isnull=False).values_list("parent_id", flat=True)
        )
        frontier = parents - found
        found |= frontier
    user._thidua_plan_tree = found
    return found


def visible_campaigns(user) -> QuerySet[Campaign]:
    """The plans of the user's authority trees (a plan of another authority is not the user's concern)."""
    return Campaign.objects.filter(issuing_unit_id__in=plan_tree_unit_ids(user))


def targets_for_units(indicator: str, units: Iterable[Unit], year: int) -> dict[int, Target]:
    """The target that judges each unit on ``indicator`` in ``year``, for pages not tied to one campaign.

    The rule: a campaign judges a unit in a year when its period (with extensions) reaches into that year, the
    unit is one of its participating units that year and its target for the indicator applies to the unit's
    kind. When several campaigns do, the most recently issued one wins (latest issue date, then the newest
    record). A unit that no campaign judges is missing from the result: it has no verdict, never a default.
    """
    units = list(units)
    wanted = {unit.pk: unit for unit in units}
    result: dict[int, Target] = {}
    targets = (
        Target.objects.filter(indicator=indicator, campaign__period_start__year__lte=year)
        .select_related("campaign")
        .prefetch_related("campaign__extensions")
        .order_by("-campaign__issue_date", "-campaign_id")
    )
    for target in targets:
        campaign = target.campaign
        if year not in campaign.years:
            continue
        participating = (
            campaign.participating_units(year).filter(id__in=list(wanted)).values_list("id", flat=True)
        )
        for unit_id in participating:
            if unit_id not in result and target.applies_to(wanted[unit_id]):
                result[unit_id] = target
        if len(result) == len(wanted):
            break
    return result
