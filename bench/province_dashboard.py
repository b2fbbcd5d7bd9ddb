"""The district dashboard and the public page at province scale: 100 communes, 10,000 collection points and
10,000,000 responses on PostgreSQL. Goal (issue 12): each page answers in < 300 ms of server time, and its cost
follows units × months, not responses.

    .venv/bin/python bench/province_dashboard.py [--small] [--communes 100] [--responses 10000000]
                                                 [--repeat 10] [--raw-repeat 3] [--reuse] [--profile]

A fresh database ``bench_province`` (dropped and recreated) is migrated, then the inner process (this script with
``DATABASE_URL`` set) builds the data and measures:

- The tree: a province-level issuing unit (of the district kind; written before the province kind existed, and measured so) with 4 districts of
  25 communes each; the campaign (2022–2023) with the plan's three targets; in each commune 100 collection points,
  an approved model in three communes of four, one reviewed inspection a year.
- ``--responses`` responses (three answers each: the overall question and two items of the desk questionnaire)
  in 2022, spread over every point and day, plus a tenth as many in January–June 2023 (the months of the
  scaling check). Rows are generated INSIDE PostgreSQL with ``INSERT … SELECT … generate_series`` into the
  product's own tables, in batches of 1,000,000 responses. For the load, the secondary indexes, unique and
  foreign-key constraints of the four raw/daily tables are dropped and recreated afterwards from their own
  definitions (``pg_get_indexdef`` / ``pg_get_constraintdef``); the script checks the tables end with exactly the
  indexes and constraints the migrations made.
- The rollups (daily and monthly counts and totals) are filled the way the product's ``aggregates.rebuild()``
  does (counts of the raw answers per point, day / month, question and level), as ``INSERT … SELECT … GROUP BY``:
  ``rebuild()`` itself reads every group into Python, which 30,000,000 answers do not fit. The script then checks
  in SQL that the monthly rollups equal the counts of the raw answers (with ``--small`` also with the product's
  own ``aggregates.verify()``).
- Measured with the Django test client in this process (server time: middleware, view, queries, rendering; no
  network): the standing office's start page (``/``), the dashboard JSON (``/dashboard/district.json``) that
  the page's dashboard block is filled from by JavaScript, and the anonymous public page (``/cong-khai/``) for
  the campaign and year — median of ``--repeat`` runs after a warm-up, and the query count. At two sizes of units
  (the province's standing office: 100 communes; one district's officer: 25) and of months (2022: 12 months;
  2023: 6 months of data).
- Beside them, the baseline: the same satisfaction figures (each unit's index, n and interval for the year, and
  the province's monthly index) computed from the raw answers with one SQL aggregate each, and the ratio. The
  script asserts both give the same figures.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from surveys_common import PYTHON, ROOT, manage, scratch_env  # noqa: E402

GOAL_MS = 300
NAME = "province"
PROVINCE = "b-tinh"
YEAR, HALF_YEAR = 2022, 2023
BATCH = 1_000_000
BIG_TABLES = ["surveys_response", "surveys_answer", "surveys_dailycount", "surveys_dailytotal"]


# ---- the data ---------------------------------------------------------------------------------------------------


def build_tree(communes: int, districts: int, points_per_commune: int) -> dict:
    """Units, users, campaign and targets, models, inspections and collection points (small: the ORM)."""
    from datetime import date

    from django.utils import timezone

    from thidua.campaigns import services as campaigns
    from thidua.campaigns.demo import TARGETS
    from thidua.initiatives.models import ModelStatus, ReformModel
    from thidua.inspections import checklist_data
    from thidua.inspections import services as inspections
    from thidua.inspections.models import Finding, FindingResult, Inspection, InspectionKind, InspectionStatus
    from thidua.organizations import services as org
    from thidua.organizations.models import Membership, Role, Unit, UnitKind, User
    from thidua.surveys.models import CollectionPoint, Question, Questionnaire
    from thidua.surveys.questionnaires import seed_questionnaires

    seed_questionnaires(Questionnaire, Question)
    province = org.unit_create(
        actor=None,
        code=PROVINCE,
        name="Tỉnh (bench)",
        official_name="Ủy ban nhân dân tỉnh (bench)",
        kind=UnitKind.DISTRICT,
        document_abbreviation="UBND",
    )
    district_units = [
        org.unit_create(
            actor=None,
            code=f"b-huyen-{number}",
            name=f"Huyện {number} (bench)",
            official_name=f"Ủy ban nhân dân huyện {number} (bench)",
            kind=UnitKind.DISTRICT,
            parent=province,
            document_abbreviation="UBND",
        )
        for number in range(1, districts + 1)
    ]
    Unit.objects.bulk_create(
        [
            Unit(
                code=f"b-xa-{number:03d}",
                name=f"Xã Đơn vị {number:03d}",
                official_name=f"Ủy ban nhân dân xã Đơn vị {number:03d} (bench)",
                kind=UnitKind.COMMUNE_COMMITTEE,
                parent=district_units[number % districts],
                is_confirmed=True,
                document_abbreviation="UBND",
                search_key=f"b-xa-{number:03d} xa don vi {number:03d}",
            )
            for number in range(communes)
        ]
    )
    units = list(Unit.objects.filter(kind=UnitKind.COMMUNE_COMMITTEE).order_by("code"))
    # Accounts without a password hash (the client signs in with force_login).
    office = User.objects.create(username="b-thuongtruc", full_name="Thường trực Hội đồng tỉnh (bench)")
    officer = User.objects.create(username="b-noivu-1", full_name="Cán bộ Phòng Nội vụ huyện 1 (bench)")
    Membership.objects.create(user=office, unit=province, role=Role.DISTRICT_OFFICER)
    Membership.objects.create(user=officer, unit=district_units[0], role=Role.DISTRICT_OFFICER)

    campaign = campaigns.campaign_create(
        actor=None,
        number="12/KH-UBND",
        title="Kế hoạch thi đua cải cách hành chính toàn tỉnh (bench)",
        issue_date=date(2021, 12, 1),
        issuing_unit=province,
        period_start=date(2022, 1, 1),
        period_end=date(2023, 12, 31),
        legal_bases="Kế hoạch của UBND tỉnh (bench)",
        summary="bench",
        participating_kinds=[UnitKind.COMMUNE_COMMITTEE],
    )
    for position, target in enumerate(TARGETS):
        campaigns.target_create(actor=None, campaign=campaign, position=position, **target)

    ReformModel.objects.bulk_create(
        [
            ReformModel(
                unit=unit,
                campaign=campaign,
                year=year,
                title=f"Mô hình một cửa thân thiện {index} (bench)",
                category="service_delivery",
                problem="Người dân chờ lâu tại bộ phận một cửa (bench).",
                solution="Hẹn giờ trả kết quả qua tin nhắn (bench).",
                started_on=date(year, 2, 1),
                status=ModelStatus.APPROVED,
                created_by=office,
            )
            for year in (YEAR, HALF_YEAR)
            for index, unit in enumerate(units)
            if index % 4 != 3
        ]
    )
    template = inspections.checklist_create(
        actor=None,
        code=checklist_data.CODE,
        title=checklist_data.TITLE,
        legal_bases=checklist_data.LEGAL_BASES,
        items=checklist_data.ITEMS,
    )
    items = list(template.items_for(units[0]))
    now = timezone.now()
    Inspection.objects.bulk_create(
        [
            Inspection(
                unit=unit,
                template=template,
                kind=InspectionKind.SCHEDULED,
                inspected_on=date(year, 5, 1),
                status=InspectionStatus.REVIEWED,
                created_by=office,
                submitted_by=office,
                submitted_at=now,
                reviewed_by=office,
                reviewed_at=now,
            )
            for year in (YEAR, HALF_YEAR)
            for unit in units
        ]
    )
    findings = []
    for index, inspection_id in enumerate(
        Inspection.objects.order_by("inspected_on", "unit__code").values_list("pk", flat=True)
    ):
        failed = index % 7
        for position, item in enumerate(items):
            result = FindingResult.FAIL if position < failed and item.weight == 1 else FindingResult.PASS
            findings.append(Finding(inspection_id=inspection_id, item=item, result=result, updated_by=office))
    Finding.objects.bulk_create(findings, batch_size=2000)

    desk = Questionnaire.objects.get(code="desk", is_current=True)
    CollectionPoint.objects.bulk_create(
        [
            CollectionPoint(
                unit=unit,
                name=f"Quầy {number:03d} (bench)",
                token=f"b{unit.pk:05d}q{number:03d}",
                questionnaire=desk,
            )
            for unit in units
            for number in range(points_per_commune)
        ],
        batch_size=2000,
    )
    return {
        "campaign": campaign,
        "office": office,
        "officer": officer,
        "province": province,
        "district": district_units[0],
        "desk": desk,
    }


# Point number p (0 … P-1 in id order) of unit number u (p // points per commune), the k-th response of the point
# (g = offset + k·P + p). The overall level is 5 for a share of 78–99% of a unit's responses (so some units
# meet the > 90% target and some do not), else 3 or 2; the two items spread over 1–5.
RESPONSES_SQL = """
INSERT INTO surveys_response (id, collection_point_id, questionnaire_id, client_id, source, submitted_at, day,
                              overall_level, dossier_code, reasons, comment, client_hash, is_demo)
SELECT %(base)s + g, p.id, %(desk)s, 'b' || (%(base)s + g), 'web',
       (d.day + time '08:00' + (g %% 480) * interval '1 minute') AT TIME ZONE 'Asia/Ho_Chi_Minh', d.day,
       CASE WHEN (g / %(points)s * 7919 + p.n * 13) %% 100 < 78 + (p.n / %(per_unit)s * 7) %% 22 THEN 5
            WHEN (g / %(points)s) %% 3 = 0 THEN 3 ELSE 2 END,
       '', '[]', '', '', false
FROM generate_series(%(low)s::bigint, %(high)s::bigint) g
JOIN bench_points p ON p.n = g %% %(points)s
CROSS JOIN LATERAL (SELECT %(first_day)s::date + ((g / %(points)s * 7919 + p.n) %% %(days)s)::int AS day) d
"""
ANSWERS_SQL = """
INSERT INTO surveys_answer (response_id, question_id, level)
SELECT r.id, q.id, CASE WHEN q.is_overall THEN r.overall_level ELSE 1 + (r.id * 7 + q.id) %% 5 END
FROM surveys_response r
CROSS JOIN (SELECT id, is_overall FROM surveys_question WHERE questionnaire_id = %(desk)s AND code = ANY(%(codes)s)) q
WHERE r.id BETWEEN %(base)s + %(low)s AND %(base)s + %(high)s
"""
ROLLUP_SQL = [
    # What aggregates.rebuild() computes, in the database: the raw answers counted per point, day, question, level…
    """INSERT INTO surveys_dailycount (collection_point_id, day, question_id, level, count)
       SELECT r.collection_point_id, r.day, a.question_id, a.level, count(*)
       FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id GROUP BY 1, 2, 3, 4""",
    # … and per calendar month (its first day) …
    """INSERT INTO surveys_monthlycount (collection_point_id, month, question_id, level, count)
       SELECT collection_point_id, date_trunc('month', day)::date, question_id, level, sum(count)
       FROM surveys_dailycount GROUP BY 1, 2, 3, 4""",
    # … and the responses per point and day / month.
    """INSERT INTO surveys_dailytotal (collection_point_id, day, responses)
       SELECT collection_point_id, day, count(*) FROM surveys_response GROUP BY 1, 2""",
    """INSERT INTO surveys_monthlytotal (collection_point_id, month, responses)
       SELECT collection_point_id, date_trunc('month', day)::date, sum(responses)
       FROM surveys_dailytotal GROUP BY 1, 2""",
    # The unit rollups: the point rollups summed per unit (what the surveys migration 0004 fills them with).
    """INSERT INTO surveys_unitmonthlycount (unit_id, month, question_id, level, count)
       SELECT cp.unit_id, m.month, m.question_id, m.level, sum(m.count)
       FROM surveys_monthlycount m JOIN surveys_collectionpoint cp ON cp.id = m.collection_point_id
       GROUP BY 1, 2, 3, 4""",
    """INSERT INTO surveys_unitmonthlytotal (unit_id, month, responses)
       SELECT cp.unit_id, t.month, sum(t.responses)
       FROM surveys_monthlytotal t JOIN surveys_collectionpoint cp ON cp.id = t.collection_point_id
       GROUP BY 1, 2""",
]
# The rollups against the raw answers, straight from surveys_answer / surveys_response (not via the daily table).
CHECK_SQL = [
    (
        "monthly counts",
        """SELECT count(*) FROM (
             SELECT r.collection_point_id AS p, date_trunc('month', r.day)::date AS m, a.question_id AS q,
                    a.level AS l, count(*) AS n
             FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id GROUP BY 1, 2, 3, 4) raw
           FULL JOIN surveys_monthlycount c
             ON c.collection_point_id = raw.p AND c.month = raw.m AND c.question_id = raw.q AND c.level = raw.l
           WHERE raw.n IS DISTINCT FROM c.count""",
    ),
    (
        "monthly totals",
        """SELECT count(*) FROM (
             SELECT collection_point_id AS p, date_trunc('month', day)::date AS m, count(*) AS n
             FROM surveys_response GROUP BY 1, 2) raw
           FULL JOIN surveys_monthlytotal t ON t.collection_point_id = raw.p AND t.month = raw.m
           WHERE raw.n IS DISTINCT FROM t.responses""",
    ),
    (
        "unit monthly counts",
        """SELECT count(*) FROM (
             SELECT cp.unit_id AS u, date_trunc('month', r.day)::date AS m, a.question_id AS q, a.level AS l,
                    count(*) AS n
             FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id
             JOIN surveys_collectionpoint cp ON cp.id = r.collection_point_id GROUP BY 1, 2, 3, 4) raw
           FULL JOIN surveys_unitmonthlycount c
             ON c.unit_id = raw.u AND c.month = raw.m AND c.question_id = raw.q AND c.level = raw.l
           WHERE raw.n IS DISTINCT FROM c.count""",
    ),
    (
        "unit monthly totals",
        """SELECT count(*) FROM (
             SELECT cp.unit_id AS u, date_trunc('month', r.day)::date AS m, count(*) AS n
             FROM surveys_response r JOIN surveys_collectionpoint cp ON cp.id = r.collection_point_id
             GROUP BY 1, 2) raw
           FULL JOIN surveys_unitmonthlytotal t ON t.unit_id = raw.u AND t.month = raw.m
           WHERE raw.n IS DISTINCT FROM t.responses""",
    ),
]


def _structure(cursor) -> list[tuple]:
    cursor.execute(
        "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) ORDER BY 1, 2",
        [BIG_TABLES],
    )
    indexes = cursor.fetchall()
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
        [BIG_TABLES],
    )
    return indexes + cursor.fetchall()


def drop_for_load(cursor) -> tuple[list, list]:
    """Drop the secondary indexes, unique and foreign-key constraints of the big tables; return how to remake them."""
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), conindid FROM pg_constraint "
        "WHERE conrelid = ANY(%s::regclass[]) AND contype IN ('u', 'f') ORDER BY contype DESC",
        [BIG_TABLES],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary "
        "AND i.indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE contype IN ('u', 'p'))",
        [BIG_TABLES],
    )
    indexes = cursor.fetchall()
    for table, name, _definition, _index in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {name}")
    return constraints, indexes


def restore_after_load(cursor, constraints, indexes) -> None:
    for _name, definition in indexes:
        cursor.execute(definition)
    # Unique constraints first (foreign keys were listed after them), each rebuilding its index in one pass.
    for table, name, definition, _index in sorted(constraints, key=lambda row: "FOREIGN" in row[2]):
        cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


def generate(arguments, world: dict) -> dict:
    from django.db import connection

    timings = {}
    points = arguments.communes * arguments.points_per_commune
    codes = ["overall", "access", "civil_servant"]
    with connection.cursor() as cursor:
        before = _structure(cursor)
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute("SET work_mem = '256MB'")
        cursor.execute(
            "CREATE TEMP TABLE bench_points AS SELECT (row_number() OVER (ORDER BY id) - 1)::int AS n, id "
            "FROM surveys_collectionpoint"
        )
        cursor.execute("CREATE UNIQUE INDEX ON bench_points (n)")
        cursor.execute("ANALYZE bench_points")
        began = time.perf_counter()
        constraints, indexes = drop_for_load(cursor)
        base = 0
        periods = [
            (YEAR, "2022-01-01", 365, arguments.responses),
            (HALF_YEAR, "2023-01-01", 181, arguments.responses // 10),
        ]
        for _year, first_day, days, count in periods:
            # Whole rounds of the points, so every point gets the same number of responses.
            count -= count % points
            for low in range(0, count, BATCH):
                high = min(count, low + BATCH) - 1
                values = {
                    "base": base,
                    "desk": world["desk"].pk,
                    "points": points,
                    "per_unit": arguments.points_per_commune,
                    "low": low,
                    "high": high,
                    "first_day": first_day,
                    "days": days,
                    "codes": codes,
                }
                step = time.perf_counter()
                cursor.execute(RESPONSES_SQL, values)
                cursor.execute(ANSWERS_SQL, values)
                print(
                    f"  responses {base + low + 1:>11,}–{base + high + 1:>11,} with answers: "
                    f"{time.perf_counter() - step:6.1f} s",
                    flush=True,
                )
            base += count
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('surveys_response', 'id'), (SELECT max(id) FROM surveys_response))"
        )
        timings["raw rows"] = time.perf_counter() - began
        step = time.perf_counter()
        for statement in ROLLUP_SQL:
            cursor.execute(statement)
        timings["rollups"] = time.perf_counter() - step
        step = time.perf_counter()
        restore_after_load(cursor, constraints, indexes)
        timings["indexes and constraints"] = time.perf_counter() - step
        after = _structure(cursor)
        assert before == after, "the tables do not end with the structure the migrations made"
        step = time.perf_counter()
        cursor.execute("VACUUM ANALYZE")
        timings["vacuum analyze"] = time.perf_counter() - step
        step = time.perf_counter()
        for label, statement in CHECK_SQL:
            cursor.execute(statement)
            differences = cursor.fetchone()[0]
            assert differences == 0, f"{label}: {differences} rows differ from the raw answers"
        timings["check against raw answers"] = time.perf_counter() - step
        cursor.execute("SELECT count(*) FROM surveys_response")
        responses = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM surveys_answer")
        answers = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM surveys_monthlycount")
        monthly = cursor.fetchone()[0]
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    if arguments.small:
        from thidua.surveys import aggregates

        assert all(comparison.agrees for comparison in aggregates.verify()), "aggregates.verify() disagrees"
        print("  aggregates.verify() (the product's own check, every table): agree")
    print(
        f"  {responses:,} responses, {answers:,} answers, {monthly:,} monthly count rows; database {size}"
        + "".join(f"\n  {label:28}{seconds:8.1f} s" for label, seconds in timings.items()),
        flush=True,
    )
    return {"responses": responses, "answers": answers, "seconds": sum(timings.values())}


# ---- the baseline: the same figures from the raw answers -------------------------------------------------------

RAW_BY_UNIT = """
SELECT cp.unit_id, a.question_id, a.level, count(*)
FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id
JOIN surveys_collectionpoint cp ON cp.id = r.collection_point_id
WHERE r.day BETWEEN %(start)s AND %(end)s AND cp.unit_id = ANY(%(units)s)
GROUP BY 1, 2, 3
"""
RAW_RESPONSES_BY_UNIT = """
SELECT cp.unit_id, count(*) FROM surveys_response r JOIN surveys_collectionpoint cp ON cp.id = r.collection_point_id
WHERE r.day BETWEEN %(start)s AND %(end)s AND cp.unit_id = ANY(%(units)s) GROUP BY 1
"""
RAW_BY_MONTH = RAW_BY_UNIT.replace(
    "cp.unit_id, a.question_id", "date_trunc('month', r.day)::date, a.question_id"
)
RAW_RESPONSES_BY_MONTH = RAW_RESPONSES_BY_UNIT.replace(
    "SELECT cp.unit_id", "SELECT date_trunc('month', r.day)::date"
)


def raw_figures(unit_ids: list[int], year: int) -> tuple[dict, dict]:
    """Each unit's summary for the year and the units' summary per month, from the raw answers."""
    from datetime import date

    from django.db import connection

    from thidua.surveys import selectors

    values = {"start": date(year, 1, 1), "end": date(year, 12, 31), "units": unit_ids}
    meta = selectors._question_meta()
    result = []
    with connection.cursor() as cursor:
        for answers_sql, responses_sql in (
            (RAW_BY_UNIT, RAW_RESPONSES_BY_UNIT),
            (RAW_BY_MONTH, RAW_RESPONSES_BY_MONTH),
        ):
            counts: dict = {}
            cursor.execute(answers_sql, values)
            for key, question, level, n in cursor.fetchall():
                counts.setdefault(key, selectors.Counts()).answers[question][level] += n
            cursor.execute(responses_sql, values)
            for key, n in cursor.fetchall():
                counts.setdefault(key, selectors.Counts()).responses += n
            result.append({key: selectors.summarize(value, meta) for key, value in counts.items()})
    return result[0], result[1]


def check_same_figures(data: dict, units, by_unit: dict, by_month: dict) -> None:
    """The dashboard's satisfaction charts (from the rollups) against the figures from the raw answers."""
    from thidua.campaigns.dashboard import number

    names = {unit.official_name or unit.name: unit.pk for unit in units}
    chart = next(chart for chart in data["charts"] if chart["code"] == "target-satisfaction_index")
    assert len(chart["rows"]) == len(units), (len(chart["rows"]), len(units))
    for row in chart["rows"]:
        summary = by_unit[names[row["unit"]]]
        low, high = summary.interval
        expected = (number(summary.index), summary.responses, number(low), number(high))
        assert (row["value"], row["count"], row["low"], row["high"]) == expected, (row, expected)
    monthly = next(chart for chart in data["charts"] if chart["code"] == "monthly-satisfaction_index")
    for row in monthly["rows"]:
        month, year = (int(part) for part in row["month"].split("/"))
        from datetime import date

        summary = by_month.get(date(year, month, 1))
        expected = (number(summary.index), summary.responses) if summary else (None, 0)
        assert (row["value"], row["count"]) == expected, (row, expected)


# ---- the measurement ------------------------------------------------------------------------------------------


def timed(function, repeat: int, warm_up: bool = True) -> tuple[float, float, int, object, float]:
    """Median and best wall time in ms over ``repeat`` runs (after one warm-up run, whose queries are counted),
    the last result, and the median CPU time of this process (the Python side; the database's is in the wall)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    queries, result = 0, None
    if warm_up:
        with CaptureQueriesContext(connection) as captured:
            result = function()
        queries = len(captured.captured_queries)
    times, cpu = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return statistics.median(times), min(times), queries, result, statistics.median(cpu)


def measure(arguments, world: dict) -> list[dict]:
    from django.test import Client

    from thidua.campaigns.dashboard import Filters, dashboard_units
    from thidua.organizations.access import unit_ids_for

    campaign = world["campaign"]
    rows = []
    for who, user in (("province", world["office"]), ("district", world["officer"])):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        for year in (YEAR, HALF_YEAR):
            query = f"?campaign={campaign.pk}&year={year}"
            units = dashboard_units(Filters(campaign, year), unit_ids_for(user, "dashboard.district"))

            def get(path, client=client):
                reply = client.get(path)
                assert reply.status_code == 200, (path, reply.status_code)
                return reply

            start = timed(lambda client=client, query=query, get=get: get("/" + query), arguments.repeat)
            feed = timed(
                lambda query=query, get=get: get("/dashboard/district.json" + query), arguments.repeat
            )
            raw = timed(
                lambda units=units, year=year: raw_figures([unit.pk for unit in units], year),
                arguments.raw_repeat,
                warm_up=False,
            )
            check_same_figures(feed[3].json(), units, *raw[3])
            rows.append(
                {
                    "who": who,
                    "year": year,
                    "units": len(units),
                    "months": 12 if year == YEAR else 6,
                    "start": start,
                    "feed": feed,
                    "raw": raw,
                }
            )
            print(
                f"  {who:9} {year}: {len(units):3} units × {rows[-1]['months']:2} months: start page "
                f"{start[0]:7.1f} ms, dashboard JSON {feed[0]:7.1f} ms, raw {raw[0]:9.1f} ms — same figures",
                flush=True,
            )
    anonymous = Client(HTTP_HOST="127.0.0.1")
    for year in (YEAR, HALF_YEAR):
        path = f"/cong-khai/?campaign={campaign.pk}&year={year}"

        def public_get(path=path):
            reply = anonymous.get(path)
            assert reply.status_code == 200, (path, reply.status_code)
            return reply

        public_page = timed(public_get, arguments.repeat)
        assert "Đơn vị 000" in public_page[3].content.decode()
        rows.append(
            {"who": "public", "year": year, "months": 12 if year == YEAR else 6, "public": public_page}
        )
    return rows


def report(rows: list[dict], generated: dict, arguments) -> int:
    def verdict(ms: float) -> str:
        return "met" if ms < GOAL_MS else "NOT met"

    missed = 0
    print(
        f"\nPostgreSQL: {arguments.communes} communes, {arguments.communes * arguments.points_per_commune:,} "
        f"collection points, {generated['responses']:,} responses ({generated['answers']:,} answers), "
        + (f"generated in {generated['seconds']:.0f} s. " if generated["seconds"] else "")
        + f"Medians of {arguments.repeat} after a warm-up (raw: of "
        f"{arguments.raw_repeat}); goal < {GOAL_MS} ms."
    )
    print(
        f"load average {' '.join(f'{value:.1f}' for value in os.getloadavg())} (2 cores)\n"
        f"{'who':9} {'year':4} {'units×months':>12} | {'start page, wall (CPU)':>34} | {'dashboard JSON':>34} | "
        f"{'raw answers (SQL)':>17} | {'raw / JSON':>10}"
    )
    for row in rows:
        if row["who"] == "public":
            continue
        start, feed, raw = row["start"], row["feed"], row["raw"]
        missed += start[0] >= GOAL_MS or feed[0] >= GOAL_MS
        print(
            f"{row['who']:9} {row['year']} {row['units']:>5} × {row['months']:>2}   | "
            f"{start[0]:7.1f} ms ({start[4]:5.1f} CPU) {start[2]:3} q {verdict(start[0]):>7} | "
            f"{feed[0]:7.1f} ms ({feed[4]:5.1f} CPU) {feed[2]:3} q {verdict(feed[0]):>7} | {raw[0]:12.1f} ms | "
            f"{raw[0] / feed[0]:9.1f}×"
        )
    for row in rows:
        if row["who"] != "public":
            continue
        page = row["public"]
        missed += page[0] >= GOAL_MS
        print(
            f"public page (anonymous), {row['year']}, {arguments.communes} units × {row['months']} months: "
            f"{page[0]:7.1f} ms (best {page[1]:.1f}; {page[4]:.1f} ms CPU), {page[2]} queries: {verdict(page[0])}"
        )
    return 1 if missed else 0


def inner(arguments) -> int:
    from awards_common import setup_django

    setup_django()
    if arguments.reuse:
        world, generated = existing_world(arguments)
    else:
        began = time.perf_counter()
        world = build_tree(arguments.communes, arguments.districts, arguments.points_per_commune)
        print(
            f"  tree, campaign, models, inspections and points: {time.perf_counter() - began:.1f} s",
            flush=True,
        )
        generated = generate(arguments, world)
        generated["seconds"] += time.perf_counter() - began - generated["seconds"]
    if arguments.profile:
        return profile(world)
    rows = measure(arguments, world)
    return report(rows, generated, arguments)


def existing_world(arguments) -> tuple[dict, dict]:
    """The objects of a database a previous run generated (``--reuse``: measure again without generating)."""
    from thidua.campaigns.models import Campaign
    from thidua.organizations.models import Unit, UnitKind, User
    from thidua.surveys.models import Answer, CollectionPoint, Response

    arguments.communes = Unit.objects.filter(kind=UnitKind.COMMUNE_COMMITTEE).count()
    arguments.points_per_commune = CollectionPoint.objects.count() // arguments.communes
    world = {
        "campaign": Campaign.objects.get(issuing_unit__code=PROVINCE),
        "office": User.objects.get(username="b-thuongtruc"),
        "officer": User.objects.get(username="b-noivu-1"),
    }
    generated = {"responses": Response.objects.count(), "answers": Answer.objects.count(), "seconds": 0.0}
    return world, generated


def profile(world: dict) -> int:
    """cProfile of one dashboard JSON and one public page (the province, 2022), the 40 costliest calls."""
    import cProfile
    import pstats

    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(world["office"])
    query = f"?campaign={world['campaign'].pk}&year={YEAR}"
    for path, user_client in (
        ("/dashboard/district.json" + query, client),
        ("/cong-khai/" + query, Client(HTTP_HOST="127.0.0.1")),
    ):
        user_client.get(path)
        profiler = cProfile.Profile()
        profiler.enable()
        user_client.get(path)
        profiler.disable()
        print(f"\n##### {path}")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="10 communes, 100,000 responses: a quick check")
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--districts", type=int, default=4)
    parser.add_argument("--points-per-commune", type=int, default=100)
    parser.add_argument("--responses", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--raw-repeat", type=int, default=3)
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the two pages instead of timing them"
    )
    parser.add_argument("--reuse", action="store_true", help="measure the database a previous run generated")
    parser.add_argument("--database", default=NAME, help="the database is bench_<name>")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.small and not arguments.reuse:
        arguments.communes, arguments.districts, arguments.responses = 10, 2, 100_000
    if arguments.inner:
        return inner(arguments)
    env = scratch_env("postgres", arguments.database, create=not arguments.reuse)
    env.pop("BENCH_BARE_VIEW", None)
    if not arguments.reuse:
        manage(env, "migrate", "--noinput", "-v0")
    return subprocess.call(
        [PYTHON, str(Path(__file__).resolve()), "--inner", *sys.argv[1:]], cwd=ROOT, env=env
    )


if __name__ == "__main__":
    sys.exit(main())
