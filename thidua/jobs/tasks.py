"""The one task on Django's queue: run a ``Job`` by its kind's handler.

Every job goes through ``run_job`` so the state, progress, heartbeat and failure handling live in one place.
"""

from django_tasks import task

from thidua.jobs import services


@task(queue_name="default")
def run_job(job_id: str) -> str:
    return services.job_run(job_id=job_id)
