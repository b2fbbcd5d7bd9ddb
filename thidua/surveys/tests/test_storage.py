"""The write paths of ``storage`` store the same rows: responses, answers and every aggregate, row for row."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.utils import timezone

from thidua.surveys import caches, storage
from thidua.surveys.models import Answer, DailyCount, DailyTotal, MonthlyCount, MonthlyTotal, Response

COMPARED_COLUMNS = [column for column in storage.RESPONSE_COLUMNS if column != "collection_point_id"]


def at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=hour)))


def ratings_for(point, entered_by_id=None) -> list[storage.NewRating]:
    """Nine ratings across a month boundary, with element answers, reasons, comments and dossier codes."""
    codes = {spec.code: spec.id for spec in caches.question_specs(point.questionnaire)}
    plans = [
        (date(2021, 3, 30), {"overall": 5}, [], "", ""),
        (date(2021, 3, 31), {"overall": 4, "access": 5, "result": 3}, [], "Tốt", "H01.1-210331-0001"),
        (date(2021, 3, 31), {"overall": 2, "civil_servant": 1}, ["Chờ lâu"], "Chậm", ""),
        (date(2021, 4, 1), {"overall": 5, "access": 5}, [], "", ""),
        (date(2021, 4, 1), {"overall": 3}, ["Chờ lâu", "Thái độ"], "", ""),
        (date(2021, 4, 1), {"overall": 5, "access": 4, "result": 5, "civil_servant": 5}, [], "", ""),
        (date(2021, 4, 15), {"overall": 1}, ["Thái độ"], "Không hài lòng\nchút nào", ""),
        (date(2021, 5, 1), {"overall": 4}, [], "", "H01.1-210501-0002"),
        (date(2021, 5, 1), {"overall": 4}, [], "", ""),
    ]
    return [
        storage.new_rating(
            point_id=point.pk,
            questionnaire_id=point.questionnaire_id,
            client_id=f"compare-{number:03d}",
            source="web",
            submitted_at=at(day, 8 + number),
            levels={codes[code]: level for code, level in answers.items()},
            overall_level=answers["overall"],
            dossier_code=dossier_code,
            reasons=reasons,
            comment=comment,
            client_hash=f"hash-{number % 3}",
            entered_by_id=entered_by_id,
        )
        for number, (day, answers, reasons, comment, dossier_code) in enumerate(plans, start=1)
    ]


def stored(point) -> dict[str, list]:
    """What a point holds, without ids and the point itself, in a stable order."""
    responses = Response.objects.filter(collection_point=point)
    return {
        "responses": sorted(
            (
                tuple(row[column] for column in COMPARED_COLUMNS)
                for row in responses.values(*COMPARED_COLUMNS)
            ),
            key=str,
        ),
        "answers": sorted(
            Answer.objects.filter(response__collection_point=point).values_list(
                "response__client_id", "question_id", "level"
            )
        ),
        "daily counts": sorted(
            DailyCount.objects.filter(collection_point=point).values_list(
                "day", "question_id", "level", "count"
            )
        ),
        "monthly counts": sorted(
            MonthlyCount.objects.filter(collection_point=point).values_list(
                "month", "question_id", "level", "count"
            )
        ),
        "daily totals": sorted(
            DailyTotal.objects.filter(collection_point=point).values_list("day", "responses")
        ),
        "monthly totals": sorted(
            MonthlyTotal.objects.filter(collection_point=point).values_list("month", "responses")
        ),
    }


def test_portable_path_stores_every_response_answer_and_aggregate(point_a):
    storage.store_ratings(ratings_for(point_a))
    result = stored(point_a)
    assert len(result["responses"]) == 9
    assert len(result["answers"]) == 16  # 1+3+2+2+1+4+1+1+1
    assert result["daily totals"] == [
        (date(2021, 3, 30), 1),
        (date(2021, 3, 31), 2),
        (date(2021, 4, 1), 3),
        (date(2021, 4, 15), 1),
        (date(2021, 5, 1), 2),
    ]
    assert result["monthly totals"] == [(date(2021, 3, 1), 3), (date(2021, 4, 1), 4), (date(2021, 5, 1), 2)]
    overall = caches.question_specs(point_a.questionnaire)[0].id
    assert (date(2021, 5, 1), overall, 4, 2) in result["daily counts"]
    assert (date(2021, 4, 1), overall, 5, 2) in result["monthly counts"]
    first = Response.objects.get(collection_point=point_a, client_id="compare-002")
    assert (first.day, first.reasons, first.comment, first.dossier_code) == (
        date(2021, 3, 31),
        [],
        "Tốt",
        "H01.1-210331-0001",
    )


def test_one_by_one_and_all_at_once_store_the_same_rows(point_a, point_a2):
    for rating in ratings_for(point_a):
        storage.store_rating(rating)
    storage.store_ratings(ratings_for(point_a2))
    assert stored(point_a) == stored(point_a2)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_postgresql_copy_stores_what_the_portable_path_stores(world, point_a, point_a2):
    officer = world.user("officer_a").pk
    storage.store_ratings(ratings_for(point_a, officer))
    storage.copy_ratings(ratings_for(point_a2, officer))
    portable, copied = stored(point_a), stored(point_a2)
    assert len(portable["responses"]) == 9
    assert portable == copied


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the single statement is PostgreSQL's")
def test_postgresql_single_statement_stores_what_the_portable_path_stores(point_a, point_a2):
    for rating in ratings_for(point_a):
        storage.write_rating_single_statement(rating)
    for rating in ratings_for(point_a2):
        storage.store_ratings([rating])
    assert stored(point_a) == stored(point_a2)
