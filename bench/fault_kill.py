"""Fault test: load the rating endpoint, kill -9 the server mid-load, restart it, and check that every rating
acknowledged with 2xx (or the public page's 303) is stored exactly once — and that the aggregates still agree.

    .venv/bin/python bench/fault_kill.py [--db sqlite|postgres] [--requests 1500] [--kills 2]

Each client sends a rating with its own client id; after a failed or cut-off request it resends the same id
once the server is back (as a phone or the one-stop system would), so nothing a client saw acknowledged may be
lost and nothing resent may be counted twice.
"""

import argparse
import json
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from surveys_common import ROOT, Server, api_request, manage, prepare, public_request, request, scratch_env  # noqa: E402

COUNT_SNIPPET = """
import json
from thidua.surveys.models import Response
from django.db.models import Count
rows = list(Response.objects.values("client_id").annotate(n=Count("id")).values_list("client_id", "n"))
print("COUNTS" + json.dumps(rows))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--kills", type=int, default=2)
    args = parser.parse_args()

    env = scratch_env(args.db, "fault")
    setup = prepare(env)
    points, token = setup["points"], setup["token"]
    server = Server(env, workers=2)
    server.start()
    port = server.port
    acknowledged: dict[str, int] = {}  # client id → status of its acknowledgement
    lock = threading.Lock()
    numbers = iter(range(args.requests))
    server_up = threading.Event()
    server_up.set()

    def send(number: int) -> None:
        use_api = number % 2 == 1
        client_id = uuid.uuid4().hex
        stored_id = f"api:{client_id}" if use_api else client_id
        point = points[number % len(points)]
        for _attempt in range(50):  # bounded retries, resending the same id
            server_up.wait(timeout=30)
            path, body, headers = (
                api_request(point, token, client_id) if use_api else public_request(point, client_id)
            )
            try:
                status = request(port, "POST", path, body, headers)
            except OSError:
                time.sleep(0.1)
                continue
            if status in (200, 201, 303):
                with lock:
                    acknowledged[stored_id] = status
                return
            time.sleep(0.1)

    def worker() -> None:
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            send(number)

    threads = [threading.Thread(target=worker) for _ in range(args.threads)]
    for thread in threads:
        thread.start()
    for kill in range(args.kills):
        target = (kill + 1) * args.requests // (args.kills + 2)
        deadline = time.monotonic() + 120
        while len(acknowledged) < target and time.monotonic() < deadline:  # kill in the middle of the load
            time.sleep(0.05)
        server_up.clear()
        server.stop(hard=True)  # SIGKILL: arbiter and workers die mid-request
        print(f"kill -9 #{kill + 1} after {len(acknowledged)} acknowledged ratings")
        server.port = port
        server.start()
        server_up.set()
    for thread in threads:
        thread.join()
    server.stop()

    output = manage(env, "shell", "-c", COUNT_SNIPPET)
    counts = dict(json.loads(next(line for line in output.splitlines() if line.startswith("COUNTS"))[6:]))
    missing = [client_id for client_id in acknowledged if counts.get(client_id, 0) == 0]
    duplicated = [client_id for client_id, n in counts.items() if n > 1]
    print(f"requests {args.requests}, acknowledged {len(acknowledged)}, stored {sum(counts.values())}")
    print(f"acknowledged but missing: {len(missing)}; stored more than once: {len(duplicated)}")
    verify = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", "survey_aggregates"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    print(verify.stdout.strip().splitlines()[-1])
    if missing or duplicated or verify.returncode != 0 or len(acknowledged) != args.requests:
        raise SystemExit("FAULT TEST FAILED")
    print("FAULT TEST PASSED: every acknowledged rating is stored exactly once")


if __name__ == "__main__":
    main()
