"""Communes side by side for a campaign year: what a provincial Department of Home Affairs (Sở Nội vụ) reads.

Each commune is judged by the plan that covers it that year — its own plan when it issued one, else the plan of
the nearest authority above it in which it takes part (a district's plan before 07/2025) — over the units of its
own tree only, so a successor commune never shows its predecessors' figures and the predecessors appear, under
their own names, in the years they existed. Figures come from ``campaign_progress``; nothing is computed here
that the progress page does not show.
"""

from dataclasses import dataclass, field
from datetime import date

from thidua.campaigns.indicators import KNOWN_INDICATORS, get_indicator
from thidua.campaigns.models import Campaign
from thidua.campaigns.progress import NOT_APPLICABLE, Cell, Progress, campaign_progress
from thidua.campaigns.verdicts import MET
from thidua.core.collation import vietnamese
from thidua.organizations.access import descendant_unit_ids, unit_ids_for
from thidua.organizations.models import Unit, UnitKind


@dataclass
class ComparedCell:
    indicator: str
    met: int = 0
    applicable: int = 0
    # The one unit's cell when the commune is judged on one unit (a commune under a district's plan).
    single: Cell | None = None

    @property
    def has_units(self) -> bool:
        return self.applicable > 0


@dataclass
class ComparedCommune:
    unit: Unit
    campaign: Campaign | None
    own_plan: bool
    cells: list[ComparedCell] = field(default_factory=list)


@dataclass
class Comparison:
    year: int
    indicators: list[tuple[str, str]]
    communes: list[ComparedCommune]


def _covers(campaign: Campaign, year: int) -> bool:
    return campaign.period_start.year <= year <= campaign.effective_end.year


def _plan_for(
    commune: Unit, year: int, plans_by_issuer: dict[int, list[Campaign]]
) -> tuple[Campaign | None, bool]:
    """The commune's own plan for the year, else the nearest plan above it that it takes part in."""
    unit: Unit | None = commune
    seen: set[int] = set()
    while unit is not None and unit.pk not in seen:
        seen.add(unit.pk)
        for campaign in plans_by_issuer.get(unit.pk, []):
            if unit.pk == commune.pk or campaign.participating_units(year).filter(pk=commune.pk).exists():
                return campaign, unit.pk == commune.pk
        unit = unit.parent
    return None, False


def compare_communes(year: int, scope_ids: set[int]) -> Comparison:
    """The communes of the scope that existed in the year, in Vietnamese order, each on its plan's indicators."""
    communes = list(
        Unit.objects.filter(id__in=scope_ids, kind=UnitKind.COMMUNE_COMMITTEE)
        .overlapping(date(year, 1, 1), date(year, 12, 31))
        .select_related("parent")
        .order_by(vietnamese("name"), "official_name", "code")
    )
    plans_by_issuer: dict[int, list[Campaign]] = {}
    for campaign in Campaign.objects.prefetch_related("extensions", "targets").order_by("-issue_date", "-pk"):
        if _covers(campaign, year):
            plans_by_issuer.setdefault(campaign.issuing_unit_id, []).append(campaign)

    progress_cache: dict[int, Progress] = {}
    compared: list[ComparedCommune] = []
    indicator_codes: list[str] = []
    for commune in communes:
        campaign, own = _plan_for(commune, year, plans_by_issuer)
        row = ComparedCommune(unit=commune, campaign=campaign, own_plan=own)
        compared.append(row)
        if campaign is None:
            continue
        if campaign.pk not in progress_cache:
            progress_cache[campaign.pk] = campaign_progress(campaign, year)
        progress = progress_cache[campaign.pk]
        tree = descendant_unit_ids({commune.pk})
        rows = [progress_row for progress_row in progress.rows if progress_row.unit.pk in tree]
        for index, target in enumerate(progress.targets):
            if target.indicator not in indicator_codes:
                indicator_codes.append(target.indicator)
            cell = ComparedCell(indicator=target.indicator)
            applicable = [r.cells[index] for r in rows if r.cells[index].status != NOT_APPLICABLE]
            cell.applicable = len(applicable)
            cell.met = sum(1 for item in applicable if item.status == MET)
            if len(applicable) == 1:
                cell.single = applicable[0]
            row.cells.append(cell)
    for row in compared:
        by_code = {cell.indicator: cell for cell in row.cells}
        row.cells = [by_code.get(code, ComparedCell(indicator=code)) for code in indicator_codes]
    indicators = []
    for code in indicator_codes:
        indicator = get_indicator(code)
        indicators.append((code, str(indicator.label if indicator else KNOWN_INDICATORS.get(code, code))))
    return Comparison(year=year, indicators=indicators, communes=compared)


def reads_several_authorities(user) -> bool:
    """The menu shows the comparison to those whose scope holds a province or a district, not to one commune."""
    ids = unit_ids_for(user, "dashboard.compare")
    return (
        bool(ids)
        and Unit.objects.filter(id__in=ids, kind__in=[UnitKind.PROVINCE, UnitKind.DISTRICT]).exists()
    )
