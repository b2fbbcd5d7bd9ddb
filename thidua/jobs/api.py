from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema

from thidua.core.api_types import error_responses
from thidua.jobs.models import Job
from thidua.jobs.selectors import job_for_user, recent_jobs
from thidua.organizations.api_auth import UserSessionAuth

router = Router(tags=["jobs"])


class JobRowError(Schema):
    row: int | None = None
    column: str = ""
    message: str


class JobOut(Schema):
    id: UUID
    kind: str
    title: str
    state: str
    done: int
    total: int | None
    percent: int | None
    message: str
    result: dict[str, Any]
    download_url: str | None
    errors: list[JobRowError]
    error_count: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    url: str


def job_out(job: Job) -> dict[str, Any]:
    return {
        "id": job.pk,
        "kind": job.kind,
        "title": job.title,
        "state": job.state,
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "result": job.result,
        "download_url": reverse("job-download", args=[job.pk]) if job.result_file else None,
        "errors": [
            {
                "row": error.get("row"),
                "column": str(error.get("column", "")),
                "message": str(error.get("message", "")),
            }
            for error in job.errors
        ],
        "error_count": job.error_count,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "url": reverse("job-detail", args=[job.pk]),
    }


@router.get(
    "/jobs",
    response={200: list[JobOut], **error_responses(401)},
    auth=[UserSessionAuth()],
    summary="The signed-in person's recent jobs",
)
def list_jobs(request: HttpRequest):
    return [job_out(job) for job in recent_jobs(request.user, limit=50)]


@router.get(
    "/jobs/{job_id}",
    response={200: JobOut, **error_responses(401, 404, 422)},
    auth=[UserSessionAuth()],
    summary="One job's state and progress (for the person who started it and district officers)",
)
def get_job(request: HttpRequest, job_id: UUID):
    return job_out(job_for_user(request.user, job_id))
