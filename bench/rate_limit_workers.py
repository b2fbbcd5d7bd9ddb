"""The citizens' rate limit across gunicorn workers (issue 9: with 2 workers, 20 were accepted against 10).

Against a fresh database and gunicorn with 4 workers (each request on a new connection, so the requests spread
over the workers), with the default limits (10 per device, 200 per address, per point and 10 minutes):

- one device (it keeps the page's cookie) sends 1,000 ratings: exactly 10 may be accepted;
- 50 citizens' phones behind one office address, each with its own cookie, rate the same desk: all 50 accepted;
- a client that never keeps the cookie sends 1,000: exactly 200 (the address allowance) may be accepted.

    .venv/bin/python bench/rate_limit_workers.py [--db sqlite postgres]
"""

import argparse
import http.client
import sys
import uuid
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from surveys_common import Server, prepare, scratch_env  # noqa: E402


def call(port: int, method: str, path: str, cookie: str = "", body: bytes = b"") -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookie:
        headers["Cookie"] = cookie
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        set_cookie = response.getheader("Set-Cookie", "") or ""
        return response.status, set_cookie.split(";", 1)[0]
    finally:
        connection.close()


def rate(port: int, token: str, cookie: str) -> int:
    body = urlencode({"client_id": uuid.uuid4().hex, "q_overall": "5"}).encode()
    return call(port, "POST", f"/r/{token}/", cookie, body)[0]


def run(kind: str) -> bool:
    env = scratch_env(kind, "ratelimit")
    env.pop("SURVEY_RATE_LIMIT")
    env.pop("SURVEY_ADDRESS_RATE_LIMIT")
    points = prepare(env)["points"]
    server = Server(env, workers=4)
    server.start()
    try:
        _status, device = call(server.port, "GET", f"/r/{points[0]}/")
        one_device = [rate(server.port, points[0], device) for _ in range(1000)]
        phones = []
        for _ in range(50):
            _status, cookie = call(server.port, "GET", f"/r/{points[1]}/")
            phones.append(rate(server.port, points[1], cookie))
        no_cookie = [rate(server.port, points[2], "") for _ in range(1000)]
    finally:
        server.stop()
    checks = [
        ("one device, 1,000 ratings", sum(status == 303 for status in one_device), 10),
        ("50 phones behind one address", sum(status == 303 for status in phones), 50),
        ("no cookie, 1,000 ratings", sum(status == 303 for status in no_cookie), 200),
    ]
    print(f"\n{kind} (gunicorn, 4 workers):")
    for name, accepted, expected in checks:
        print(
            f"  {name:30s} accepted {accepted:5d}   expected {expected:4d}   {'ok' if accepted == expected else 'WRONG'}"
        )
    return all(accepted == expected for _name, accepted, expected in checks)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    args = parser.parse_args()
    results = [run(kind) for kind in args.db]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
