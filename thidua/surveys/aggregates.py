"""Rebuild and verify the aggregate tables against the raw answers (the raw answers are the truth)."""

from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count

from thidua.surveys.models import (
    Answer,
    CollectionPoint,
    DailyCount,
    DailyTotal,
    MonthlyCount,
    MonthlyTotal,
    Response,
    UnitMonthlyCount,
    UnitMonthlyTotal,
)
from thidua.surveys.storage import add_to_aggregates


@dataclass
class Comparison:
    table: str
    expected_rows: int
    stored_rows: int
    differences: list[tuple]

    @property
    def agrees(self) -> bool:
        return not self.differences


def raw_counts() -> tuple[Counter, Counter]:
    answers = Counter(
        {
            (
                row["response__collection_point_id"],
                row["response__day"],
                row["question_id"],
                row["level"],
            ): row["n"]
            for row in Answer.objects.values(
                "response__collection_point_id", "response__day", "question_id", "level"
            )
            .annotate(n=Count("id"))
            .order_by()
        }
    )
    responses = Counter(
        {
            (row["collection_point_id"], row["day"]): row["n"]
            for row in Response.objects.values("collection_point_id", "day")
            .annotate(n=Count("id"))
            .order_by()
        }
    )
    return answers, responses


def _by_month(counter: Counter) -> Counter:
    result: Counter = Counter()
    for key, n in counter.items():
        result[(key[0], key[1].replace(day=1), *key[2:])] += n
    return result


def _by_unit(counter: Counter, units: dict[int, int]) -> Counter:
    result: Counter = Counter()
    for key, n in counter.items():
        result[(units[key[0]], *key[1:])] += n
    return result


def _compare(table: str, expected: Counter, stored: Counter) -> Comparison:
    keys = set(expected) | set(stored)
    differences = sorted(
        (
            (key, expected.get(key, 0), stored.get(key, 0))
            for key in keys
            if expected.get(key, 0) != stored.get(key, 0)
        ),
        key=str,
    )
    return Comparison(table, len(expected), len(stored), differences)


def verify() -> list[Comparison]:
    answers, responses = raw_counts()
    stored_daily = Counter(
        {
            (row[0], row[1], row[2], row[3]): row[4]
            for row in DailyCount.objects.values_list(
                "collection_point_id", "day", "question_id", "level", "count"
            )
            if row[4]
        }
    )
    stored_monthly = Counter(
        {
            (row[0], row[1], row[2], row[3]): row[4]
            for row in MonthlyCount.objects.values_list(
                "collection_point_id", "month", "question_id", "level", "count"
            )
            if row[4]
        }
    )
    stored_day_totals = Counter(
        {
            (row[0], row[1]): row[2]
            for row in DailyTotal.objects.values_list("collection_point_id", "day", "responses")
            if row[2]
        }
    )
    stored_month_totals = Counter(
        {
            (row[0], row[1]): row[2]
            for row in MonthlyTotal.objects.values_list("collection_point_id", "month", "responses")
            if row[2]
        }
    )
    stored_unit_monthly = Counter(
        {
            (row[0], row[1], row[2], row[3]): row[4]
            for row in UnitMonthlyCount.objects.values_list(
                "unit_id", "month", "question_id", "level", "count"
            )
            if row[4]
        }
    )
    stored_unit_month_totals = Counter(
        {
            (row[0], row[1]): row[2]
            for row in UnitMonthlyTotal.objects.values_list("unit_id", "month", "responses")
            if row[2]
        }
    )
    units = dict(CollectionPoint.objects.values_list("pk", "unit_id"))
    return [
        _compare("daily counts", answers, stored_daily),
        _compare("monthly counts", _by_month(answers), stored_monthly),
        _compare("daily totals", responses, stored_day_totals),
        _compare("monthly totals", _by_month(responses), stored_month_totals),
        _compare("unit monthly counts", _by_unit(_by_month(answers), units), stored_unit_monthly),
        _compare("unit monthly totals", _by_unit(_by_month(responses), units), stored_unit_month_totals),
    ]


@transaction.atomic
def rebuild() -> None:
    """Replace every aggregate row by counts from the raw answers, in one transaction."""
    for model in (DailyCount, MonthlyCount, DailyTotal, MonthlyTotal, UnitMonthlyCount, UnitMonthlyTotal):
        model.objects.all().delete()
    answers, responses = raw_counts()
    add_to_aggregates(answers, responses)
