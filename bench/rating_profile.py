"""Rating POST cost in one process: the bare insert, the public page and the API through Django's test client.

No HTTP server and no load generator: one Django process sends the three kinds of POST alternately (bare,
public, API, bare, …), each its own committed transaction, and prints the median time per request and the
ratio to the bare insert. With ``--profile`` it then profiles each path (cProfile) and prints the functions
where the API and public paths spend their time — how the figures in docs/benchmarks.md §1c were found.

    .venv/bin/python bench/rating_profile.py [--requests 1500] [--db sqlite postgres] [--profile]
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from surveys_common import PYTHON, ROOT, prepare, scratch_env  # noqa: E402


def child(requests: int, profile: bool) -> None:
    import cProfile
    import io
    import pstats
    import statistics
    import time
    import uuid
    from urllib.parse import urlencode

    import django

    django.setup()
    from django.test import Client

    setup = json.loads(os.environ["BENCH_SETUP"])
    points, token = setup["points"], setup["token"]
    client = Client(HTTP_HOST="127.0.0.1")

    form = (
        "application/x-www-form-urlencoded"  # what a browser sends (the test client's default is multipart)
    )

    def bare(n):
        return client.post("/bench/bare-insert/", "payload=x", content_type=form)

    def public(n):
        fields = {"client_id": uuid.uuid4().hex, "q_overall": "5", "q_access": "4", "q_civil_servant": "5"}
        return client.post(f"/r/{points[n % len(points)]}/", urlencode(fields), content_type=form)

    def api(n):
        body = {
            "id": uuid.uuid4().hex,
            "collection_point": points[n % len(points)],
            "answers": {"overall": 4, "access": 5, "result": 5},
        }
        return client.post(
            "/api/ratings",
            json.dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    kinds = {"bare insert": (bare, 201), "public page": (public, 303), "API": (api, 201)}
    for make, expected in kinds.values():  # warm up
        for n in range(50):
            status = make(n).status_code
            assert status == expected, status  # noqa: S101
    times: dict[str, list[float]] = {name: [] for name in kinds}
    for n in range(requests):
        for name, (make, _expected) in kinds.items():
            started = time.perf_counter()
            make(n)
            times[name].append(time.perf_counter() - started)
    bare_median = statistics.median(times["bare insert"])
    print(f"  {requests} requests per kind, alternating, in one process")
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"  {name:12s} median {median * 1000:6.2f} ms   p90 {sorted(values)[int(len(values) * 0.9)] * 1000:6.2f} ms"
            f"   ratio vs bare {median / bare_median:5.2f}"
        )
    if profile:
        for name in ("public page", "API", "bare insert"):
            make = kinds[name][0]
            profiler = cProfile.Profile()
            profiler.enable()
            for n in range(300):
                make(n)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
            print(f"\n----- profile: {name} (300 requests, cumulative) -----")
            print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:12000])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--db", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.requests, args.profile)
        return
    for kind in args.db:
        env = scratch_env(kind, "ratingprofile")
        env["BENCH_SETUP"] = json.dumps(prepare(env))
        print(f"\n{kind}:", flush=True)
        command = [PYTHON, __file__, "--child", "--requests", str(args.requests)]
        subprocess.run([*command, *(["--profile"] if args.profile else [])], cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    main()
