"""State changes of jobs: enqueue (in the caller's transaction), run, report progress, recover after a crash."""

import logging
import socket
import threading
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.jobs.models import Job, JobState, PeriodicRun
from thidua.jobs.registry import JobError, job_kind, periodic_work

logger = logging.getLogger(__name__)

MAX_STORED_ERRORS = 1000


def heartbeat_seconds() -> float:
    return float(getattr(settings, "JOBS_HEARTBEAT_SECONDS", 5))


def stale_after() -> timedelta:
    return timedelta(seconds=float(getattr(settings, "JOBS_STALE_SECONDS", 120)))


def job_enqueue(
    *,
    actor: Any,
    kind: str,
    title: str = "",
    unit: Any = None,
    params: dict[str, Any] | None = None,
    input_bytes: bytes | None = None,
    input_name: str = "",
    total: int | None = None,
    run_after: Any = None,
) -> Job:
    """Create a job and put it on the queue in one transaction: the job exists exactly when its task does.

    ``run_after`` (an aware datetime) holds the task back until then, e.g. the next attempt of a delivery."""
    from thidua.jobs.tasks import run_job

    job_kind(kind)  # an unknown kind is a programming error, refused before anything is written
    with transaction.atomic():
        job = Job(
            kind=kind,
            title=title[:300],
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            unit=unit,
            params=params or {},
            input_name=input_name[:255],
            total=total,
            message=_("Waiting for a worker."),
        )
        if input_bytes is not None:
            job.input_file.save(f"jobs/{job.id}.in", ContentFile(input_bytes), save=False)
        job.save()
        task = run_job.using(run_after=run_after) if run_after is not None else run_job
        result = task.enqueue(str(job.id))
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
        job.task_id = str(result.id)
    return job


class Progress:
    """What a handler reports while it works. Writes are throttled and made outside any transaction of the
    handler's, so the job page sees them at once."""

    def __init__(self, job: Job, *, min_interval: float = 0.5):
        self.job = job
        self.min_interval = min_interval
        self._last_write = 0.0

    def set_total(self, total: int | None, message: str = "") -> None:
        self.job.total = total
        fields: dict[str, Any] = {"total": total, "heartbeat_at": timezone.now()}
        if message:
            self.job.message = fields["message"] = message[:500]
        Job.objects.filter(pk=self.job.pk).update(**fields)

    def advance(self, done: int, message: str = "", *, force: bool = False) -> None:
        if self.job.total is not None:
            done = min(done, self.job.total)
        self.job.done = done
        if message:
            self.job.message = message[:500]
        now = time.monotonic()
        if not force and now - self._last_write < self.min_interval:
            return
        self._last_write = now
        fields: dict[str, Any] = {"done": done, "heartbeat_at": timezone.now()}
        if message:
            fields["message"] = message[:500]
        Job.objects.filter(pk=self.job.pk).update(**fields)

    def say(self, message: str) -> None:
        self.advance(self.job.done, message, force=True)


class _Heartbeat(threading.Thread):
    """Marks a running job alive while its handler works, from its own database connection, so a job whose
    worker was killed can be told from one that is merely slow."""

    def __init__(self, job_id: Any, every: float):
        super().__init__(daemon=True, name=f"job-heartbeat-{job_id}")
        self.job_id = job_id
        self.every = every
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.every):
                try:
                    Job.objects.filter(pk=self.job_id, state=JobState.RUNNING).update(
                        heartbeat_at=timezone.now()
                    )
                except OperationalError:
                    # SQLite holds its write lock while the handler writes; a missed beat is harmless.
                    continue
        finally:
            connection.close()


def _claim(job_id: str) -> Job | None:
    """queued → running, once. A task delivered twice, or for a job already finished, does nothing."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        heartbeat_at=now,
        message=_("Working…"),
    )
    return Job.objects.get(pk=job_id) if claimed else None


def _finish(job: Job, **fields: Any) -> None:
    fields.setdefault("finished_at", timezone.now())
    Job.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def job_run(*, job_id: str) -> str:
    """Run one job by its kind's handler; the final state is ``done`` or ``failed``, never left running."""
    try:
        job = _claim(job_id)
    except Job.DoesNotExist:
        return "missing"
    if job is None:
        return "skipped"
    kind = job_kind(job.kind)
    heartbeat = _Heartbeat(job.pk, heartbeat_seconds()) if heartbeat_seconds() > 0 else None
    if heartbeat:
        heartbeat.start()
    progress = Progress(job)
    try:
        try:
            result = kind.handler(job, progress) or {}
        except JobError as error:
            fields: dict[str, Any] = {
                "state": JobState.FAILED,
                "message": error.message[:500],
                "errors": error.errors[:MAX_STORED_ERRORS],
                "error_count": error.error_count,
                "result": error.result,
            }
        except Exception:
            logger.exception("job %s (%s) failed", job.pk, job.kind)
            fields = {"state": JobState.FAILED, "message": _unexpected_message()}
        else:
            fields = {"state": JobState.DONE, "result": result}
            if "message" in result:
                fields["message"] = str(result["message"])[:500]
            if job.total is not None:
                fields["done"] = job.total
        try:
            _finish(job, **fields)
        except Exception:
            # Whatever went wrong recording the outcome, the job must not stay "running".
            logger.exception("job %s (%s): recording its outcome failed", job.pk, job.kind)
            _finish(job, state=JobState.FAILED, message=_unexpected_message(), result={}, errors=[])
    finally:
        if heartbeat:
            heartbeat.stopped.set()
            heartbeat.join(timeout=heartbeat_seconds() + 1)
    return job.state


def _unexpected_message() -> str:
    return _(
        "The job stopped because of an unexpected error; nothing was changed. "
        "Try again or tell the administrator."
    )


def job_attach_result_file(*, job: Job, content: bytes, filename: str) -> None:
    """Store a file the job produced (an export, a PDF); the job page offers it to those who may see the job."""
    job.result_file.save(f"jobs/{job.id}.out", ContentFile(content), save=False)
    job.result_name = filename[:255]
    Job.objects.filter(pk=job.pk).update(result_file=job.result_file.name, result_name=job.result_name)


def jobs_recover_stalled(*, now: Any = None) -> dict[str, int]:
    """Running jobs whose heartbeat stopped (the worker was killed): run again when safe, else mark failed.

    Handlers are all-or-nothing, so a job killed half-way stored nothing; running it again is safe for kinds
    that say so, once per allowed attempt.
    """
    from django_tasks_db.models import DBTaskResult

    from thidua.jobs.tasks import run_job

    now = now or timezone.now()
    cutoff = now - stale_after()
    counts = {"requeued": 0, "failed": 0}
    stalled = Job.objects.filter(state=JobState.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at=None)
    )
    for job in stalled:
        kind = job_kind(job.kind)
        with transaction.atomic():
            if job.task_id:
                # The library's row for the dead run stays "running" forever otherwise.
                DBTaskResult.objects.filter(id=job.task_id, status="RUNNING").update(
                    status="FAILED", finished_at=now
                )
            if kind.retry_safe and job.attempts < kind.max_attempts:
                changed = Job.objects.filter(pk=job.pk, state=JobState.RUNNING).update(
                    state=JobState.QUEUED,
                    done=0,
                    message=_("The worker stopped half-way; nothing was stored. The job will run again."),
                )
                if changed:
                    result = run_job.enqueue(str(job.pk))
                    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
                    counts["requeued"] += 1
            else:
                changed = Job.objects.filter(pk=job.pk, state=JobState.RUNNING).update(
                    state=JobState.FAILED,
                    finished_at=now,
                    message=_("The worker stopped half-way; nothing was stored. Start the job again."),
                )
                counts["failed"] += changed
    return counts


# --- periodic work -----------------------------------------------------------------------------------------


def scheduler_id() -> str:
    return f"{socket.gethostname()}:{threading.get_native_id()}"[:100]


def _take_lease(name: str, lease_seconds: int, now: Any) -> bool:
    PeriodicRun.objects.get_or_create(name=name)
    return bool(
        PeriodicRun.objects.filter(name=name)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .update(locked_until=now + timedelta(seconds=lease_seconds), locked_by=scheduler_id())
    )


def periodic_run_due(*, now: Any = None, only: str | None = None, force: bool = False) -> list[str]:
    """Run every piece of periodic work that is due. A lease in the database makes sure that two schedulers
    (two machines, or cron overlapping ``make run``) never run the same work at once. Returns the names run."""
    ran = []
    for name, work in sorted(periodic_work().items()):
        if only and name != only:
            continue
        now_ = now or timezone.now()
        state = PeriodicRun.objects.filter(name=name).first()
        due = (
            force
            or state is None
            or state.last_started_at is None
            or state.last_started_at + work.every <= now_
        )
        if not due or not _take_lease(name, work.lease_seconds, now_):
            continue
        PeriodicRun.objects.filter(name=name).update(last_started_at=now_)
        error = ""
        try:
            work.run()
        except Exception as exc:  # one failing piece must not stop the others
            logger.exception("periodic work %s failed", name)
            error = f"{type(exc).__name__}: {exc}"[:2000]
        finally:
            PeriodicRun.objects.filter(name=name).update(
                last_finished_at=timezone.now(), last_error=error, locked_until=None, locked_by=""
            )
        ran.append(name)
    return ran
