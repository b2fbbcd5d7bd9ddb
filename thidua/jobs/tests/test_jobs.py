from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from thidua.core.models import AuditEntry
from thidua.jobs import services
from thidua.jobs.models import Job, JobState, PeriodicRun
from thidua.jobs.registry import JobError, JobKind, PeriodicWork, register_job_kind, register_periodic
from thidua.jobs.testing import run_queued_jobs

CALLS: list[str] = []


def _count_to_three(job, progress):
    progress.set_total(3, "Counting")
    for done in range(1, 4):
        progress.advance(done, f"{done} counted", force=True)
    return {"counted": 3, "message": "Counted three."}


def _refuse_rows(job, progress):
    raise JobError("Two rows are wrong.", [{"row": 2, "column": "Ngày", "message": "bad"}] * 2)


def _write_then_crash(job, progress):
    # All-or-nothing: what the handler wrote in its transaction goes when it fails.
    with transaction.atomic():
        AuditEntry.objects.create(action="test.half_written", data={})
        raise RuntimeError("boom")


register_job_kind(JobKind("test.count", "Count", _count_to_three))
register_job_kind(JobKind("test.refuse", "Refuse", _refuse_rows))
register_job_kind(JobKind("test.crash", "Crash", _write_then_crash))
register_job_kind(JobKind("test.unsafe", "Unsafe", _count_to_three, retry_safe=False))
register_periodic(PeriodicWork("test.tick", timedelta(hours=1), lambda: CALLS.append("tick")))


def enqueue(user, kind="test.count", **extra):
    return services.job_enqueue(actor=user, kind=kind, title="Thử", **extra)


@pytest.mark.django_db
def test_enqueue_writes_the_job_and_its_task_in_one_transaction(world):
    job = enqueue(world.user("officer_a"), unit=world.unit_a)
    task = DBTaskResult.objects.get(id=job.task_id)
    assert task.status == "READY"
    assert task.args_kwargs == {"args": [str(job.pk)], "kwargs": {}}
    assert job.state == JobState.QUEUED


@pytest.mark.django_db
def test_a_rolled_back_enqueue_leaves_neither_job_nor_task(world):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue(world.user("officer_a"))
        raise RuntimeError
    assert Job.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db
def test_an_unknown_kind_is_refused_before_anything_is_written(world):
    with pytest.raises(KeyError):
        enqueue(world.user("officer_a"), kind="test.nothing")
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_the_worker_runs_a_job_to_done_with_its_progress_and_result(world):
    job = enqueue(world.user("officer_a"))
    assert run_queued_jobs() == 1
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == (JobState.DONE, 3, 3)
    assert job.result == {"counted": 3, "message": "Counted three."}
    assert job.message == "Counted three."
    assert job.attempts == 1
    assert job.started_at is not None and job.finished_at >= job.started_at
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"


@pytest.mark.django_db
def test_a_job_error_fails_the_job_with_row_errors(world):
    job = enqueue(world.user("officer_a"), kind="test.refuse")
    run_queued_jobs()
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.message == "Two rows are wrong."
    assert job.error_count == 2
    assert job.errors[0] == {"row": 2, "column": "Ngày", "message": "bad"}


@pytest.mark.django_db
def test_an_unexpected_error_fails_the_job_and_keeps_nothing_it_wrote(world):
    job = enqueue(world.user("officer_a"), kind="test.crash")
    run_queued_jobs()
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert "lỗi ngoài dự kiến" in job.message
    assert "boom" not in job.message
    assert not AuditEntry.objects.filter(action="test.half_written").exists()


@pytest.mark.django_db
def test_a_task_delivered_twice_runs_the_job_once(world):
    job = enqueue(world.user("officer_a"))
    run_queued_jobs()
    assert services.job_run(job_id=str(job.pk)) == "skipped"
    job.refresh_from_db()
    assert job.attempts == 1


def _stall(job, *, attempts=1, minutes=10):
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, attempts=attempts, heartbeat_at=timezone.now() - timedelta(minutes=minutes)
    )
    DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING")


@pytest.mark.django_db
def test_a_stalled_retry_safe_job_is_queued_again_and_then_completes(world):
    job = enqueue(world.user("officer_a"))
    _stall(job)
    old_task = job.task_id
    assert services.jobs_recover_stalled() == {"requeued": 1, "failed": 0}
    job.refresh_from_db()
    assert job.state == JobState.QUEUED and job.task_id != old_task
    assert DBTaskResult.objects.get(id=old_task).status == "FAILED"
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.DONE, 2)


@pytest.mark.django_db
def test_a_stalled_job_out_of_attempts_is_marked_failed(world):
    job = enqueue(world.user("officer_a"))
    _stall(job, attempts=2)
    assert services.jobs_recover_stalled() == {"requeued": 0, "failed": 1}
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.finished_at is not None
    assert DBTaskResult.objects.filter(status="READY").count() == 0


@pytest.mark.django_db
def test_a_stalled_job_that_is_not_retry_safe_is_failed_not_rerun(world):
    job = enqueue(world.user("officer_a"), kind="test.unsafe")
    _stall(job)
    assert services.jobs_recover_stalled() == {"requeued": 0, "failed": 1}


@pytest.mark.django_db
def test_a_job_with_a_recent_heartbeat_is_left_running(world):
    job = enqueue(world.user("officer_a"))
    _stall(job, minutes=0)
    assert services.jobs_recover_stalled() == {"requeued": 0, "failed": 0}
    job.refresh_from_db()
    assert job.state == JobState.RUNNING


@pytest.mark.django_db
def test_periodic_work_runs_when_due_and_not_again_until_its_interval_passed():
    CALLS.clear()
    now = timezone.now()
    assert "test.tick" in services.periodic_run_due(now=now, only="test.tick")
    assert services.periodic_run_due(now=now + timedelta(minutes=30), only="test.tick") == []
    assert "test.tick" in services.periodic_run_due(now=now + timedelta(hours=1), only="test.tick")
    assert CALLS == ["tick", "tick"]
    run = PeriodicRun.objects.get(name="test.tick")
    assert run.locked_until is None and run.last_error == ""


@pytest.mark.django_db
def test_periodic_work_held_by_another_scheduler_is_not_run_twice():
    CALLS.clear()
    now = timezone.now()
    PeriodicRun.objects.create(name="test.tick", locked_until=now + timedelta(minutes=5), locked_by="other")
    assert services.periodic_run_due(now=now, only="test.tick") == []
    assert CALLS == []
    # A lease left by a scheduler that died expires.
    assert services.periodic_run_due(now=now + timedelta(minutes=6), only="test.tick") == ["test.tick"]


@pytest.mark.django_db
def test_recovery_is_registered_as_periodic_work():
    from thidua.jobs.registry import periodic_work

    assert {"jobs.recover_stalled", "jobs.prune_queue"} <= set(periodic_work())
