"""Reads: counts from the aggregate tables and the indices built from them.

Whole months are read from the monthly tables and the ragged edges of a period from the daily table, so a year
costs at most 12 rows per question and level however many ratings there were: per unit (the unit rollups) when
units are asked for, per collection point when points are.
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils.translation import gettext as _

from thidua.campaigns.models import Target
from thidua.campaigns.selectors import targets_for_units
from thidua.campaigns.verdicts import NO_DATA
from thidua.core.links import code_link
from thidua.surveys import indices
from thidua.surveys.models import (
    DailyCount,
    DailyTotal,
    IndexRule,
    MonthlyCount,
    MonthlyTotal,
    Question,
    Response,
    TransactionVolume,
    UnitMonthlyCount,
    UnitMonthlyTotal,
)
from thidua.surveys.questionnaires import ELEMENTS

SATISFACTION_INDICATOR = "satisfaction_index"
ELEMENT_CODES = [code for code, _label in ELEMENTS]
ELEMENT_LABELS = dict(ELEMENTS)
TOO_FEW_RESPONSES = "too_few_responses"
ENOUGH_RESPONSES = "enough"
DATA_STATUSES = (NO_DATA, TOO_FEW_RESPONSES, ENOUGH_RESPONSES)


@dataclass
class Counts:
    """Answers per question and level, and responses, for one group (a unit, a point, a month…)."""

    answers: dict[int, dict[int, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    responses: int = 0


@dataclass
class Summary:
    responses: int
    index: Decimal | None
    rule: str
    elements: list[dict]
    interval: tuple[Decimal, Decimal] | None
    transactions: int | None = None
    required_sample: int | None = None
    adequate: bool | None = None
    minimum_responses: int = 0

    @property
    def rule_label(self) -> str:
        return str(IndexRule(self.rule).label)

    @property
    def data_status(self) -> str:
        """``no_data`` (no response, or no index), ``too_few_responses`` (below the minimum) or ``enough``."""
        if self.responses == 0 or self.index is None:
            return NO_DATA
        if self.responses < self.minimum_responses:
            return TOO_FEW_RESPONSES
        return ENOUGH_RESPONSES

    @property
    def data_status_label(self) -> str:
        """The words every page, export and the API use for the status: "chưa đủ phiếu (12, cần 30)"."""
        if self.data_status == NO_DATA:
            return _("no data yet")
        if self.data_status == TOO_FEW_RESPONSES:
            return _("too few responses (%(responses)s, %(minimum)s needed)") % {
                "responses": self.responses,
                "minimum": self.minimum_responses,
            }
        return ""


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def split_period(start: date, end: date) -> tuple[list[tuple[date, date]], tuple[date, date] | None]:
    """Day ranges read from the daily table, and the month range (first days) read from the monthly table."""
    if end < start:
        return [], None
    first_full = start if start.day == 1 else _month_end(start) + timedelta(days=1)
    last_full = end if end == _month_end(end) else end.replace(day=1) - timedelta(days=1)
    if first_full > last_full:
        return [(start, end)], None
    day_ranges = []
    if start < first_full:
        day_ranges.append((start, first_full - timedelta(days=1)))
    if last_full < end:
        day_ranges.append((last_full + timedelta(days=1), end))
    return day_ranges, (first_full, last_full.replace(day=1))


def load_counts(*, start: date, end: date, group: str, unit_ids=None, point_ids=None) -> dict[object, Counts]:
    """Counts grouped by ``group``: "unit", "point", "month", "unit_month" ((unit id, month) keys) or "all"."""
    group_fields = {
        "unit": ["collection_point__unit_id"],
        "point": ["collection_point_id"],
        "all": [],
    }
    result: dict[object, Counts] = defaultdict(Counts)
    day_ranges, month_range = split_period(start, end)

    def scoped(queryset, by_unit: bool):
        if unit_ids is not None:
            unit_field = "unit_id" if by_unit else "collection_point__unit_id"
            queryset = queryset.filter(**{f"{unit_field}__in": list(unit_ids)})
        if point_ids is not None:
            queryset = queryset.filter(collection_point_id__in=list(point_ids))
        return queryset

    parts = [(DailyCount, DailyTotal, "day", low, high) for low, high in day_ranges]
    if month_range and point_ids is None and group != "point":
        # Whole months of units: the unit rollups, units × months rows however many desks each unit has.
        parts.append((UnitMonthlyCount, UnitMonthlyTotal, "month", *month_range))
    elif month_range:
        parts.append((MonthlyCount, MonthlyTotal, "month", *month_range))
    for count_model, total_model, column, low, high in parts:
        by_unit = count_model is UnitMonthlyCount
        unit_field = "unit_id" if by_unit else "collection_point__unit_id"
        if group == "month":
            fields = [column]
        elif group == "unit_month":
            fields = [column, unit_field]
        elif group == "unit":
            fields = [unit_field]
        else:
            fields = group_fields[group]
        rows = (
            scoped(count_model.objects.filter(**{f"{column}__range": (low, high)}), by_unit)
            .values(*fields, "question_id", "level")
            .annotate(n=Sum("count"))
            .order_by()
        )
        for row in rows:
            key = _group_key(row, fields, group)
            result[key].answers[row["question_id"]][row["level"]] += row["n"]
        totals = (
            scoped(total_model.objects.filter(**{f"{column}__range": (low, high)}), by_unit)
            .values(*fields)
            .annotate(n=Sum("responses"))
            .order_by()
        )
        for row in totals:
            result[_group_key(row, fields, group)].responses += row["n"]
    return result


def _group_key(row: dict, fields: list[str], group: str):
    if group == "all":
        return "all"
    value = row[fields[0]]
    if group == "month":
        return value.replace(day=1)
    if group == "unit_month":
        return (row[fields[1]], value.replace(day=1))
    return value


def _question_meta() -> dict[int, tuple[str, bool, str, int]]:
    """question id → (element, is overall, index rule of its questionnaire, questionnaire id)."""
    return {
        pk: (element, is_overall, rule, questionnaire_id)
        for pk, element, is_overall, rule, questionnaire_id in Question.objects.values_list(
            "pk", "element", "is_overall", "questionnaire__index_rule", "questionnaire_id"
        )
    }


def _items_per_element(meta: dict) -> dict[tuple[int, str], int]:
    """(questionnaire id, element) → how many of that version's items belong to the element."""
    items: dict[tuple[int, str], int] = defaultdict(int)
    for element, is_overall, _rule, questionnaire_id in meta.values():
        if not is_overall:
            items[questionnaire_id, element] += 1
    return items


def summarize(counts: Counts | None, meta: dict, *, transactions: int | None = None) -> Summary:
    """Indices for one group. When points with different rules are pooled, the element mean is used.

    Each element carries its Wilson interval over the respondents its answers amount to
    (``indices.element_sample_size``, per questionnaire version), never over the answers themselves.
    """
    element_counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    overall_counts: dict[int, int] = defaultdict(int)
    # element → questionnaire id → valid answers to the element's items in that version
    element_answers: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    rules = set()
    responses = counts.responses if counts else 0
    for question_id, levels in (counts.answers if counts else {}).items():
        element, is_overall, rule, questionnaire_id = meta.get(
            question_id, ("", False, IndexRule.ELEMENT_MEAN, 0)
        )
        rules.add(rule)
        target = overall_counts if is_overall else element_counts[element]
        for level, n in levels.items():
            target[level] += n
        if not is_overall:
            element_answers[element][questionnaire_id] += indices.valid_answers(levels)
    rule = rules.pop() if len(rules) == 1 else IndexRule.ELEMENT_MEAN
    result = indices.overall_index(
        rule=rule,
        element_counts=element_counts,
        overall_counts=overall_counts,
        responses=responses,
        element_codes=ELEMENT_CODES,
    )
    items = _items_per_element(meta)
    elements = []
    for code in ELEMENT_CODES:
        sample = indices.element_sample_size(
            (answers, items.get((questionnaire_id, code), 0))
            for questionnaire_id, answers in element_answers.get(code, {}).items()
        )
        elements.append(
            {
                "code": code,
                "label": ELEMENT_LABELS[code],
                "index": result.element_index(code),
                "answers": indices.valid_answers(element_counts.get(code, {})),
                "sample_size": sample,
                "interval": indices.wilson_interval(result.elements.get(code), sample),
            }
        )
    interval_n = indices.valid_answers(overall_counts) if rule == IndexRule.OVERALL_QUESTION else responses
    required = indices.required_sample(transactions) if transactions else None
    return Summary(
        responses=responses,
        index=result.index,
        rule=rule,
        elements=elements,
        interval=indices.wilson_interval(result.share, interval_n),
        transactions=transactions,
        required_sample=required,
        adequate=indices.sample_adequate(responses, transactions) if transactions else None,
        minimum_responses=settings.SURVEY_MIN_RESPONSES,
    )


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def unit_summaries(unit_ids, start: date, end: date) -> dict[int, Summary]:
    meta = _question_meta()
    counts = load_counts(start=start, end=end, group="unit", unit_ids=unit_ids)
    volumes = {}
    if start.year == end.year:
        volumes = dict(
            TransactionVolume.objects.filter(unit_id__in=list(unit_ids), year=start.year).values_list(
                "unit_id", "transactions"
            )
        )
    return {
        unit_id: summarize(counts.get(unit_id), meta, transactions=volumes.get(unit_id))
        for unit_id in unit_ids
    }


def summary_for(*, start: date, end: date, unit_ids=None, point_ids=None) -> Summary:
    counts = load_counts(start=start, end=end, group="all", unit_ids=unit_ids, point_ids=point_ids)
    return summarize(counts.get("all"), _question_meta())


def point_summaries(point_ids, start: date, end: date) -> dict[int, Summary]:
    meta = _question_meta()
    counts = load_counts(start=start, end=end, group="point", point_ids=point_ids)
    return {point_id: summarize(counts.get(point_id), meta) for point_id in point_ids}


def monthly_trend(*, unit_ids=None, point_ids=None, year: int) -> list[tuple[date, Summary]]:
    meta = _question_meta()
    start, end = year_bounds(year)
    counts = load_counts(start=start, end=end, group="month", unit_ids=unit_ids, point_ids=point_ids)
    return [
        (date(year, month, 1), summarize(counts.get(date(year, month, 1)), meta)) for month in range(1, 13)
    ]


def unit_monthly_summaries(unit_ids, year: int) -> dict[tuple[int, date], Summary]:
    """(unit id, first day of the month) → the unit's summary for that month, for the months with responses.

    One pass over the daily and monthly tables for every unit at once (the open data's monthly satisfaction).
    """
    meta = _question_meta()
    counts = load_counts(
        start=date(year, 1, 1), end=date(year, 12, 31), group="unit_month", unit_ids=unit_ids
    )
    return {key: summarize(value, meta) for key, value in sorted(counts.items()) if value.responses}


def unit_comments(unit_id: int, start: date, end: date):
    """The unit's responses with a comment in the period, newest first (the unit page and the comments export)."""
    return (
        Response.objects.filter(collection_point__unit_id=unit_id, day__range=(start, end))
        .exclude(comment="")
        .select_related("collection_point")
        .order_by("-submitted_at", "-pk")
        .only("comment", "overall_level", "reasons", "day", "submitted_at", "collection_point__name")
    )


def satisfaction_targets(units, year: int) -> dict[int, Target]:
    """Each unit's satisfaction target in ``year``: the campaign rule of ``targets_for_units``."""
    return targets_for_units(SATISFACTION_INDICATOR, units, year)


def satisfaction_verdict(summary: Summary, target: Target | None) -> str | None:
    """A unit's (or point's) verdict against its campaign's target; None when no campaign sets one.

    Every page, export and API shows this one verdict: the target's comparison and threshold, and "no data"
    below ``SURVEY_MIN_RESPONSES`` responses.
    """
    if target is None:
        return None
    return target.judge(
        summary.index, responses=summary.responses, minimum_responses=settings.SURVEY_MIN_RESPONSES
    )


def measure_satisfaction(campaign, target, units, year: int) -> dict:
    """The ``satisfaction_index`` indicator: each unit's index for the year; too few answers is no data."""
    from thidua.campaigns.indicators import Measurement

    unit_ids = [unit.pk for unit in units]
    summaries = unit_summaries(unit_ids, *year_bounds(year))
    # The words and the route once for the call, not once per unit (a round measures a thousand units).
    template, rule_labels = _("%(rule)s · %(responses)s responses"), {}
    link = code_link("satisfaction-unit")
    result = {}
    for unit in units:
        summary = summaries[unit.pk]
        if summary.responses == 0 or summary.index is None:
            continue
        status = satisfaction_verdict(summary, target)
        if summary.rule not in rule_labels:
            rule_labels[summary.rule] = summary.rule_label
        detail = template % {"rule": rule_labels[summary.rule], "responses": summary.responses}
        if status == NO_DATA:
            detail = summary.data_status_label
        result[unit.pk] = Measurement(
            value=summary.index,
            detail=detail,
            url=link(unit.code) + f"?year={year}",
            status=status,
            count=summary.responses,
            interval=summary.interval,
        )
    return result


def years_with_ratings(unit_ids=None) -> list[int]:
    """Years in which some rating was recorded (at the given units, when given)."""
    totals = UnitMonthlyTotal.objects.order_by()  # units × months rows, not points × months
    if unit_ids is not None:
        totals = totals.filter(unit_id__in=unit_ids)
    return [month.year for month in totals.dates("month", "year")]


def trend_points(trend: list[tuple[date, Summary]], target: Target | None) -> list:
    """A monthly trend as ``MonthPoint``s, each month judged against the target as a year would be."""
    from thidua.campaigns.indicators import MonthPoint

    return [
        MonthPoint(
            month=month.month,
            value=summary.index if summary.responses else None,
            count=summary.responses,
            status=(satisfaction_verdict(summary, target) if summary.responses else NO_DATA)
            if target
            else None,
        )
        for month, summary in trend
    ]


def monthly_satisfaction(campaign, target, units, year: int) -> list:
    """The ``satisfaction_index`` month by month over the units taken together (the dashboards' trend)."""
    return trend_points(monthly_trend(unit_ids=[unit.pk for unit in units], year=year), target)
