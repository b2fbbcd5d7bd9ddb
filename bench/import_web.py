"""100,000 paper-form rows through the web import page (upload → job done) vs ``manage.py import_ratings`` on the
same file, and the enqueue → start latency of a job, on SQLite and PostgreSQL.

Per database: a fresh database, gunicorn (2 workers) and one ``db_worker --interval 0.5`` as ``make run`` starts
them. A signed-in district officer uploads the file on the import page (the POST answers with a redirect to the
job page), then polls ``GET /api/jobs/<id>`` every 0.5 s until the job is done; the same file is then imported
for another collection point with the command. Then ``--jobs`` small imports (one row each) are uploaded one
after another and each job's ``started_at - created_at`` is read from the database. Prints the times, the ratio
page / command and the latency median and worst. Goal: the page within ~1.2 × the command (it does the same
work in a worker, plus the upload and the queue); a job starts within ~1 s of its upload.

    .venv/bin/python bench/import_web.py [--rows 100000] [--jobs 20] [--db sqlite postgres]
"""

import argparse
import http.client
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_xlsx import HEADER, make_file  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from surveys_common import PYTHON, ROOT, Server, manage, prepare, scratch_env  # noqa: E402

PASSWORD = "bench-import-password-2021"  # noqa: S105 (a scratch database's bench account)

USER_SNIPPET = f"""
import json
from thidua.organizations.models import Membership, Role, Unit, User
from thidua.surveys.models import CollectionPoint
district = Unit.objects.get(code="b-huyen")
user = User.objects.create_user(username="bench-officer", password="{PASSWORD}", full_name="Bench")
User.objects.filter(pk=user.pk).update(must_change_password=False)
Membership.objects.create(user=user, unit=district, role=Role.DISTRICT_OFFICER)
points = list(CollectionPoint.objects.filter(unit__code="b-xa").order_by("pk").values_list("pk", flat=True))
print("BENCH" + json.dumps({{"point_ids": points}}))
"""

LATENCY_SNIPPET = """
import json, statistics
from thidua.jobs.models import Job
rows = Job.objects.filter(started_at__isnull=False, input_name__startswith="latency-").values_list("created_at", "started_at")
print("BENCH" + json.dumps([(started - created).total_seconds() for created, started in rows]))
"""


class Browser:
    """Just enough of a browser: cookies, the CSRF token, form and multipart POSTs."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name] = rest.split(";", 1)[0]
            return response.status, response.getheader("Location", ""), content
        finally:
            connection.close()

    def csrf(self, path: str) -> str:
        status, _location, content = self.request("GET", path)
        assert status == 200, (path, status)  # noqa: S101
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1).decode()

    def login(self) -> None:
        token = self.csrf("/accounts/login/")
        body = f"csrfmiddlewaretoken={token}&username=bench-officer&password={PASSWORD}".encode()
        status, _location, _content = self.request(
            "POST", "/accounts/login/", body, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert status == 302, status  # noqa: S101

    def upload(self, path: str, point_id: int, name: str, content: bytes) -> str:
        """POST the import form; return the job id from the redirect."""
        token = self.csrf(path)
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'.encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="point"\r\n\r\n{point_id}\r\n'.encode(),
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n"
            ).encode()
            + content
            + b"\r\n",
            f"--{boundary}--\r\n".encode(),
        ]
        status, location, _content = self.request(
            "POST", path, b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )
        assert status in (302, 303) and "/jobs/" in location, (status, location)  # noqa: S101
        return location.rstrip("/").rsplit("/", 1)[-1]

    def wait(self, job_id: str, limit_seconds: float = 900) -> dict:
        deadline = time.monotonic() + limit_seconds
        while time.monotonic() < deadline:
            status, _location, content = self.request("GET", f"/api/jobs/{job_id}")
            assert status == 200, status  # noqa: S101
            job = json.loads(content)
            if job["state"] in ("done", "failed"):
                return job
            time.sleep(0.5)
        raise SystemExit(f"job {job_id} not finished after {limit_seconds} s")


def start_worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [
            PYTHON,
            "manage.py",
            "db_worker",
            "--queue-name",
            "*",
            "--interval",
            "0.5",
            "--no-startup-delay",
            "--no-reload",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def one_row_file(number: int, folder: Path) -> bytes:
    """A one-row file, different for each number (the same file twice is refused, identical rows are held)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Phieu")
    sheet.append(HEADER)
    sheet.append(["01/03/2022", f"H48.25.10-220301-{number:06d}", 5, 4, 4, 5, None, None, None, None])
    path = folder / f"latency-{number}.xlsx"
    workbook.save(path)
    return path.read_bytes()


def run(kind: str, path: Path, jobs: int) -> dict:
    env = scratch_env(kind, "importweb")
    setup = prepare(env)
    output = manage(env, "shell", "-c", USER_SNIPPET)
    point_ids = json.loads(next(line for line in output.splitlines() if line.startswith("BENCH"))[5:])[
        "point_ids"
    ]
    server = Server(env, workers=2)
    server.start()
    worker = start_worker(env)
    try:
        browser = Browser(server.port)
        browser.login()
        page = "/satisfaction/units/b-xa/import/"
        for _ in range(4):  # warm both workers up on the page
            browser.csrf(page)
        began = time.perf_counter()
        job_id = browser.upload(page, point_ids[0], "phieu.xlsx", path.read_bytes())
        answered = time.perf_counter() - began
        job = browser.wait(job_id)
        web_seconds = time.perf_counter() - began
        assert job["state"] == "done", job  # noqa: S101
        folder = Path(tempfile.mkdtemp(prefix="bench-latency-"))
        for number in range(jobs):
            latency_job = browser.upload(
                page, point_ids[1], f"latency-{number}.xlsx", one_row_file(number, folder)
            )
            browser.wait(latency_job, 120)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        server.stop()
    began = time.perf_counter()
    manage(env, "import_ratings", setup["points"][2], str(path))
    command_seconds = time.perf_counter() - began
    verify = manage(env, "survey_aggregates").strip().splitlines()[-1]
    latency_output = manage(env, "shell", "-c", LATENCY_SNIPPET)
    latencies = json.loads(next(line for line in latency_output.splitlines() if line.startswith("BENCH"))[5:])
    print(f"\n{kind}:")
    print(
        f"  web page: upload answered in {answered:.2f} s, job done after {web_seconds:.1f} s ({job['message']})"
    )
    print(f"  command:  {command_seconds:.1f} s   ratio page / command {web_seconds / command_seconds:.2f}")
    if latencies:
        print(
            f"  enqueue → start over {len(latencies)} jobs: median {statistics.median(latencies):.2f} s, "
            f"worst {max(latencies):.2f} s (worker polls every 0.5 s)"
        )
    print("  " + verify)
    return {"web": web_seconds, "command": command_seconds, "latencies": latencies}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=20)
    parser.add_argument("--db", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="bench-import-web-")) / "phieu.xlsx"
    began = time.perf_counter()
    make_file(args.rows, path)
    print(
        f"wrote {args.rows:,} rows ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - began:.1f} s"
    )
    for kind in args.db:
        run(kind, path, args.jobs)


if __name__ == "__main__":
    main()
