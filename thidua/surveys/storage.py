"""Rating storage: the one module that writes responses, their answers and the aggregate counters.

Everything is written in the caller's transaction, so the aggregates never drift from the raw answers:

- ``store_ratings`` (every backend): one multi-row ``INSERT … RETURNING`` for the responses, one for the
  answers, then ``add_to_aggregates`` (six upserts, ``count = count + excluded.count``: the point's daily and
  monthly counts and totals, and the unit's monthly counts and totals). Used for a single rating and for a
  paper-form import alike.
- ``write_rating_single_statement`` (PostgreSQL, one rating; ``store_rating`` picks it): the same eight writes as
  one statement of data-modifying CTEs, one round trip. Kept because a side-by-side run showed a gain
  (docs/benchmarks.md §1b).
- ``copy_ratings`` (PostgreSQL, imports): ids reserved from the sequence, then ``COPY`` for responses and
  answers — many times faster than multi-row INSERTs, whose parameters the driver binds one by one.

The SQL is written by hand because the rating path is hot and the ORM spends longer compiling than the database
spends writing. ``RESPONSE_COLUMNS`` is the one column map: every path takes its columns, and every value goes
through its model field's own conversion, so each path stores exactly what the ORM would.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import Field
from django.utils import timezone

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

# The response columns every write path stores, in order: database column → model field.
RESPONSE_COLUMNS: dict[str, Field] = {
    field.column: field
    for field in (
        Response._meta.get_field(name)
        for name in (
            "collection_point",
            "questionnaire",
            "client_id",
            "source",
            "submitted_at",
            "day",
            "overall_level",
            "dossier_code",
            "reasons",
            "comment",
            "client_hash",
            "entered_by",
            "is_demo",
            "import_batch",
        )
    )
}
# SQLite allows 32,766 parameters per statement; PostgreSQL 65,535.
MAX_PARAMETERS = 30000

Progress = Callable[[int, int], None] | None


@dataclass
class NewRating:
    """One rating to store: the response's values by column (``RESPONSE_COLUMNS``) and its answers."""

    values: dict[str, Any]
    levels: dict[int, int] = field(default_factory=dict)  # question id → level

    @property
    def point_id(self) -> int:
        return self.values["collection_point_id"]

    @property
    def day(self) -> date:
        return self.values["day"]


def new_rating(
    *,
    point_id: int,
    questionnaire_id: int,
    client_id: str,
    source: str,
    submitted_at: datetime,
    levels: dict[int, int],
    overall_level: int | None = None,
    dossier_code: str = "",
    reasons: Sequence[str] = (),
    comment: str = "",
    client_hash: str = "",
    entered_by_id: int | None = None,
    import_batch_id: int | None = None,
    is_demo: bool = False,
) -> NewRating:
    """A rating's row; its day is the local date of ``submitted_at``."""
    values = {
        "collection_point_id": point_id,
        "questionnaire_id": questionnaire_id,
        "client_id": client_id,
        "source": source,
        "submitted_at": submitted_at,
        "day": timezone.localtime(submitted_at).date(),
        "overall_level": overall_level,
        "dossier_code": dossier_code,
        "reasons": list(reasons),
        "comment": comment,
        "client_hash": client_hash,
        "entered_by_id": entered_by_id,
        "is_demo": is_demo,
        "import_batch_id": import_batch_id,
    }
    assert values.keys() == RESPONSE_COLUMNS.keys()  # noqa: S101 (the one column map and this row agree)
    return NewRating(values=values, levels=dict(levels))


class _Converter:
    """Each field's conversion to a database value; repeated values (days, reason sets) are converted once."""

    def __init__(self) -> None:
        self._cache: dict[tuple, Any] = {}

    def row(self, rating: NewRating) -> list[Any]:
        result = []
        for column, model_field in RESPONSE_COLUMNS.items():
            value = rating.values[column]
            key = (column, tuple(value) if isinstance(value, list) else value)
            if key not in self._cache:
                if len(self._cache) > 10000:
                    self._cache.clear()
                self._cache[key] = model_field.get_db_prep_save(value, connection)
            result.append(self._cache[key])
        return result


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(connection.ops.quote_name(name) for name in names)


def store_ratings(ratings: Sequence[NewRating], progress: Progress = None) -> list[int]:
    """Write responses, answers and aggregates with portable SQL; returns the response ids in order."""
    converter = _Converter()
    table = connection.ops.quote_name(Response._meta.db_table)
    columns = _quoted(RESPONSE_COLUMNS)
    row_sql = "(" + ", ".join(["%s"] * len(RESPONSE_COLUMNS)) + ")"
    chunk_size = MAX_PARAMETERS // len(RESPONSE_COLUMNS)
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(ratings), chunk_size):
            chunk = ratings[start : start + chunk_size]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([row_sql] * len(chunk))} "  # noqa: S608
                "RETURNING id, client_id",
                [value for rating in chunk for value in converter.row(rating)],
            )
            # A multi-row RETURNING need not keep the VALUES order: match rows by their (unique) client id.
            by_client = {client_id: pk for pk, client_id in cursor.fetchall()}
            ids += [by_client[rating.values["client_id"]] for rating in chunk]
            if progress is not None:
                progress(min(start + chunk_size, len(ratings)), len(ratings))
    _insert_answers(
        [
            (response_id, question_id, level)
            for rating, response_id in zip(ratings, ids, strict=True)
            for question_id, level in sorted(rating.levels.items())
        ]
    )
    _add_ratings_to_aggregates(ratings)
    return ids


def copy_ratings(ratings: Sequence[NewRating], progress: Progress = None) -> list[int]:
    """PostgreSQL only: the same rows as ``store_ratings``, written with COPY."""
    converter = _Converter()
    table = Response._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(ratings)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        raw = cursor.cursor
        columns = _quoted(["id", *RESPONSE_COLUMNS])
        with raw.copy(f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN") as copy:  # noqa: S608
            for number, (rating, response_id) in enumerate(zip(ratings, ids, strict=True), start=1):
                copy.write_row([response_id, *converter.row(rating)])
                if progress is not None and number % 10000 == 0:
                    progress(number, len(ratings))
        answers = connection.ops.quote_name(Answer._meta.db_table)
        with raw.copy(f"COPY {answers} (response_id, question_id, level) FROM STDIN") as copy:  # noqa: S608
            for rating, response_id in zip(ratings, ids, strict=True):
                for question_id, level in sorted(rating.levels.items()):
                    copy.write_row((response_id, question_id, level))
    if progress is not None:
        progress(len(ratings), len(ratings))
    _add_ratings_to_aggregates(ratings)
    return ids


def import_ratings(ratings: Sequence[NewRating], progress: Progress = None) -> list[int]:
    """Many ratings at once (paper-form imports): COPY on PostgreSQL, portable SQL elsewhere."""
    if connection.vendor == "postgresql":
        return copy_ratings(ratings, progress)
    return store_ratings(ratings, progress)


def _insert_answers(rows: list[tuple[int, int, int]]) -> None:
    quote = connection.ops.quote_name
    chunk_size = MAX_PARAMETERS // 3
    with connection.cursor() as cursor:
        for start in range(0, len(rows), chunk_size):
            chunk = rows[start : start + chunk_size]
            cursor.execute(
                f"INSERT INTO {quote(Answer._meta.db_table)} (response_id, question_id, level) VALUES "  # noqa: S608
                + ", ".join(["(%s, %s, %s)"] * len(chunk)),
                [value for row in chunk for value in row],
            )


def _add_ratings_to_aggregates(ratings: Sequence[NewRating]) -> None:
    add_to_aggregates(
        (
            (rating.point_id, rating.day, question_id, level)
            for rating in ratings
            for question_id, level in rating.levels.items()
        ),
        ((rating.point_id, rating.day) for rating in ratings),
    )


def add_to_aggregates(
    answers: Iterable[tuple[int, date, int, int]], responses: Iterable[tuple[int, date]]
) -> None:
    """Count answers (point_id, day, question_id, level) and responses (point_id, day) into the aggregates.

    A ``Counter`` of such keys counts each key that many times (the aggregate rebuild passes one)."""
    daily = answers if isinstance(answers, Counter) else Counter(answers)
    monthly: Counter = Counter()
    for (point_id, day, question_id, level), count in daily.items():
        monthly[(point_id, day.replace(day=1), question_id, level)] += count
    day_totals = responses if isinstance(responses, Counter) else Counter(responses)
    month_totals: Counter = Counter()
    for (point_id, day), count in day_totals.items():
        month_totals[(point_id, day.replace(day=1))] += count
    # The unit of each point (a point never changes unit): the unit rollups sum the point rollups.
    units = dict(
        CollectionPoint.objects.filter(pk__in={key[0] for key in month_totals} | {key[0] for key in monthly})
        .values_list("pk", "unit_id")
        .order_by()
    )
    unit_monthly: Counter = Counter()
    for (point_id, month, question_id, level), count in monthly.items():
        unit_monthly[(units[point_id], month, question_id, level)] += count
    unit_month_totals: Counter = Counter()
    for (point_id, month), count in month_totals.items():
        unit_month_totals[(units[point_id], month)] += count
    _upsert(DailyCount, "day", "count", [(*key, n) for key, n in daily.items()])
    _upsert(MonthlyCount, "month", "count", [(*key, n) for key, n in monthly.items()])
    _upsert(DailyTotal, "day", "responses", [(*key, n) for key, n in day_totals.items()])
    _upsert(MonthlyTotal, "month", "responses", [(*key, n) for key, n in month_totals.items()])
    _upsert(
        UnitMonthlyCount, "month", "count", [(*key, n) for key, n in unit_monthly.items()], owner="unit_id"
    )
    _upsert(
        UnitMonthlyTotal,
        "month",
        "responses",
        [(*key, n) for key, n in unit_month_totals.items()],
        owner="unit_id",
    )


def _upsert(
    model, period_column: str, amount_column: str, rows: list[tuple], owner: str = "collection_point_id"
) -> None:
    """Add amounts: rows of (point or unit id, period, [question_id, level,] amount), sorted to take locks in one
    order."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    amount = quote(amount_column)
    key = [owner, period_column, *(["question_id", "level"] if len(rows[0]) == 5 else [])]
    row_sql = "(" + ", ".join(["%s"] * (len(key) + 1)) + ")"
    rows = sorted(rows)
    chunk_size = MAX_PARAMETERS // (len(key) + 1)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), chunk_size):
            chunk = rows[start : start + chunk_size]
            cursor.execute(
                f"INSERT INTO {table} ({_quoted(key)}, {amount}) VALUES {', '.join([row_sql] * len(chunk))} "  # noqa: S608
                f"ON CONFLICT ({_quoted(key)}) DO UPDATE SET {amount} = {table}.{amount} + excluded.{amount}",
                [value for row in chunk for value in row],
            )


def store_rating(rating: NewRating) -> int:
    """One rating; returns the response id. On PostgreSQL the eight writes are one statement."""
    if connection.vendor == "postgresql" and rating.levels:
        return write_rating_single_statement(rating)
    return store_ratings([rating])[0]


def write_rating_single_statement(rating: NewRating) -> int:
    """PostgreSQL: the writes of ``store_ratings`` for one rating in one statement (data-modifying CTEs)."""
    quote = connection.ops.quote_name
    params: list[Any] = _Converter().row(rating)
    rows = sorted(rating.levels.items())
    level_values = ", ".join(["(%s::bigint, %s::smallint)"] * len(rows))
    params += [value for row in rows for value in row]
    month = rating.day.replace(day=1)
    point_id, day = rating.point_id, rating.day
    params += [point_id, day, point_id, month, point_id, day, point_id, month]
    table = {
        model: quote(model._meta.db_table)
        for model in (
            Response,
            Answer,
            DailyCount,
            MonthlyCount,
            DailyTotal,
            MonthlyTotal,
            UnitMonthlyCount,
            UnitMonthlyTotal,
            CollectionPoint,
        )
    }
    count = quote("count")
    sql = (
        f"WITH r AS (INSERT INTO {table[Response]} ({_quoted(RESPONSE_COLUMNS)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(RESPONSE_COLUMNS))}) RETURNING id), "
        f"v(question_id, level) AS (VALUES {level_values}), "
        f"a AS (INSERT INTO {table[Answer]} (response_id, question_id, level) SELECT r.id, v.question_id, v.level FROM r, v), "
        f"p AS (SELECT %s::bigint AS point, %s::date AS day, %s::bigint AS mpoint, %s::date AS month), "
        f"u AS (SELECT unit_id AS unit FROM {table[CollectionPoint]} WHERE id = (SELECT mpoint FROM p)), "
        f"d AS (INSERT INTO {table[DailyCount]} (collection_point_id, day, question_id, level, {count}) "
        f"SELECT p.point, p.day, v.question_id, v.level, 1 FROM p, v, r ORDER BY v.question_id "
        f"ON CONFLICT (collection_point_id, day, question_id, level) DO UPDATE SET {count} = {table[DailyCount]}.{count} + 1), "
        f"m AS (INSERT INTO {table[MonthlyCount]} (collection_point_id, month, question_id, level, {count}) "
        f"SELECT p.mpoint, p.month, v.question_id, v.level, 1 FROM p, v, r ORDER BY v.question_id "
        f"ON CONFLICT (collection_point_id, month, question_id, level) DO UPDATE SET {count} = {table[MonthlyCount]}.{count} + 1), "
        f"dt AS (INSERT INTO {table[DailyTotal]} (collection_point_id, day, responses) SELECT %s, %s, 1 FROM r "
        f"ON CONFLICT (collection_point_id, day) DO UPDATE SET responses = {table[DailyTotal]}.responses + 1), "
        f"mt AS (INSERT INTO {table[MonthlyTotal]} (collection_point_id, month, responses) SELECT %s, %s, 1 FROM r "
        f"ON CONFLICT (collection_point_id, month) DO UPDATE SET responses = {table[MonthlyTotal]}.responses + 1), "
        f"um AS (INSERT INTO {table[UnitMonthlyCount]} (unit_id, month, question_id, level, {count}) "
        f"SELECT u.unit, p.month, v.question_id, v.level, 1 FROM p, u, v, r ORDER BY v.question_id "
        f"ON CONFLICT (unit_id, month, question_id, level) DO UPDATE SET {count} = {table[UnitMonthlyCount]}.{count} + 1), "
        f"umt AS (INSERT INTO {table[UnitMonthlyTotal]} (unit_id, month, responses) SELECT u.unit, p.month, 1 FROM p, u, r "
        f"ON CONFLICT (unit_id, month) DO UPDATE SET responses = {table[UnitMonthlyTotal]}.responses + 1) "
        f"SELECT id FROM r"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]
