"""The district and unit dashboards: campaign progress as chart data, plus what the pillars register.

Every figure comes from ``campaign_progress`` (the indicator registry, one verdict per target) or from a source a
pillar registers here in its ``AppConfig.ready()``:

- ``register_overdue_source(code, label, provider)``: work past its due date (the inspections' remediations;
  the reports app registers its late reports the same way). ``provider(campaign, year, units)`` returns
  ``OverdueItem``s.
- ``register_award_source(code, provider)``: the units awarded in the year (the awards app).
  ``provider(campaign, year, units)`` returns ``AwardItem``s.

A chart is a plain dict ready for JSON: code, title, description, the target it is judged against, the columns and
rows of its table alternative (which the XLSX export writes too), and a summary line.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns.exports import STATUS_LABELS
from thidua.campaigns.indicators import MonthPoint, get_indicator
from thidua.campaigns.models import Campaign, Target
from thidua.campaigns.progress import NOT_APPLICABLE, Cell, Progress, campaign_progress
from thidua.campaigns.verdicts import MET, NO_DATA, NOT_MET
from thidua.organizations.models import Unit, UnitKind

COVERAGE_INDICATOR = "reform_models"


@dataclass(frozen=True)
class OverdueItem:
    unit_id: int
    label: str
    due_date: date
    url: str = ""


@dataclass(frozen=True)
class AwardItem:
    unit_id: int
    unit_name: str  # the name the unit had when it was awarded
    award: str
    decision: str
    issued_on: date
    url: str = ""


OverdueProvider = Callable[[Campaign, int, Sequence[Unit]], list[OverdueItem]]
AwardProvider = Callable[[Campaign, int, Sequence[Unit]], list[AwardItem]]

_OVERDUE: dict[str, tuple[Any, OverdueProvider]] = {}
_AWARDS: dict[str, AwardProvider] = {}


def register_overdue_source(code: str, label: Any, provider: OverdueProvider) -> None:
    _OVERDUE[code] = (label, provider)


def register_award_source(code: str, provider: AwardProvider) -> None:
    _AWARDS[code] = provider


def unregister_dashboard_source(code: str) -> None:
    _OVERDUE.pop(code, None)
    _AWARDS.pop(code, None)


# ---- values for JSON --------------------------------------------------------------------------------------------


def number(value: Decimal | int | None) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() and abs(value) < 10**15 else float(value)


def _target_json(target: Target) -> dict:
    return {
        "label": target.label,
        "condition": target.condition,
        "comparison": target.comparison,
        "threshold": number(target.threshold),
        "unit_of_measure": target.unit_of_measure,
    }


def _value_label(target: Target) -> str:
    return _("Value (%)") if target.unit_of_measure == "%" else _("Value")


def _column(key: str, label: str, kind: str = "text") -> dict:
    return {"key": key, "label": label, "type": kind}


def _unit_name(unit: Unit) -> str:
    return unit.official_name or unit.name


def _status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


# ---- filters ----------------------------------------------------------------------------------------------------


@dataclass
class Filters:
    campaign: Campaign | None
    year: int | None
    kind: str = ""

    @property
    def kind_label(self) -> str:
        return str(dict(UnitKind.choices).get(self.kind, "")) if self.kind else ""

    def query(self) -> dict[str, str]:
        values = {}
        if self.campaign is not None:
            values["campaign"] = str(self.campaign.pk)
        if self.year is not None:
            values["year"] = str(self.year)
        if self.kind:
            values["kind"] = self.kind
        return values

    def describe(self) -> str:
        if self.campaign is None:
            return ""
        text = _("Campaign %(number)s, year %(year)s") % {"number": self.campaign.number, "year": self.year}
        if self.kind:
            text += " · " + self.kind_label
        return text


def dashboard_units(filters: Filters, scope_ids: set[int]) -> list[Unit]:
    """The participating units of the year in the person's scope, of the chosen kind."""
    if filters.campaign is None or filters.year is None:
        return []
    units = filters.campaign.participating_units(filters.year).filter(id__in=scope_ids)
    if filters.kind:
        units = units.filter(kind=filters.kind)
    return list(units)


# ---- the charts -------------------------------------------------------------------------------------------------


def _cells_of(progress: Progress, target: Target) -> list[tuple[Unit, Cell]]:
    index = progress.targets.index(target)
    return [
        (row.unit, row.cells[index]) for row in progress.rows if row.cells[index].status != NOT_APPLICABLE
    ]


def coverage_chart(progress: Progress, target: Target) -> dict:
    cells = _cells_of(progress, target)
    rows = [
        {
            "unit": _unit_name(unit),
            "code": unit.code,
            "value": number(cell.value),
            "covered": bool(cell.value is not None and cell.value >= 1),
            "status": cell.status,
            "status_label": _status_label(cell.status),
            "detail": cell.detail,
        }
        for unit, cell in cells
    ]
    covered = sum(1 for row in rows if row["covered"])
    total = len(rows)
    percent = round(100 * covered / total, 1) if total else None
    return {
        "code": "coverage",
        "kind": "coverage",
        "title": _("Model coverage"),
        "description": _(
            "Units with at least one approved reform model, out of every participating unit of the year."
        ),
        "target": _target_json(target),
        "covered": covered,
        "participating": total,
        "percent": percent,
        "summary": _("%(covered)s of %(total)s units have at least one approved model")
        % {
            "covered": covered,
            "total": total,
        },
        "labels": {"covered": _("With an approved model"), "uncovered": _("Without an approved model")},
        "columns": [
            _column("unit", _("Unit")),
            _column("value", _("Approved models"), "integer"),
            _column("status_label", _("Target"), "status"),
            _column("detail", _("Detail")),
        ],
        "rows": rows,
    }


def _sort_key(row: dict) -> tuple:
    # Highest first; units without a figure at the end, in their usual order.
    return (row["value"] is None, -(row["value"] or 0))


def units_target_chart(progress: Progress, target: Target) -> dict:
    """Every unit's value for the target, highest first, with its interval when the indicator gives one."""
    cells = _cells_of(progress, target)
    rows = [
        {
            "unit": _unit_name(unit),
            "code": unit.code,
            "value": number(cell.value),
            "low": number(cell.low),
            "high": number(cell.high),
            "count": cell.count,
            "status": cell.status,
            "status_label": _status_label(cell.status),
            "detail": cell.detail,
        }
        for unit, cell in cells
    ]
    rows.sort(key=_sort_key)
    has_interval = any(row["low"] is not None for row in rows)
    columns = [_column("unit", _("Unit")), _column("value", _value_label(target), "number")]
    if has_interval:
        columns += [
            _column("low", _("Interval low"), "number"),
            _column("high", _("Interval high"), "number"),
            _column("count", _("Responses"), "integer"),
        ]
    columns += [_column("status_label", _("Target"), "status"), _column("detail", _("Detail"))]
    counts = {status: sum(1 for row in rows if row["status"] == status) for status in (MET, NOT_MET, NO_DATA)}
    if target.indicator == "satisfaction_index":
        title = _("Satisfaction by unit")
    elif target.indicator == "office_culture":
        title = _("Office-culture compliance by unit")
    else:
        title = target.label
    description = _(
        "Each unit's value against the target %(condition)s, highest first; the line is the target."
    ) % {"condition": target.condition}
    if has_interval:
        description += " " + _("The whiskers show the confidence interval at 95%.")
    return {
        "code": f"target-{target.indicator}",
        "kind": "units",
        "title": title,
        "description": description,
        "target": _target_json(target),
        "has_interval": has_interval,
        "empty": _("No unit has a figure for this target yet."),
        "summary": _("%(met)s met, %(not_met)s not met, %(no_data)s without data")
        % {"met": counts[MET], "not_met": counts[NOT_MET], "no_data": counts[NO_DATA]},
        "columns": columns,
        "rows": rows,
    }


def monthly_chart(
    campaign: Campaign, target: Target, units: Sequence[Unit], year: int, *, scope: str
) -> dict:
    indicator = get_indicator(target.indicator)
    applicable = [unit for unit in units if target.applies_to(unit)]
    points = indicator.monthly(campaign, target, applicable, year) if indicator and indicator.monthly else []
    if target.indicator == "satisfaction_index":
        title = _("Monthly satisfaction index of %(scope)s") % {"scope": scope}
    else:
        title = _("%(label)s month by month") % {"label": target.label}
    return points_chart(f"monthly-{target.indicator}", title, points, year, target)


def points_chart(
    code: str, title: str, points: Sequence[MonthPoint], year: int, target: Target | None
) -> dict:
    """A monthly series (``MonthPoint``s) as a chart: the index as a line, the responses as bars."""
    rows = [
        {
            "month": f"{point.month:02d}/{year}",
            "value": number(point.value),
            "count": point.count,
            "status": point.status or NO_DATA,
            "status_label": _status_label(point.status or NO_DATA) if target is not None else "",
        }
        for point in points
    ]
    description = _(
        "The index of each month over every response of the units, with the number of responses as bars."
    )
    if target is not None:
        description = _(
            "The index of each month over every response of the units, with the number of responses as bars; "
            "the line is the target %(condition)s."
        ) % {"condition": target.condition}
    columns = [
        _column("month", _("Month")),
        _column("value", _value_label(target) if target else _("Value (%)"), "number"),
        _column("count", _("Responses"), "integer"),
    ]
    if target is not None:
        columns.append(_column("status_label", _("Target"), "status"))
    return {
        "code": code,
        "kind": "monthly",
        "title": title,
        "description": description,
        "target": _target_json(target) if target is not None else None,
        "summary": _("%(responses)s responses in the year")
        % {"responses": sum(row["count"] or 0 for row in rows)},
        "columns": columns,
        "rows": rows,
    }


def overdue_chart(campaign: Campaign, year: int, units: Sequence[Unit], *, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    names = {unit.pk: _unit_name(unit) for unit in units}
    rows = []
    for _code, (label, provider) in sorted(_OVERDUE.items()):
        for item in provider(campaign, year, units):
            if item.unit_id not in names:
                continue
            rows.append(
                {
                    "unit": names[item.unit_id],
                    "source": str(label),
                    "label": item.label,
                    "due": item.due_date.isoformat(),
                    "days": (today - item.due_date).days,
                    "url": item.url,
                }
            )
    rows.sort(key=lambda row: (-row["days"], row["unit"]))
    return {
        "code": "overdue",
        "kind": "overdue",
        "title": _("Overdue work"),
        "description": _("Remediations and reports past their due date, counted by unit."),
        "target": None,
        "summary": _("%(count)s overdue") % {"count": len(rows)},
        "empty": _("Nothing is overdue."),
        "columns": [
            _column("unit", _("Unit")),
            _column("source", _("Kind")),
            _column("label", _("What")),
            _column("due", _("Due date"), "date"),
            _column("days", _("Days overdue"), "integer"),
        ],
        "rows": rows,
    }


def awards_chart(campaign: Campaign, year: int, units: Sequence[Unit]) -> dict:
    unit_ids = {unit.pk for unit in units}
    rows = []
    for _code, provider in sorted(_AWARDS.items()):
        for item in provider(campaign, year, units):
            if item.unit_id not in unit_ids:
                continue
            rows.append(
                {
                    "unit": item.unit_name,
                    "award": item.award,
                    "decision": item.decision,
                    "issued_on": item.issued_on.isoformat(),
                    "url": item.url,
                }
            )
    return {
        "code": "awards",
        "kind": "awards",
        "title": _("Awards of the year"),
        "description": _("The units awarded for the campaign year, counted by award."),
        "target": None,
        "summary": _("%(count)s units awarded") % {"count": len(rows)},
        "empty": _("No award has been decided for this year yet."),
        "columns": [
            _column("unit", _("Unit")),
            _column("award", _("Award")),
            _column("decision", _("Decision")),
            _column("issued_on", _("Issue date"), "date"),
        ],
        "rows": rows,
    }


def district_dashboard(filters: Filters, scope_ids: set[int]) -> dict:
    """Every chart of the district dashboard for the filters, over the units in ``scope_ids``."""
    if filters.campaign is None or filters.year is None:
        return {"charts": [], "filters": filters.query(), "scope": ""}
    campaign, year = filters.campaign, filters.year
    units = dashboard_units(filters, scope_ids)
    progress = campaign_progress(campaign, year, units=units)  # dashboard_units: participating, in order
    charts = []
    for target in progress.targets:
        if target.indicator == COVERAGE_INDICATOR:
            charts.append(coverage_chart(progress, target))
        else:
            charts.append(units_target_chart(progress, target))
        indicator = get_indicator(target.indicator)
        if indicator is not None and indicator.monthly is not None:
            charts.append(monthly_chart(campaign, target, units, year, scope=_("the district")))
    charts.append(overdue_chart(campaign, year, units))
    charts.append(awards_chart(campaign, year, units))
    return {"charts": charts, "filters": filters.query(), "scope": filters.describe()}


def unit_dashboard(unit: Unit, campaign: Campaign, year: int) -> dict:
    """The unit against each target of the campaign, its monthly trends and its overdue work."""
    progress = campaign_progress(campaign, year, unit_ids={unit.pk})
    rows = []
    charts = []
    if progress.rows:
        for cell in progress.rows[0].cells:
            target = cell.target
            rows.append(
                {
                    "indicator": target.indicator,
                    "label": target.label,
                    "condition": target.condition,
                    "unit_of_measure": target.unit_of_measure,
                    "value": number(cell.value),
                    "low": number(cell.low),
                    "high": number(cell.high),
                    "count": cell.count,
                    "status": cell.status,
                    "status_label": _status_label(cell.status),
                    "detail": cell.detail,
                    "url": cell.url,
                }
            )
        charts.append(
            {
                "code": "indicators",
                "kind": "indicators",
                "title": _("Indicators against the targets"),
                "description": _(
                    "The unit's value for each target of the campaign in the year, and its verdict."
                ),
                "target": None,
                "summary": _("%(met)s of %(total)s targets met")
                % {
                    "met": sum(1 for row in rows if row["status"] == MET),
                    "total": sum(1 for row in rows if row["status"] != NOT_APPLICABLE),
                },
                "columns": [
                    _column("label", _("Target")),
                    _column("condition", _("Condition")),
                    _column("value", _("Value"), "number"),
                    _column("count", _("Responses"), "integer"),
                    _column("status_label", _("Verdict"), "status"),
                    _column("detail", _("Detail")),
                ],
                "rows": rows,
            }
        )
        for cell in progress.rows[0].cells:
            indicator = get_indicator(cell.target.indicator)
            if cell.status != NOT_APPLICABLE and indicator is not None and indicator.monthly is not None:
                charts.append(monthly_chart(campaign, cell.target, [unit], year, scope=_unit_name(unit)))
        charts.append(overdue_chart(campaign, year, [unit]))
    return {
        "unit": {"code": unit.code, "name": _unit_name(unit)},
        "participates": bool(progress.rows),
        "charts": charts,
        "filters": {"campaign": str(campaign.pk), "year": str(year)},
        "scope": _("Campaign %(number)s, year %(year)s") % {"number": campaign.number, "year": year},
    }


def find_chart(data: dict, code: str) -> dict | None:
    return next((chart for chart in data["charts"] if chart["code"] == code), None)
