"""For tests of any app: run what is on the queue now, in this process, through the real database worker."""

from unittest import mock

from django.test import override_settings


def run_queued_jobs(max_tasks: int | None = None) -> int:
    """Run queued tasks with django_tasks_db's own worker until the queue is empty; returns how many ran.

    The heartbeat thread is off here: inside a test's transaction another connection could not see the job. The
    worker's ``close_old_connections()`` is off too: inside a test's transaction autocommit is off, which Django
    takes for an obsolete connection, and on PostgreSQL it would close the test's own connection.
    """
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    before = DBTaskResult.objects.exclude(status="READY").count()
    with (
        override_settings(JOBS_HEARTBEAT_SECONDS=0),
        mock.patch.object(db_worker, "close_old_connections", lambda: None),
    ):
        Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=max_tasks,
            worker_id="test-worker",
            excluded_queue_names=[],
        ).run()
    return DBTaskResult.objects.exclude(status="READY").count() - before
