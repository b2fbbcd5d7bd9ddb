"""The district table at scale: 1,000,000 responses over 1,000 collection points (100 units) in one year, on
PostgreSQL. Times every unit's index for the year from the aggregate tables (what the page uses) against the
same figures computed from the raw answers. Goal (product.md): < 200 ms.

    .venv/bin/python bench/district_table.py [--responses 1000000] [--points 1000] [--units 100]

Data is generated inside PostgreSQL with generate_series (seconds, not minutes); the aggregates (the points'
and, since issue 12, the units' monthly rollups) are filled from the generated answers with INSERT … SELECT …
GROUP BY, the same counts the rating path maintains.
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from surveys_common import manage, scratch_env  # noqa: E402

GENERATE = """
\\set ON_ERROR_STOP on
SET synchronous_commit = off;
INSERT INTO organizations_unit (code, name, official_name, kind, parent_id, is_confirmed, note, search_key, document_abbreviation)
SELECT 'b-unit-' || g, 'Đơn vị ' || g, 'UBND đơn vị ' || g || ' (bench)', 'commune_committee',
       (SELECT id FROM organizations_unit WHERE code = 'b-huyen'), true, '', '', 'UBND'
FROM generate_series(1, :units) g;
INSERT INTO surveys_collectionpoint (unit_id, name, token, questionnaire_id, is_active, is_demo, created_at)
SELECT u.id, 'Quầy ' || g, md5('p' || u.id || '-' || g), (SELECT id FROM surveys_questionnaire WHERE code = 'desk' AND is_current),
       true, true, now()
FROM organizations_unit u CROSS JOIN generate_series(1, :points / :units) g WHERE u.code LIKE 'b-unit-%';
CREATE TEMP TABLE pts AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM surveys_collectionpoint;
INSERT INTO surveys_response (collection_point_id, questionnaire_id, client_id, source, submitted_at, day, overall_level,
                              dossier_code, reasons, comment, client_hash, is_demo)
SELECT p.id, (SELECT id FROM surveys_questionnaire WHERE code = 'desk' AND is_current), 'bench:' || g, 'web',
       timestamptz '2022-01-01 08:00+07' + ((g * 7919) % 365) * interval '1 day',
       date '2022-01-01' + ((g * 7919) % 365)::int,
       CASE WHEN (g * 31 + p.n * 17) % 100 < 60 + (p.n % 40) THEN 5 WHEN (g * 13) % 3 = 0 THEN 3 ELSE 2 END,
       '', '[]', '', '', true
FROM generate_series(1::bigint, :responses) g JOIN pts p ON p.n = g % :points;
INSERT INTO surveys_answer (response_id, question_id, level)
SELECT r.id, q.id, CASE WHEN q.code = 'overall' THEN r.overall_level ELSE 1 + (r.id * 7 + q.id) % 5 END
FROM surveys_response r CROSS JOIN (SELECT id, code FROM surveys_question WHERE code IN ('overall', 'access', 'civil_servant')
  AND questionnaire_id = (SELECT id FROM surveys_questionnaire WHERE code = 'desk' AND is_current)) q;
INSERT INTO surveys_dailycount (collection_point_id, day, question_id, level, count)
SELECT r.collection_point_id, r.day, a.question_id, a.level, count(*) FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id
GROUP BY 1, 2, 3, 4;
INSERT INTO surveys_monthlycount (collection_point_id, month, question_id, level, count)
SELECT collection_point_id, date_trunc('month', day)::date, question_id, level, sum(count) FROM surveys_dailycount GROUP BY 1, 2, 3, 4;
INSERT INTO surveys_dailytotal (collection_point_id, day, responses)
SELECT collection_point_id, day, count(*) FROM surveys_response GROUP BY 1, 2;
INSERT INTO surveys_monthlytotal (collection_point_id, month, responses)
SELECT collection_point_id, date_trunc('month', day)::date, sum(responses) FROM surveys_dailytotal GROUP BY 1, 2;
INSERT INTO surveys_unitmonthlycount (unit_id, month, question_id, level, count)
SELECT cp.unit_id, m.month, m.question_id, m.level, sum(m.count) FROM surveys_monthlycount m
JOIN surveys_collectionpoint cp ON cp.id = m.collection_point_id GROUP BY 1, 2, 3, 4;
INSERT INTO surveys_unitmonthlytotal (unit_id, month, responses)
SELECT cp.unit_id, t.month, sum(t.responses) FROM surveys_monthlytotal t
JOIN surveys_collectionpoint cp ON cp.id = t.collection_point_id GROUP BY 1, 2;
VACUUM ANALYZE;
"""

MEASURE = """
import statistics, time
from datetime import date
from django.db.models import Count
from django.test import Client
from thidua.organizations import services as org
from thidua.organizations.models import Role, Unit, User
from thidua.surveys import selectors
from thidua.surveys.models import Answer, Response

units = list(Unit.objects.filter(code__startswith="b-unit-").values_list("id", flat=True))
start, end = date(2022, 1, 1), date(2022, 12, 31)

def from_aggregates():
    return selectors.unit_summaries(units, start, end)

def from_raw():
    meta = selectors._question_meta()
    counts = {}
    for row in (Answer.objects.filter(response__day__range=(start, end), response__collection_point__unit_id__in=units)
                .values("response__collection_point__unit_id", "question_id", "level").annotate(n=Count("id")).order_by()):
        counts.setdefault(row["response__collection_point__unit_id"], selectors.Counts()).answers[row["question_id"]][row["level"]] += row["n"]
    for row in (Response.objects.filter(day__range=(start, end), collection_point__unit_id__in=units)
                .values("collection_point__unit_id").annotate(n=Count("id")).order_by()):
        counts.setdefault(row["collection_point__unit_id"], selectors.Counts()).responses += row["n"]
    return {unit: selectors.summarize(counts.get(unit), meta) for unit in units}

def timed(function, repeat):
    times = []
    for _ in range(repeat):
        began = time.perf_counter(); result = function(); times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), min(times), result

user = User.objects.filter(username="bench-noivu").first() or org.user_create(actor=None, username="bench-noivu", password="x-bench-password-1", full_name="Bench")
if not user.memberships.exists():
    org.membership_grant(actor=None, user=user, unit=Unit.objects.get(code="b-huyen"), role=Role.DISTRICT_OFFICER)
client = Client(HTTP_HOST="127.0.0.1"); client.force_login(user)
def page():
    reply = client.get("/satisfaction/?year=2022"); assert reply.status_code == 200; return reply

agg_median, agg_best, agg = timed(from_aggregates, 7)
raw_median, raw_best, raw = timed(from_raw, 3)
page_median, page_best, _ = timed(page, 5)
assert all(agg[u].responses == raw[u].responses and agg[u].index == raw[u].index for u in units), "aggregates disagree with raw answers"
total = sum(s.responses for s in agg.values())
print(f"units {len(units)}, responses in the year {total:,}")
print(f"from aggregates (every unit's index)  median {agg_median:8.1f} ms  best {agg_best:8.1f} ms   goal < 200 ms")
print(f"district page GET incl. rendering     median {page_median:8.1f} ms  best {page_best:8.1f} ms")
print(f"from raw answers (same figures)       median {raw_median:8.1f} ms  best {raw_best:8.1f} ms")
print(f"speed-up {raw_median / agg_median:6.1f}x; figures identical for every unit")
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--points", type=int, default=1000)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--reuse", action="store_true", help="Measure the database a previous run generated.")
    args = parser.parse_args()
    if args.reuse:
        env = scratch_env("postgres", "district", create=False)
        print(manage(env, "shell", "-c", MEASURE))
        return
    env = scratch_env("postgres", "district")
    manage(env, "migrate", "--noinput", "-v0")
    manage(
        env,
        "shell",
        "-c",
        "from thidua.organizations import services as o; from thidua.organizations.models import UnitKind; "
        "o.unit_create(actor=None, code='b-huyen', name='Huyện', official_name='UBND huyện (bench)', kind=UnitKind.DISTRICT, parent=None)",
    )
    began = time.perf_counter()
    subprocess.run(
        [
            "psql",
            env["DATABASE_URL"],
            "-q",
            "-v",
            f"units={args.units}",
            "-v",
            f"points={args.points}",
            "-v",
            f"responses={args.responses}",
        ],
        input=GENERATE,
        text=True,
        check=True,
    )
    print(
        f"generated {args.responses:,} responses, {args.responses * 3:,} answers in {time.perf_counter() - began:.0f} s"
    )
    print(manage(env, "shell", "-c", MEASURE))


if __name__ == "__main__":
    main()
