"""The unit rollups: the point rollups summed per unit, written by every path, and the figures read from them."""

from collections import Counter
from datetime import date

import pytest
from django.db import connection

from thidua.surveys import aggregates, selectors, storage
from thidua.surveys.models import MonthlyCount, MonthlyTotal, UnitMonthlyCount, UnitMonthlyTotal
from thidua.surveys.tests.test_storage import ratings_for


def unit_rows() -> tuple[Counter, Counter]:
    counts = Counter(
        {
            (row[0], row[1], row[2], row[3]): row[4]
            for row in UnitMonthlyCount.objects.values_list(
                "unit_id", "month", "question_id", "level", "count"
            )
        }
    )
    totals = Counter(
        {
            (row[0], row[1]): row[2]
            for row in UnitMonthlyTotal.objects.values_list("unit_id", "month", "responses")
        }
    )
    return counts, totals


def points_summed() -> tuple[Counter, Counter]:
    counts: Counter = Counter()
    for unit_id, month, question_id, level, n in MonthlyCount.objects.values_list(
        "collection_point__unit_id", "month", "question_id", "level", "count"
    ):
        counts[(unit_id, month, question_id, level)] += n
    totals: Counter = Counter()
    for unit_id, month, n in MonthlyTotal.objects.values_list(
        "collection_point__unit_id", "month", "responses"
    ):
        totals[(unit_id, month)] += n
    return counts, totals


def store_every_way(point_a, point_a2, point_b) -> None:
    storage.store_ratings(ratings_for(point_a))
    for rating in ratings_for(point_a2):
        storage.store_rating(rating)  # the single statement on PostgreSQL
    batch = ratings_for(point_b)
    if connection.vendor == "postgresql":
        storage.copy_ratings(batch)
    else:
        storage.store_ratings(batch)


def test_every_path_adds_to_the_unit_rollups_what_it_adds_to_the_points(world, point_a, point_a2, point_b):
    store_every_way(point_a, point_a2, point_b)
    counts, totals = unit_rows()
    assert (counts, totals) == points_summed()
    # Two desks of unit A, nine ratings each: three in March, four in April, two in May.
    assert totals[(world.unit_a.pk, date(2021, 4, 1))] == 8
    assert totals[(world.unit_b.pk, date(2021, 3, 1))] == 3
    assert all(comparison.agrees for comparison in aggregates.verify())


def test_rebuild_restores_the_unit_rollups(world, point_a, point_a2, point_b):
    store_every_way(point_a, point_a2, point_b)
    expected = unit_rows()
    UnitMonthlyCount.objects.filter(unit=world.unit_a).update(count=0)
    UnitMonthlyTotal.objects.filter(unit=world.unit_b).delete()
    failing = {comparison.table for comparison in aggregates.verify() if not comparison.agrees}
    assert failing == {"unit monthly counts", "unit monthly totals"}
    aggregates.rebuild()
    assert unit_rows() == expected
    assert all(comparison.agrees for comparison in aggregates.verify())


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2021, 1, 1), date(2021, 12, 31)),
        (date(2021, 3, 31), date(2021, 4, 30)),
        (date(2021, 4, 1), date(2021, 4, 30)),
    ],
)
def test_unit_figures_from_the_unit_rollups_equal_those_from_the_points(
    world, point_a, point_a2, point_b, start, end
):
    store_every_way(point_a, point_a2, point_b)
    units = [world.unit_a.pk, world.unit_b.pk]
    by_unit = selectors.unit_summaries(units, start, end)
    points = {world.unit_a.pk: [point_a.pk, point_a2.pk], world.unit_b.pk: [point_b.pk]}
    for unit_id in units:
        from_points = selectors.summary_for(start=start, end=end, point_ids=points[unit_id])
        assert by_unit[unit_id].responses == from_points.responses > 0
        assert (by_unit[unit_id].index, by_unit[unit_id].interval) == (
            from_points.index,
            from_points.interval,
        )
    trend = selectors.monthly_trend(unit_ids=units, year=2021)
    by_points = selectors.monthly_trend(point_ids=[point_a.pk, point_a2.pk, point_b.pk], year=2021)
    assert [(month, s.responses, s.index) for month, s in trend] == [
        (month, s.responses, s.index) for month, s in by_points
    ]
    assert sum(s.responses for _month, s in trend) == 27
