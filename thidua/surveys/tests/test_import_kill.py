"""kill -9 of the worker in the middle of an import: nothing is half-stored, and the job runs again to the end.

Runs real processes (``manage.py db_worker``, ``manage.py run_periodic``) against a scratch database of the same
kind the suite runs on, so the queue, the transaction and the recovery are the production ones.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
ROWS = 40_000

SETUP = """
from thidua.organizations.models import Unit, UnitKind, User
from thidua.surveys.models import Questionnaire
from thidua.surveys import services
from thidua.jobs.services import job_enqueue
unit = Unit.objects.create(code="kill-a", name="A", official_name="UBND A", kind=UnitKind.COMMUNE_COMMITTEE)
user = User.objects.create_user(username="clerk", password="x-long-password-1")
point = services.collection_point_create(
    actor=None, unit=unit, name="Quầy 1", questionnaire=Questionnaire.objects.get(code="desk", is_current=True)
)
lines = ["Ngày,Hài lòng chung,Mã hồ sơ"]
for n in range({rows}):
    lines.append(f"{{1 + n % 28:02d}}/03/2021,{{1 + n % 5}},H-{{n:06d}}")
job = job_enqueue(actor=user, kind="surveys.import", unit=unit, params={{"point": point.pk}},
                  input_bytes="\\n".join(lines).encode(), input_name="phieu.csv")
print("JOB", job.pk)
"""


class Scratch:
    """A fresh database of the suite's kind, reached both through manage.py and directly for polling."""

    def __init__(self):
        self.var = tempfile.mkdtemp(prefix="kill-import-")
        self.env = dict(
            os.environ,
            VAR_DIR=self.var,
            LOG_LEVEL="ERROR",
            JOBS_HEARTBEAT_SECONDS="0.5",
            JOBS_STALE_SECONDS="3",
            DJANGO_SETTINGS_MODULE="config.settings",
        )
        self.env.pop("TEST_DATABASE_NAME", None)
        self.postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
        if self.postgres:
            base = settings.DATABASES["default"]
            self.dbname = f"kill_import_{uuid.uuid4().hex[:8]}"
            self.admin = f"postgres://{base['USER'] or 'postgres'}@{base['HOST'] or '127.0.0.1'}:{base['PORT'] or 5432}"
            subprocess.run(
                ["psql", f"{self.admin}/postgres", "-qc", f"CREATE DATABASE {self.dbname}"], check=True
            )
            self.env["DATABASE_URL"] = f"{self.admin}/{self.dbname}"
        else:
            self.env.pop("DATABASE_URL", None)

    def manage(self, *args, check=True):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=check,
            timeout=300,
        )

    def spawn(self, *args):
        return subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def query(self, sql):
        if self.postgres:
            import psycopg

            with psycopg.connect(f"{self.admin}/{self.dbname}", autocommit=True) as connection:
                return connection.execute(sql).fetchone()
        connection = sqlite3.connect(Path(self.var) / "thidua.sqlite3", timeout=20)
        try:
            return connection.execute(sql).fetchone()
        finally:
            connection.close()

    def drop(self):
        if self.postgres:
            subprocess.run(
                [
                    "psql",
                    f"{self.admin}/postgres",
                    "-qc",
                    f"DROP DATABASE IF EXISTS {self.dbname} WITH (FORCE)",
                ],
                check=False,
            )


def worker(scratch):
    return scratch.spawn(
        "db_worker", "--queue-name", "*", "--interval", "0.2", "--no-startup-delay", "--no-reload"
    )


@pytest.mark.slow
def test_a_worker_killed_mid_import_stores_nothing_and_the_job_completes_once_after_recovery():
    scratch = Scratch()
    try:
        scratch.manage("migrate", "--noinput", "-v0")
        output = scratch.manage("shell", "-c", SETUP.format(rows=ROWS)).stdout
        job_id = output.split("JOB", 1)[1].strip().replace("-", "")
        job_where = (
            f"FROM jobs_job WHERE id = '{job_id}'"
            if not scratch.postgres
            else f"FROM jobs_job WHERE id = '{uuid.UUID(job_id)}'"
        )
        first = worker(scratch)
        killed_while = None
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            state, message, done = scratch.query(f"SELECT state, message, done {job_where}")
            # Killed while the rows are being written: the one transaction must leave nothing behind.
            if state == "running" and message.startswith(("Đang lưu", "Storing")):
                killed_while = message
                os.kill(first.pid, signal.SIGKILL)
                first.wait(timeout=10)
                break
            assert state in {"queued", "running"}, (state, message)
            time.sleep(0.02)
        assert killed_while is not None, "the job finished before it could be killed"
        print("killed while:", killed_while)
        # Half-way means nothing: no forms, no batch, no aggregate rows.
        assert scratch.query("SELECT COUNT(*) FROM surveys_response") == (0,)
        assert scratch.query("SELECT COUNT(*) FROM surveys_importbatch") == (0,)
        assert scratch.query("SELECT COUNT(*) FROM surveys_dailytotal") == (0,)
        assert scratch.query(f"SELECT state {job_where}") == ("running",)
        # The heartbeat stops with the worker; recovery puts the job back on the queue, a new worker runs it.
        time.sleep(3.5)
        scratch.manage("run_periodic", "--only", "jobs.recover_stalled", "--force")
        assert scratch.query(f"SELECT state {job_where}") == ("queued",)
        second = worker(scratch)
        try:
            while time.monotonic() < deadline:
                (state,) = scratch.query(f"SELECT state {job_where}")
                if state in {"done", "failed"}:
                    break
                time.sleep(0.2)
        finally:
            second.terminate()
            second.wait(timeout=20)
        assert scratch.query(f"SELECT state, attempts {job_where}") == ("done", 2)
        assert scratch.query("SELECT COUNT(*) FROM surveys_response") == (ROWS,)
        assert scratch.query("SELECT COUNT(*) FROM surveys_importbatch") == (1,)
        assert scratch.query("SELECT SUM(responses) FROM surveys_dailytotal") == (ROWS,)
    finally:
        scratch.drop()
