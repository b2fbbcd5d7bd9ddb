"""Rating POST cost: the public page and the API against a bare Django view that inserts one row.

Runs the three side by side, interleaved in rounds, against one local gunicorn (2 workers) per database, on
SQLite and PostgreSQL. Prints ratings/s and the ratio to the bare insert. Goal (product.md): ≤ ~1.5 × the bare
view, ≥ 300 ratings/s on 2 cores with PostgreSQL.

    .venv/bin/python bench/rating_post.py [--requests 3000] [--threads 8] [--db sqlite postgres]
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from surveys_common import (  # noqa: E402
    Server,
    api_request,
    bare_request,
    load,
    manage,
    prepare,
    public_request,
    scratch_env,
)


def run(kind: str, requests: int, threads: int, rounds: int) -> dict:
    env = scratch_env(kind, "rating")
    setup = prepare(env)
    points, token = setup["points"], setup["token"]
    server = Server(env, workers=2)
    server.start()
    kinds = {
        "bare insert": lambda n: bare_request(),
        "public page": lambda n: public_request(points[n % len(points)]),
        "API": lambda n: api_request(points[n % len(points)], token),
    }
    totals = {name: [0.0, 0, 0] for name in kinds}  # seconds, ok, failed
    try:
        for make in kinds.values():  # warm up every path and worker
            load(server.port, make, 60, threads)
        per_round = max(1, requests // rounds)
        for _ in range(rounds):
            for name, make in kinds.items():
                seconds, statuses = load(server.port, make, per_round, threads)
                totals[name][0] += seconds
                totals[name][1] += sum(1 for status in statuses if 200 <= status < 400)
                totals[name][2] += sum(1 for status in statuses if not 200 <= status < 400)
    finally:
        server.stop()
    verify = manage(env, "survey_aggregates")
    result = {name: (ok / seconds, failed) for name, (seconds, ok, failed) in totals.items()}
    print(f"\n{kind}: {requests} requests per kind in {rounds} interleaved rounds, {threads} client threads")
    bare = result["bare insert"][0]
    for name, (rate, failed) in result.items():
        print(f"  {name:12s} {rate:8.1f} req/s   cost ratio vs bare {bare / rate:5.2f}   failed {failed}")
    print("  " + verify.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--db", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    args = parser.parse_args()
    for kind in args.db:
        run(kind, args.requests, args.threads, args.rounds)


if __name__ == "__main__":
    main()
