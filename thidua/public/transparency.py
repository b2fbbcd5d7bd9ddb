"""What the public transparency page shows for a campaign and year, read from the same selectors as the staff
pages: campaign progress (the indicator registry), the model library, the compliance score, the decisions."""

from collections import defaultdict
from dataclasses import dataclass, field

from thidua.awards.models import AwardedUnit
from thidua.awards.selectors import awards_in_force
from thidua.campaigns.models import Campaign
from thidua.campaigns.progress import Cell, Progress, campaign_progress
from thidua.core.text import fold
from thidua.initiatives.models import ReformModel
from thidua.inspections.scoring import Compliance
from thidua.inspections.selectors import unit_compliance
from thidua.organizations.models import Unit


@dataclass
class UnitFigures:
    unit: Unit
    cells: list[Cell]
    models: list[ReformModel] = field(default_factory=list)
    compliance: Compliance | None = None
    awards: list[AwardedUnit] = field(default_factory=list)


@dataclass
class Transparency:
    campaign: Campaign
    year: int
    progress: Progress
    units: list[UnitFigures]
    awarded: list[AwardedUnit]
    query: str = ""

    @property
    def total_units(self) -> int:
        return len(self.progress.rows)

    @property
    def bars(self) -> list[dict]:
        """Per target, the met / not met / no data shares as SVG segments (x and width in percent)."""
        result = []
        for summary in self.progress.summaries:
            total = summary.applicable or 1
            x, segments = 0.0, []
            for status, count in (
                ("met", summary.met),
                ("not_met", summary.not_met),
                ("no_data", summary.no_data),
            ):
                width = round(100 * count / total, 2)
                # Strings: a localised template would write 33,33 and break the SVG.
                segments.append({"status": status, "count": count, "x": f"{x:.2f}", "width": f"{width:.2f}"})
                x = round(x + width, 2)
            result.append({"summary": summary, "segments": segments})
        return result


def matches(unit: Unit, query: str) -> bool:
    """Every word of the query in the unit's code or names, case and diacritics ignored ("dai" finds "Đại")."""
    key = unit.search_key or fold(f"{unit.code} {unit.name} {unit.official_name}")
    return all(word in key for word in fold(query).split())


def transparency(campaign: Campaign, year: int, query: str = "") -> Transparency:
    progress = campaign_progress(campaign, year)
    rows = [row for row in progress.rows if matches(row.unit, query)]
    unit_ids = [row.unit.pk for row in rows]
    models: dict[int, list[ReformModel]] = defaultdict(list)
    for model in (
        ReformModel.objects.public()
        .filter(campaign=campaign, year=year, unit_id__in=unit_ids)
        .order_by("-status", "title", "pk")
    ):
        models[model.unit_id].append(model)
    compliance = unit_compliance(unit_ids, year)
    awarded = [item for item in awards_in_force(year) if item.decision.round.campaign_id == campaign.pk]
    awards: dict[int, list[AwardedUnit]] = defaultdict(list)
    for item in awarded:
        awards[item.unit_id].append(item)
    units = [
        UnitFigures(
            unit=row.unit,
            cells=row.applicable_cells,
            models=models[row.unit.pk],
            compliance=compliance[row.unit.pk] if compliance[row.unit.pk].counted_inspections else None,
            awards=awards[row.unit.pk],
        )
        for row in rows
    ]
    return Transparency(
        campaign=campaign, year=year, progress=progress, units=units, awarded=awarded, query=query
    )
