"""Which year a page shows when nobody asked for one, in one place.

A page with a year opens on the campaign year in progress; when today lies outside every campaign year it opens on
the latest year that has data (or, with no data at all, the campaign year nearest to today). The year selector is
always bound to the year the page shows, and a page without data for its year names the nearest year that has some.

The pillars tell this module which years hold their data (``register_data_years``, keyed by the indicator code a
target names), so campaigns never import them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from thidua.campaigns.models import Campaign

DataYears = Callable[[], Iterable[int]]

_SOURCES: dict[str, DataYears] = {}


def register_data_years(code: str, source: DataYears) -> None:
    """``source()`` gives the years in which the pillar measuring indicator ``code`` holds any data."""
    _SOURCES[code] = source


def data_years(code: str) -> set[int]:
    source = _SOURCES.get(code)
    return {int(year) for year in source()} if source else set()


def years_with_data(campaign: "Campaign") -> list[int]:
    """The campaign years in which one of its targets' pillars, or a registration, has data."""
    codes = {target.indicator for target in campaign.targets.all()}
    found: set[int] = set(campaign.registrations.values_list("year", flat=True).distinct())
    for code in codes:
        found |= data_years(code)
    return sorted(found & set(campaign.years))


def choose_year(years: Iterable[int], with_data: Iterable[int], today: date) -> int | None:
    """The year a page opens on: today's year when it is a campaign year, else the latest year with data, else the
    campaign year nearest to today. None when there is no year at all."""
    years = sorted(set(years))
    with_data = sorted(set(with_data))
    if today.year in years:
        return today.year
    if with_data:
        return with_data[-1]
    if not years:
        return None
    return min(years, key=lambda year: (abs(year - today.year), -year))


def nearest_with_data(year: int, with_data: Iterable[int]) -> int | None:
    """The year with data closest to ``year`` (the later one on a tie); None when ``year`` has data or none has."""
    with_data = set(with_data)
    if year in with_data or not with_data:
        return None
    return min(with_data, key=lambda other: (abs(other - year), -other))


def default_year(campaign: "Campaign", today: date | int) -> int:
    """The year a page about ``campaign`` opens on."""
    if isinstance(today, int):
        today = date(today, 7, 1)
    return choose_year(campaign.years, years_with_data(campaign), today)


@dataclass(frozen=True)
class YearView:
    """What a page shows about its year: the year, the years offered, and the nearest year with data if it has none."""

    year: int
    years: list[int]
    with_data: list[int] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return self.year in self.with_data

    @property
    def nearest(self) -> int | None:
        return nearest_with_data(self.year, self.with_data)


def campaign_years_all() -> list[int]:
    """Every year some campaign covers (for pages that are not about one campaign)."""
    from thidua.campaigns.models import Campaign

    years: set[int] = set()
    for campaign in Campaign.objects.prefetch_related("extensions"):
        years.update(campaign.years)
    return sorted(years)


def year_view(
    requested: int | None, *, years: Iterable[int], with_data: Iterable[int], today: date
) -> YearView:
    """The year a page shows (the one asked for, else ``choose_year``), with the years its selector offers: the
    given years, the years with data, and the shown year itself, so the selector can always show it."""
    with_data = sorted(set(with_data))
    years = set(years)
    chosen = requested if requested is not None else choose_year(years, with_data, today)
    if chosen is None:
        chosen = today.year
    return YearView(year=chosen, years=sorted(years | set(with_data) | {chosen}), with_data=with_data)
