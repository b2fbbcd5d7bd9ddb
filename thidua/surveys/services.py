"""Every change to questionnaires, collection points and ratings goes through these functions.

A citizen's rating is the hot path (``rating_record``): one transaction writes the response row, its answers
(one bulk insert) and the daily and monthly aggregate counters (one upsert each, ``count = count + excluded``),
so the aggregates never drift from the raw answers. The rating row is its own record: no audit entry per rating.
Staff actions (collection points, imports, questionnaire versions, paper entry) write an audit entry.
"""

import hashlib
import json
import time
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record
from thidua.core.text import clean_text
from thidua.organizations.models import Unit
from thidua.surveys.models import (
    Answer,
    CollectionPoint,
    DailyCount,
    DailyTotal,
    ImportBatch,
    IndexRule,
    MonthlyCount,
    MonthlyTotal,
    Question,
    Questionnaire,
    Response,
    TransactionVolume,
)
from thidua.surveys.ratings import QuestionSpec, RatingInput, clean_rating, valid_client_id

_SPEC_CACHE: dict[tuple[int, Any], list[QuestionSpec]] = {}


def question_specs(questionnaire: Questionnaire) -> list[QuestionSpec]:
    """The questions of a version. Versions never change once created, so they are cached per process."""
    key = (questionnaire.pk, questionnaire.created_at)
    specs = _SPEC_CACHE.get(key)
    if specs is None:
        specs = [
            QuestionSpec(q.pk, q.code, q.element, q.is_overall, q.required, q.text)
            for q in Question.objects.filter(questionnaire_id=questionnaire.pk).order_by("position")
        ]
        if len(_SPEC_CACHE) > 200:
            _SPEC_CACHE.clear()
        _SPEC_CACHE[key] = specs
    return specs


_POINT_CACHE: dict[str, tuple[float, CollectionPoint | None]] = {}
POINT_CACHE_SECONDS = 10.0


def point_for_token(token: str, *, active_only: bool = True) -> CollectionPoint | None:
    """The collection point behind a QR token, with its unit and questionnaire.

    Kept for a few seconds per process: the rating path is hot and points rarely change. A change made through
    the services below clears this process's copy; other processes see it within ``POINT_CACHE_SECONDS``.
    """
    now = time.monotonic()
    cached = _POINT_CACHE.get(token)
    if cached is None or cached[0] < now:
        point = (
            CollectionPoint.objects.select_related("unit", "questionnaire")
            .filter(token=token)
            .order_by()
            .first()
        )
        if len(_POINT_CACHE) > 5000:
            _POINT_CACHE.clear()
        _POINT_CACHE[token] = cached = (now + POINT_CACHE_SECONDS, point)
    point = cached[1]
    if point is None or (active_only and not point.is_active):
        return None
    return point


def forget_points() -> None:
    _POINT_CACHE.clear()


def client_hash(address: str) -> str:
    """A salted hash of the client address: enough to throttle, never the address itself."""
    salt = settings.SURVEY_CLIENT_SALT
    return hashlib.sha256(f"{salt}:{address}".encode()).hexdigest()[:32]


def _upsert_counts(table: str, period_column: str, rows: list[tuple]) -> None:
    """Add counts: rows of (point_id, period, question_id, level, count), sorted to take locks in one order."""
    if not rows:
        return
    rows = sorted(rows)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 400):
            chunk = rows[start : start + 400]
            values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(chunk))
            params = [value for row in chunk for value in row]
            cursor.execute(
                f"INSERT INTO {quote(table)} (collection_point_id, {period_column}, question_id, level, "  # noqa: S608
                f"{quote('count')}) VALUES {values} "
                f"ON CONFLICT (collection_point_id, {period_column}, question_id, level) "
                f"DO UPDATE SET {quote('count')} = {quote(table)}.{quote('count')} + excluded.{quote('count')}",
                params,
            )


def _upsert_totals(table: str, period_column: str, rows: list[tuple]) -> None:
    """Add responses: rows of (point_id, period, responses)."""
    if not rows:
        return
    rows = sorted(rows)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 600):
            chunk = rows[start : start + 600]
            values = ", ".join(["(%s, %s, %s)"] * len(chunk))
            params = [value for row in chunk for value in row]
            cursor.execute(
                f"INSERT INTO {quote(table)} (collection_point_id, {period_column}, responses) "  # noqa: S608
                f"VALUES {values} ON CONFLICT (collection_point_id, {period_column}) "
                f"DO UPDATE SET responses = {quote(table)}.responses + excluded.responses",
                params,
            )


def add_to_aggregates(
    answers: Iterable[tuple[int, date, int, int]], responses: Iterable[tuple[int, date]]
) -> None:
    """Count answers (point_id, day, question_id, level) and responses (point_id, day) into the aggregates."""
    daily = Counter(answers)
    monthly: Counter = Counter()
    for (point_id, day, question_id, level), count in daily.items():
        monthly[(point_id, day.replace(day=1), question_id, level)] += count
    day_totals = responses if isinstance(responses, Counter) else Counter(responses)
    month_totals: Counter = Counter()
    for (point_id, day), count in day_totals.items():
        month_totals[(point_id, day.replace(day=1))] += count
    _upsert_counts(DailyCount._meta.db_table, "day", [(*key, n) for key, n in daily.items()])
    _upsert_counts(MonthlyCount._meta.db_table, "month", [(*key, n) for key, n in monthly.items()])
    _upsert_totals(DailyTotal._meta.db_table, "day", [(*key, n) for key, n in day_totals.items()])
    _upsert_totals(MonthlyTotal._meta.db_table, "month", [(*key, n) for key, n in month_totals.items()])


_RESPONSE_COLUMNS = (
    "collection_point_id",
    "questionnaire_id",
    "client_id",
    "source",
    "submitted_at",
    "day",
    "overall_level",
    "dossier_code",
    "reasons",
    "comment",
    "client_hash",
    "entered_by_id",
    "is_demo",
)


def _insert_response(values: dict[str, Any]) -> int:
    """One INSERT … RETURNING id: the rating path is hot, and the ORM spends longer compiling than the
    database spends writing. Values go through each field's own conversion, so both backends store them as
    the ORM would."""
    params = []
    for column in _RESPONSE_COLUMNS:
        field = Response._meta.get_field(
            column.removesuffix("_id") if column.endswith("_id") and column != "client_id" else column
        )
        params.append(field.get_db_prep_save(values[column], connection))
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(Response._meta.db_table)} ({', '.join(quote(c) for c in _RESPONSE_COLUMNS)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(params))}) RETURNING id",
            params,
        )
        return cursor.fetchone()[0]


def _insert_answers(response_id: int, levels: dict[int, int]) -> None:
    if not levels:
        return
    quote = connection.ops.quote_name
    rows = sorted(levels.items())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(Answer._meta.db_table)} (response_id, question_id, level) VALUES "  # noqa: S608
            + ", ".join(["(%s, %s, %s)"] * len(rows)),
            [value for question_id, level in rows for value in (response_id, question_id, level)],
        )


def _write_rating_postgresql(values: dict[str, Any], levels: dict[int, int], point_id: int, day: date) -> int:
    """The same six writes as the portable path, in one statement (data-modifying CTEs): one round trip."""
    quote = connection.ops.quote_name
    params: list[Any] = []
    for column in _RESPONSE_COLUMNS:
        field = Response._meta.get_field(
            column.removesuffix("_id") if column.endswith("_id") and column != "client_id" else column
        )
        params.append(field.get_db_prep_save(values[column], connection))
    rows = sorted(levels.items())
    level_values = ", ".join(["(%s::bigint, %s::smallint)"] * len(rows))
    params += [value for row in rows for value in row]
    month = day.replace(day=1)
    params += [point_id, day, point_id, month, point_id, day, point_id, month]
    table = {
        model: quote(model._meta.db_table)
        for model in (Response, Answer, DailyCount, MonthlyCount, DailyTotal, MonthlyTotal)
    }
    count = quote("count")
    sql = (
        f"WITH r AS (INSERT INTO {table[Response]} ({', '.join(quote(c) for c in _RESPONSE_COLUMNS)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(_RESPONSE_COLUMNS))}) RETURNING id), "
        f"v(question_id, level) AS (VALUES {level_values}), "
        f"a AS (INSERT INTO {table[Answer]} (response_id, question_id, level) SELECT r.id, v.question_id, v.level FROM r, v), "
        f"p AS (SELECT %s::bigint AS point, %s::date AS day, %s::bigint AS mpoint, %s::date AS month), "
        f"d AS (INSERT INTO {table[DailyCount]} (collection_point_id, day, question_id, level, {count}) "
        f"SELECT p.point, p.day, v.question_id, v.level, 1 FROM p, v, r ORDER BY v.question_id "
        f"ON CONFLICT (collection_point_id, day, question_id, level) DO UPDATE SET {count} = {table[DailyCount]}.{count} + 1), "
        f"m AS (INSERT INTO {table[MonthlyCount]} (collection_point_id, month, question_id, level, {count}) "
        f"SELECT p.mpoint, p.month, v.question_id, v.level, 1 FROM p, v, r ORDER BY v.question_id "
        f"ON CONFLICT (collection_point_id, month, question_id, level) DO UPDATE SET {count} = {table[MonthlyCount]}.{count} + 1), "
        f"dt AS (INSERT INTO {table[DailyTotal]} (collection_point_id, day, responses) SELECT %s, %s, 1 FROM r "
        f"ON CONFLICT (collection_point_id, day) DO UPDATE SET responses = {table[DailyTotal]}.responses + 1), "
        f"mt AS (INSERT INTO {table[MonthlyTotal]} (collection_point_id, month, responses) SELECT %s, %s, 1 FROM r "
        f"ON CONFLICT (collection_point_id, month) DO UPDATE SET responses = {table[MonthlyTotal]}.responses + 1) "
        f"SELECT id FROM r"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def _write_rating(
    *,
    point: CollectionPoint,
    questionnaire: Questionnaire,
    client_id: str,
    source: str,
    rating: RatingInput,
    submitted_at: datetime,
    client_address_hash: str,
    entered_by: Any,
) -> Response:
    day = timezone.localtime(submitted_at).date()
    values = {
        "collection_point_id": point.pk,
        "questionnaire_id": questionnaire.pk,
        "client_id": client_id,
        "source": source,
        "submitted_at": submitted_at,
        "day": day,
        "overall_level": rating.overall_level,
        "dossier_code": rating.dossier_code,
        "reasons": rating.reasons,
        "comment": rating.comment,
        "client_hash": client_address_hash,
        "entered_by_id": entered_by.pk if getattr(entered_by, "is_authenticated", False) else None,
        "is_demo": False,
    }
    if connection.vendor == "postgresql" and rating.levels:
        response_id = _write_rating_postgresql(values, rating.levels, point.pk, day)
    else:
        response_id = _insert_response(values)
        _insert_answers(response_id, rating.levels)
        add_to_aggregates(
            [(point.pk, day, question_id, level) for question_id, level in rating.levels.items()],
            [(point.pk, day)],
        )
    response = Response(id=response_id, **values)
    response.collection_point = point
    response.questionnaire = questionnaire
    return response


def rating_record(
    *,
    point: CollectionPoint,
    client_id: str,
    source: str,
    answers: dict,
    dossier_code: Any = None,
    reasons: Any = None,
    comment: Any = None,
    submitted_at: datetime | None = None,
    client_address_hash: str = "",
    entered_by: Any = None,
) -> tuple[Response, bool]:
    """Store one rating once. Returns (response, created); a resend with the same client id returns the first.

    Raises ValidationError (messages by field) and writes nothing when the rating is not valid.
    """
    if not point.is_active:
        raise ValidationError({"collection_point": _("This collection point no longer accepts ratings.")})
    if not valid_client_id(client_id):
        raise ValidationError({"client_id": _("The form identifier is missing or not valid.")})
    questionnaire = point.questionnaire
    rating, errors = clean_rating(
        questions=question_specs(questionnaire),
        answers=answers,
        dossier_code=dossier_code,
        reasons=reasons,
        comment=comment,
        allowed_reasons=questionnaire.reasons,
    )
    if errors:
        raise ValidationError(errors)
    submitted_at = submitted_at or timezone.now()
    try:
        with transaction.atomic():
            response = _write_rating(
                point=point,
                questionnaire=questionnaire,
                client_id=client_id,
                source=source,
                rating=rating,
                submitted_at=submitted_at,
                client_address_hash=client_address_hash,
                entered_by=entered_by,
            )
    except IntegrityError:
        # The same form sent twice (a double tap, a retry after a lost answer, or two racing requests): the
        # unique (collection point, client id) constraint kept one; answer with that one.
        existing = (
            Response.objects.select_related("questionnaire")
            .filter(collection_point=point, client_id=client_id)
            .first()
        )
        if existing is None:
            raise
        existing.collection_point = point
        return existing, False
    response.levels = rating.levels  # what was stored, for callers that echo it back
    return response, True


@transaction.atomic
def paper_rating_enter(
    *, actor: Any, point: CollectionPoint, client_id: str, day: date, **fields: Any
) -> Response:
    """A paper form typed in by staff; dated on the day written on the form."""
    submitted_at = timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=12)))
    response, created = rating_record(
        point=point,
        client_id=client_id,
        source="paper",
        submitted_at=submitted_at,
        entered_by=actor,
        **fields,
    )
    if created:
        audit_record(
            actor=actor,
            action="rating.paper_entered",
            target=point,
            unit=point.unit,
            data={"response": response.pk, "day": day.isoformat()},
        )
    return response


@transaction.atomic
def collection_point_create(
    *, actor: Any, unit: Unit, name: str, questionnaire: Questionnaire | None = None, is_demo: bool = False
) -> CollectionPoint:
    name = clean_text(name)
    if not name:
        raise ValidationError({"name": _("Give the desk a name.")})
    if len(name) > 200:
        raise ValidationError({"name": _("The name is too long.")})
    if CollectionPoint.objects.filter(unit=unit, name=name).exists():
        raise ValidationError({"name": _("This unit already has a collection point with this name.")})
    if questionnaire is None:
        questionnaire = Questionnaire.objects.get(code="desk", is_current=True)
    if not questionnaire.is_current:
        raise ValidationError({"questionnaire": _("Choose the current version of a questionnaire.")})
    point = CollectionPoint.objects.create(unit=unit, name=name, questionnaire=questionnaire, is_demo=is_demo)
    audit_record(
        actor=actor,
        action="collection_point.created",
        target=point,
        unit=unit,
        data={"name": name, "questionnaire": questionnaire.code, "version": questionnaire.version},
    )
    return point


@transaction.atomic
def collection_point_set_active(*, actor: Any, point: CollectionPoint, active: bool) -> CollectionPoint:
    point = CollectionPoint.objects.select_for_update().get(pk=point.pk)
    if point.is_active == active:
        raise ValidationError(_("Nothing to change."))
    point.is_active = active
    point.save(update_fields=["is_active"])
    forget_points()
    transaction.on_commit(forget_points)
    audit_record(
        actor=actor,
        action="collection_point.activated" if active else "collection_point.deactivated",
        target=point,
        unit=point.unit,
    )
    return point


@transaction.atomic
def questionnaire_revise(
    *,
    actor: Any,
    questionnaire: Questionnaire,
    title: str | None = None,
    index_rule: str | None = None,
    reasons: list[str] | None = None,
    questions: list[dict] | None = None,
) -> Questionnaire:
    """Change a questionnaire. Answered versions are never edited: the change becomes a new version that the
    collection points move to, and existing answers keep the version they were given on."""
    current = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if not current.is_current:
        raise ValidationError(_("Only the current version can be changed."))
    if index_rule is not None and index_rule not in IndexRule.values:
        raise ValidationError({"index_rule": _("Choose an index rule.")})
    old_questions = list(current.questions.order_by("position"))
    if questions is None:
        questions = [
            {
                "code": q.code,
                "element": q.element,
                "text": q.text,
                "is_overall": q.is_overall,
                "required": q.required,
            }
            for q in old_questions
        ]
    codes = [row["code"] for row in questions]
    if not questions or len(set(codes)) != len(codes):
        raise ValidationError({"questions": _("Each question needs its own code.")})
    element_codes = {code for code, _label in current.elements}
    if any(row.get("element") and row["element"] not in element_codes for row in questions):
        raise ValidationError(
            {"questions": _("A question names an element that is not on the questionnaire.")}
        )
    has_answers = Response.objects.filter(questionnaire=current).exists()
    changes = {
        "title": clean_text(title) if title is not None else current.title,
        "index_rule": index_rule or current.index_rule,
        "reasons": [clean_text(reason) for reason in reasons] if reasons is not None else current.reasons,
    }
    if has_answers:
        Questionnaire.objects.filter(pk=current.pk).update(is_current=False)
        target = Questionnaire.objects.create(
            code=current.code,
            version=current.version + 1,
            kind=current.kind,
            elements=current.elements,
            low_score_max=current.low_score_max,
            is_current=True,
            **changes,
        )
        CollectionPoint.objects.filter(questionnaire=current).update(questionnaire=target)
    else:
        # Unanswered: nothing refers to the old questions, so a fresh set replaces them in place.
        for attribute, value in changes.items():
            setattr(current, attribute, value)
        current.save(update_fields=list(changes))
        current.questions.all().delete()
        target = current
    Question.objects.bulk_create(
        [
            Question(
                questionnaire=target,
                position=position,
                code=row["code"],
                element=row.get("element", ""),
                text=clean_text(row["text"]),
                is_overall=bool(row.get("is_overall")),
                required=bool(row.get("required")),
            )
            for position, row in enumerate(questions, start=1)
        ]
    )
    _SPEC_CACHE.clear()
    forget_points()
    transaction.on_commit(forget_points)
    audit_record(
        actor=actor,
        action="questionnaire.revised",
        target=target,
        data={"code": target.code, "version": target.version, "new_version": has_answers, **changes},
    )
    return target


@transaction.atomic
def transaction_volume_set(*, actor: Any, unit: Unit, year: int, transactions: int) -> TransactionVolume:
    if transactions < 0:
        raise ValidationError({"transactions": _("Enter a number of zero or more.")})
    volume, _created = TransactionVolume.objects.update_or_create(
        unit=unit, year=year, defaults={"transactions": transactions}
    )
    audit_record(
        actor=actor,
        action="transaction_volume.set",
        target=volume,
        unit=unit,
        data={"year": year, "transactions": transactions},
    )
    return volume


def _copy_rows_postgresql(
    point, questionnaire, batch, entered_by_id, rows, noon, answer_keys, progress
) -> None:
    """PostgreSQL: ids reserved from the sequence, then COPY for responses and answers (many times faster
    than multi-row INSERTs, whose parameters the driver binds one by one)."""
    table = Response._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, len(rows)]
        )
        ids = [row[0] for row in cursor.fetchall()]
        raw = cursor.cursor
        columns = ", ".join(["id", *_RESPONSE_COLUMNS, "import_batch_id"])
        with raw.copy(f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN") as copy:  # noqa: S608
            for number, ((day, rating), response_id) in enumerate(zip(rows, ids, strict=True), start=1):
                copy.write_row(
                    (
                        response_id,
                        point.pk,
                        questionnaire.pk,
                        f"paper:{batch.pk}:{number}",
                        "paper",
                        timezone.make_aware(datetime.combine(day, noon)),
                        day,
                        rating.overall_level,
                        rating.dossier_code,
                        json.dumps(rating.reasons, ensure_ascii=False),
                        rating.comment,
                        "",
                        entered_by_id,
                        False,
                        batch.pk,
                    )
                )
                if progress is not None and number % 10000 == 0:
                    progress(number, len(rows))
        with raw.copy(
            f"COPY {connection.ops.quote_name(Answer._meta.db_table)} (response_id, question_id, level) FROM STDIN"
        ) as copy:
            for (day, rating), response_id in zip(rows, ids, strict=True):
                for question_id, level in rating.levels.items():
                    copy.write_row((response_id, question_id, level))
                    answer_keys[(point.pk, day, question_id, level)] += 1
    if progress is not None:
        progress(len(rows), len(rows))


@transaction.atomic
def ratings_import(
    *,
    actor: Any,
    point: CollectionPoint,
    rows: list[tuple[date, RatingInput]],
    filename: str,
    sha256: str,
    progress=None,
) -> ImportBatch:
    """Store validated paper rows all at once: a failure anywhere leaves nothing behind."""
    batch = ImportBatch.objects.create(
        collection_point=point,
        filename=filename[:255],
        rows=len(rows),
        sha256=sha256,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    questionnaire = point.questionnaire
    entered_by_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    quote = connection.ops.quote_name
    columns = [*_RESPONSE_COLUMNS, "import_batch_id"]
    fields = {
        column: Response._meta.get_field(
            column.removesuffix("_id") if column.endswith("_id") and column != "client_id" else column
        )
        for column in columns
    }
    prepared: dict[tuple, Any] = {}

    def prep(column: str, value: Any) -> Any:
        # Conversions repeat (a few hundred days, a handful of reason sets): convert each distinct value once.
        key = (column, tuple(value) if isinstance(value, list) else value)
        if key not in prepared:
            prepared[key] = fields[column].get_db_prep_save(value, connection)
        return prepared[key]

    noon = datetime.min.time().replace(hour=12)
    answer_keys: Counter = Counter()
    if connection.vendor == "postgresql":
        _copy_rows_postgresql(point, questionnaire, batch, entered_by_id, rows, noon, answer_keys, progress)
    else:
        chunk_size = 2000  # 14 values a row: within SQLite's limit on parameters per statement
        with connection.cursor() as cursor:
            for start in range(0, len(rows), chunk_size):
                chunk = rows[start : start + chunk_size]
                params: list[Any] = []
                for offset, (day, rating) in enumerate(chunk):
                    params += [
                        point.pk,
                        questionnaire.pk,
                        f"paper:{batch.pk}:{start + offset + 1}",
                        "paper",
                        prep("submitted_at", timezone.make_aware(datetime.combine(day, noon))),
                        prep("day", day),
                        rating.overall_level,
                        rating.dossier_code,
                        prep("reasons", rating.reasons),
                        rating.comment,
                        "",
                        entered_by_id,
                        prep("is_demo", False),
                        batch.pk,
                    ]
                row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
                cursor.execute(
                    f"INSERT INTO {quote(Response._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
                    f"VALUES {', '.join([row_sql] * len(chunk))} RETURNING id, client_id",
                    params,
                )
                ids = {client_id: pk for pk, client_id in cursor.fetchall()}
                answer_params: list[Any] = []
                for offset, (day, rating) in enumerate(chunk):
                    response_id = ids[f"paper:{batch.pk}:{start + offset + 1}"]
                    for question_id, level in rating.levels.items():
                        answer_params += [response_id, question_id, level]
                        answer_keys[(point.pk, day, question_id, level)] += 1
                if answer_params:
                    cursor.execute(
                        f"INSERT INTO {quote(Answer._meta.db_table)} (response_id, question_id, level) VALUES "  # noqa: S608
                        + ", ".join(["(%s, %s, %s)"] * (len(answer_params) // 3)),
                        answer_params,
                    )
                if progress is not None:
                    progress(min(start + chunk_size, len(rows)), len(rows))
    add_to_aggregates(answer_keys, Counter((point.pk, day) for day, _rating in rows))
    audit_record(
        actor=actor,
        action="rating.imported",
        target=batch,
        unit=point.unit,
        data={"collection_point": point.pk, "rows": len(rows), "file": filename[:255], "sha256": sha256},
    )
    return batch
