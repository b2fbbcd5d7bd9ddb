"""The jobs app's own periodic work: recover jobs whose worker died, and forget old queue rows."""

from datetime import timedelta

from django.utils import timezone

from thidua.jobs.registry import PeriodicWork, register_periodic


def _recover() -> None:
    from thidua.jobs.services import jobs_recover_stalled

    jobs_recover_stalled()


def _prune_queue_rows() -> None:
    # The library's rows for finished tasks; the Job rows keep what people need to see.
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(
        status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=timezone.now() - timedelta(days=14)
    ).delete()


register_periodic(
    PeriodicWork(
        "jobs.recover_stalled", timedelta(minutes=1), _recover, "Recover jobs whose worker was killed"
    )
)
register_periodic(
    PeriodicWork(
        "jobs.prune_queue", timedelta(days=1), _prune_queue_rows, "Delete finished queue rows after 14 days"
    )
)
