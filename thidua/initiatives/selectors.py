"""Reads: the public library search, district coverage and the replication network."""

import math
from dataclasses import dataclass, field

from django.db.models import QuerySet

from thidua.campaigns.models import Campaign
from thidua.core.collation import vietnamese
from thidua.core.text import fold, vietnamese_sort_key
from thidua.initiatives.models import COUNTED_STATUSES, PUBLIC_STATUSES, ReformModel
from thidua.organizations.models import Unit


def search(queryset: QuerySet[ReformModel], q: str | None) -> QuerySet[ReformModel]:
    """Every word of the query must appear in the model's folded text (case and diacritics ignored)."""
    for word in fold(q or "").split():
        queryset = queryset.filter(search_key__contains=word)
    return queryset


def library_models(
    *, q: str | None = None, category: str | None = None, unit: Unit | None = None, year: int | None = None
) -> QuerySet[ReformModel]:
    queryset = ReformModel.objects.public().select_related("unit", "campaign", "source__unit")
    queryset = search(queryset, q)
    if category:
        queryset = queryset.filter(category=category)
    if unit is not None:
        queryset = queryset.filter(unit=unit)
    if year:
        queryset = queryset.filter(year=year)
    return queryset.order_by("-year", "-status", "title", "id")


def library_years() -> list[int]:
    return sorted(set(ReformModel.objects.public().values_list("year", flat=True)), reverse=True)


def library_units() -> QuerySet[Unit]:
    return (
        Unit.objects.filter(reform_models__status__in=PUBLIC_STATUSES)
        .distinct()
        .order_by(vietnamese("name"), "code")
    )


@dataclass
class Coverage:
    campaign: Campaign
    year: int
    participating: int
    covered: int
    rows: list[tuple[Unit, int, int]]  # unit, approved count, recorded count

    @property
    def percent(self) -> float | None:
        return round(100 * self.covered / self.participating, 1) if self.participating else None


def coverage(campaign: Campaign, year: int) -> Coverage:
    """Units with at least one approved model out of all units taking part in the campaign that year."""
    units = list(campaign.participating_units(year))
    counted: dict[int, int] = {}
    recorded: dict[int, int] = {}
    for unit_id, status in ReformModel.objects.filter(
        campaign=campaign, year=year, unit__in=[unit.pk for unit in units]
    ).values_list("unit_id", "status"):
        recorded[unit_id] = recorded.get(unit_id, 0) + 1
        if status in COUNTED_STATUSES:
            counted[unit_id] = counted.get(unit_id, 0) + 1
    rows = [(unit, counted.get(unit.pk, 0), recorded.get(unit.pk, 0)) for unit in units]
    return Coverage(
        campaign=campaign,
        year=year,
        participating=len(units),
        covered=sum(1 for _unit, approved, _recorded in rows if approved),
        rows=rows,
    )


@dataclass
class Node:
    unit: Unit
    x: float
    y: float
    sources: int = 0  # models of this unit that others adopted
    adoptions: int = 0  # models this unit adopted

    @property
    def label(self) -> str:
        # One name may be both a town's and a commune's: the official name without its prefix tells them apart.
        name = self.unit.official_name or self.unit.name
        prefix = "Ủy ban nhân dân "
        return name[len(prefix) :] if name.startswith(prefix) else name


@dataclass
class Edge:
    source: Node
    target: Node
    model: ReformModel
    # the end of the line, pulled back from the centre of the target circle so the arrow head shows
    x2: float = 0
    y2: float = 0


@dataclass
class Network:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    width: int = 640
    height: int = 640


def replication_network(models: QuerySet[ReformModel], size: int = 640) -> Network:
    """Units as points on a circle, one arrow per adoption from the source unit to the adopting unit."""
    adoptions = list(
        models.filter(source__isnull=False).select_related("unit", "source__unit").order_by("id")
    )
    units: dict[int, Unit] = {}
    for model in adoptions:
        units.setdefault(model.source.unit_id, model.source.unit)
        units.setdefault(model.unit_id, model.unit)
    ordered = sorted(units.values(), key=lambda unit: (unit.kind, vietnamese_sort_key(unit.name), unit.code))
    centre, radius = size / 2, size / 2 - 110
    nodes: dict[int, Node] = {}
    for index, unit in enumerate(ordered):
        # Two units sit side by side; more go round the circle from the top.
        start = math.pi if len(ordered) == 2 else -math.pi / 2
        angle = 2 * math.pi * index / max(len(ordered), 1) + start
        nodes[unit.pk] = Node(
            unit=unit,
            x=round(centre + radius * math.cos(angle), 1),
            y=round(centre + radius * math.sin(angle), 1),
        )
    edges = []
    for model in adoptions:
        source, target = nodes[model.source.unit_id], nodes[model.unit_id]
        source.sources += 1
        target.adoptions += 1
        dx, dy = target.x - source.x, target.y - source.y
        length = math.hypot(dx, dy) or 1
        pull = 22 / length
        edges.append(
            Edge(
                source=source,
                target=target,
                model=model,
                x2=round(target.x - dx * pull, 1),
                y2=round(target.y - dy * pull, 1),
            )
        )
    return Network(nodes=list(nodes.values()), edges=edges, width=size, height=size)


def years_with_models() -> list[int]:
    """Campaign years in which some unit recorded a reform model."""
    return list(ReformModel.objects.order_by().values_list("year", flat=True).distinct())


def network_years(models: QuerySet[ReformModel]) -> list[int]:
    """The years in which some unit adopted another unit's model (the network's year filter)."""
    return sorted(set(models.filter(source__isnull=False).values_list("year", flat=True)))


def filtered_adoptions(
    models: QuerySet[ReformModel], *, year: int | None = None, category: str = ""
) -> QuerySet[ReformModel]:
    """The models of the network: every adoption, or those of one year and/or category."""
    if year:
        models = models.filter(year=year)
    if category:
        models = models.filter(category=category)
    return models


def network_json(network: Network) -> dict:
    """The replication network for the ECharts graph: nodes (units) and links (one per adoption)."""
    return {
        "nodes": [
            {
                "id": str(node.unit.pk),
                "name": node.label,
                "sources": node.sources,
                "adoptions": node.adoptions,
            }
            for node in network.nodes
        ],
        "links": [
            {
                "source": str(edge.source.unit.pk),
                "target": str(edge.target.unit.pk),
                "model": edge.model.title,
                "source_model": edge.model.source.title,
                "category": edge.model.get_category_display(),
                "year": edge.model.year,
            }
            for edge in network.edges
        ],
    }
