"""An evaluation round for 1,000 units: compute every unit's score and eligibility and freeze the figures
(``awards.services.round_open``), beside its baseline, the progress page's computation for the same units
(``campaigns.progress.campaign_progress``), measured in the same run. Goal: < 1 s for the round.

    .venv/bin/python bench/award_round.py [--db sqlite|postgres|both] [--units 1000] [--repeat 5] [--profile]

Each database is fresh; the data is generated inside the benchmark (bench/awards_common.py). Each repetition opens
the round in a transaction that is rolled back afterwards, so every run opens the same round on the same data.
Before timing, the script checks the round's scores against the rubric applied by hand to the progress cells.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from awards_common import YEAR, generate, run_inner, setup_django  # noqa: E402

GOAL_SECONDS = 1.0


def inner(arguments) -> int:
    setup_django()
    from datetime import date
    from decimal import Decimal

    from django.db import connection, transaction

    from thidua.awards import scoring, services
    from thidua.campaigns.progress import campaign_progress

    started = time.perf_counter()
    world = generate(arguments.units)
    generated = time.perf_counter() - started
    campaign, award, officer = world["campaign"], world["award"], world["officer"]

    def progress():
        return campaign_progress(campaign, YEAR)

    class Rollback(Exception):
        pass

    def open_round(check: bool = False):
        try:
            with transaction.atomic():
                evaluation_round = services.round_open(
                    actor=officer,
                    campaign=campaign,
                    year=YEAR,
                    award_type=award,
                    planned_decision_date=date(YEAR + 1, 2, 15),
                )
                if check:
                    check_round(evaluation_round)
                raise Rollback
        except Rollback:
            pass

    def check_round(evaluation_round):
        entries = {entry.unit_id: entry for entry in evaluation_round.entries.all()}
        rows = progress().rows
        assert len(entries) == len(rows) == arguments.units, (len(entries), len(rows))
        criteria = list(evaluation_round.rubric.criteria.all())
        for row in rows:
            cells = {cell.target.indicator: cell for cell in row.cells}
            points = [
                scoring.criterion_points(
                    rule=criterion.rule,
                    max_points=criterion.points,
                    status=cells[criterion.indicator].status,
                    value=cells[criterion.indicator].value,
                    scale_zero=criterion.scale_zero,
                    scale_full=criterion.scale_full,
                )
                if criterion.indicator
                else scoring.quantize_points(Decimal(0))
                for criterion in criteria
            ]
            entry = entries[row.unit.pk]
            assert entry.score == scoring.total_score(points), row.unit.code
            assert entry.eligible == all(cell.status == "met" for cell in row.cells), row.unit.code
        eligible = sum(entry.eligible for entry in entries.values())
        distinct = len({entry.score for entry in entries.values()})
        print(f"  check: {len(entries)} entries, {eligible} eligible, {distinct} distinct scores — agree")

    open_round(check=True)
    progress()  # warm-up of both paths
    if arguments.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        open_round()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)

    def queries(function) -> int:
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            function()
        return len(captured.captured_queries)

    progress_queries, round_queries = queries(progress), queries(open_round)
    # Wall and CPU time of this process: the machine is shared, so the wall clock also measures the neighbours.
    times: dict[str, list[tuple[float, float]]] = {"progress": [], "round": []}
    for _ in range(arguments.repeat):  # interleaved, so both see the same load
        for name, function in (("progress", progress), ("round", open_round)):
            started, cpu_started = time.perf_counter(), time.process_time()
            function()
            times[name].append((time.perf_counter() - started, time.process_time() - cpu_started))

    def line(label: str, name: str, count: int) -> str:
        wall = statistics.median(t[0] for t in times[name])
        cpu = statistics.median(t[1] for t in times[name])
        best = min(t[0] for t in times[name])
        return f"  {label:22}{wall * 1000:8.1f} ms wall (best {best * 1000:.1f}), {cpu * 1000:8.1f} ms CPU, {count} queries"

    base = statistics.median(t[0] for t in times["progress"])
    measured = statistics.median(t[0] for t in times["round"])
    base_cpu = statistics.median(t[1] for t in times["progress"])
    measured_cpu = statistics.median(t[1] for t in times["round"])
    verdict = "met" if measured < GOAL_SECONDS else "NOT met"
    print(
        f"{connection.vendor}: {arguments.units} units (data generated in {generated:.1f} s), "
        f"medians of {arguments.repeat}:\n"
        + line("progress (baseline)", "progress", progress_queries)
        + "\n"
        + line("round_open", "round", round_queries)
        + f"\n  round / progress      {measured / base:8.2f}× wall, {measured_cpu / base_cpu:.2f}× CPU; "
        f"goal < {GOAL_SECONDS:.0f} s: {verdict}"
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.inner:
        return inner(arguments)
    passed = [f"--units={arguments.units}", f"--repeat={arguments.repeat}"]
    if arguments.profile:
        passed.append("--profile")
    codes = [
        run_inner(Path(__file__).resolve(), db, "award_round", passed)
        for db in (["sqlite", "postgres"] if arguments.db == "both" else [arguments.db])
    ]
    return max(codes)


if __name__ == "__main__":
    sys.exit(main())
