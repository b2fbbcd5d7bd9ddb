"""The indicator registry: how campaign progress learns a unit's value for a target without importing the pillars.

Each pillar app registers the indicators it measures in its ``AppConfig.ready``. An indicator that nobody has
registered, or that has no data for a unit, is reported as "no data" — never as an invented figure.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from thidua.campaigns.models import Campaign, Target
    from thidua.organizations.models import Unit


@dataclass(frozen=True)
class Measurement:
    """A unit's value for an indicator in a year. ``value`` None means there is no data to judge by."""

    value: Decimal | None
    detail: str = ""
    url: str = ""
    # An indicator may judge the target itself (e.g. "too few answers" is no data even with a value).
    status: str | None = None
    # What the value was computed from (n: responses, inspections, recorded models) and, for an estimate, its
    # confidence interval (low, high); the public page and the open data publish them beside the value.
    count: int | None = None
    interval: tuple[Decimal, Decimal] | None = None

    @property
    def low(self) -> Decimal | None:
        return self.interval[0] if self.interval else None

    @property
    def high(self) -> Decimal | None:
        return self.interval[1] if self.interval else None


@dataclass(frozen=True)
class MonthPoint:
    """The value of an indicator over the given units in one month of the year, judged against the target."""

    month: int
    value: Decimal | None
    count: int | None = None
    status: str | None = None


MeasureFunction = Callable[["Campaign", "Target", Sequence["Unit"], int], dict[int, Measurement]]
# ``monthly(campaign, target, units, year)``: the twelve months of the year for the units taken together.
MonthlyFunction = Callable[["Campaign", "Target", Sequence["Unit"], int], list[MonthPoint]]


@dataclass(frozen=True)
class CountingRule:
    """One way an indicator can count, among several it declares (e.g. reform models "approved in the year" or
    "in operation during the year"). A target picks one; the measure function reads it with ``rule_for``."""

    code: str
    label: str | Promise


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str | Promise
    measure: MeasureFunction
    # Indicators that can be followed month by month (the dashboards' trend charts) give this too.
    monthly: MonthlyFunction | None = None
    # The unit of measure a new target of this indicator starts with ("%", "mô hình").
    unit_of_measure: str | Promise = ""
    # The counting rules a target may choose from; the first is the default. Empty: one way of counting.
    counting_rules: tuple[CountingRule, ...] = ()

    def rule_for(self, target: "Target") -> str:
        """The counting rule the target chose, or the default; "" when the indicator has a single way."""
        codes = [rule.code for rule in self.counting_rules]
        chosen = getattr(target, "counting_rule", "") or ""
        if chosen in codes:
            return chosen
        return codes[0] if codes else ""


# Codes the plan uses; the label here is what the progress page shows before any pillar has registered.
KNOWN_INDICATORS: dict[str, str | Promise] = {
    "reform_models": _("Approved reform models"),
    "satisfaction_index": _("Satisfaction index"),
    "office_culture": _("Office-culture compliance"),
}

# The unit of measure of the known indicators, for a target set up before their pillar registers them.
KNOWN_UNITS: dict[str, str | Promise] = {
    "satisfaction_index": "%",
    "office_culture": "%",
    "report_timeliness": "%",
}

_REGISTRY: dict[str, Indicator] = {}


def register_indicator(indicator: Indicator) -> None:
    _REGISTRY[indicator.code] = indicator


def unregister_indicator(code: str) -> None:
    _REGISTRY.pop(code, None)


def get_indicator(code: str) -> Indicator | None:
    return _REGISTRY.get(code)


def registered_indicators() -> list[Indicator]:
    """Every registered indicator, by code."""
    return [_REGISTRY[code] for code in sorted(_REGISTRY)]


def default_unit_of_measure(code: str) -> str:
    indicator = _REGISTRY.get(code)
    if indicator is not None and indicator.unit_of_measure:
        return str(indicator.unit_of_measure)
    return str(KNOWN_UNITS.get(code, ""))


def indicator_label(code: str) -> str:
    indicator = _REGISTRY.get(code)
    if indicator is not None:
        return str(indicator.label)
    return str(KNOWN_INDICATORS.get(code, code))


def counting_rules(code: str) -> tuple[CountingRule, ...]:
    indicator = _REGISTRY.get(code)
    return indicator.counting_rules if indicator is not None else ()


def indicator_choices() -> list[tuple[str, str]]:
    codes = dict(KNOWN_INDICATORS)
    codes.update({code: indicator.label for code, indicator in _REGISTRY.items()})
    return [(code, f"{code} — {label}") for code, label in sorted(codes.items())]
