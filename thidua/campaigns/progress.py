"""Campaign progress: every participating unit against every target, from the registered indicators."""

from dataclasses import dataclass, field
from decimal import Decimal

from thidua.campaigns.indicators import Measurement, get_indicator
from thidua.campaigns.models import Campaign, Registration, Target
from thidua.campaigns.verdicts import MET, NO_DATA, NOT_MET  # noqa: F401 (the statuses a cell can have)
from thidua.campaigns.years import default_year  # noqa: F401 (re-exported: the views and the API use it)
from thidua.organizations.models import Unit

NOT_APPLICABLE = "not_applicable"


@dataclass
class Cell:
    target: Target
    status: str
    value: Decimal | None = None
    detail: str = ""
    url: str = ""
    count: int | None = None
    interval: tuple[Decimal, Decimal] | None = None

    @property
    def low(self) -> Decimal | None:
        return self.interval[0] if self.interval else None

    @property
    def high(self) -> Decimal | None:
        return self.interval[1] if self.interval else None


@dataclass
class Row:
    unit: Unit
    registration: Registration | None
    cells: list[Cell]

    @property
    def applicable_cells(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.status != NOT_APPLICABLE]


@dataclass
class TargetSummary:
    target: Target
    met: int = 0
    not_met: int = 0
    no_data: int = 0

    @property
    def applicable(self) -> int:
        return self.met + self.not_met + self.no_data


@dataclass
class Progress:
    campaign: Campaign
    year: int
    targets: list[Target]
    rows: list[Row]
    summaries: list[TargetSummary] = field(default_factory=list)


def _judge(target: Target, measurement: Measurement | None) -> Cell:
    if measurement is None or measurement.value is None:
        return Cell(
            target=target,
            status=NO_DATA,
            detail=measurement.detail if measurement else "",
            url=measurement.url if measurement else "",
            count=measurement.count if measurement else None,
        )
    status = measurement.status or target.judge(measurement.value)
    return Cell(
        target=target,
        status=status,
        value=measurement.value,
        detail=measurement.detail,
        url=measurement.url,
        count=measurement.count,
        interval=measurement.interval,
    )


def campaign_progress(
    campaign: Campaign, year: int, unit_ids: set[int] | None = None, *, units: list[Unit] | None = None
) -> Progress:
    """Every participating unit (or those of ``unit_ids`` among them) against every target of the campaign.

    A caller that already holds the participating units it wants, in their order (the dashboard), passes
    ``units`` instead, and the query for them is not made again."""
    targets = list(campaign.targets.all())
    if units is None:
        units = list(campaign.participating_units(year))
        if unit_ids is not None:
            units = [unit for unit in units if unit.pk in unit_ids]
    registrations = {
        registration.unit_id: registration
        for registration in Registration.objects.filter(campaign=campaign, year=year)
    }
    measurements: dict[int, dict[int, Measurement]] = {}
    for target in targets:
        indicator = get_indicator(target.indicator)
        applicable = [unit for unit in units if target.applies_to(unit)]
        measurements[target.pk] = indicator.measure(campaign, target, applicable, year) if indicator else {}

    summaries = {target.pk: TargetSummary(target=target) for target in targets}
    rows = []
    for unit in units:
        cells = []
        for target in targets:
            if not target.applies_to(unit):
                cells.append(Cell(target=target, status=NOT_APPLICABLE))
                continue
            cell = _judge(target, measurements[target.pk].get(unit.pk))
            summary = summaries[target.pk]
            setattr(summary, cell.status, getattr(summary, cell.status) + 1)
            cells.append(cell)
        rows.append(Row(unit=unit, registration=registrations.get(unit.pk), cells=cells))
    return Progress(
        campaign=campaign,
        year=year,
        targets=targets,
        rows=rows,
        summaries=[summaries[target.pk] for target in targets],
    )
