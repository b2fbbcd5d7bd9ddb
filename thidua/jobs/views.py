from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from thidua.jobs.registry import job_kinds
from thidua.jobs.selectors import job_for_user, recent_jobs


def _context(job) -> dict:
    kind = job_kinds().get(job.kind)
    return {"job": job, "kind_label": kind.label if kind else job.kind}


@login_required
@require_GET
def job_detail(request: HttpRequest, job_id) -> HttpResponse:
    job = job_for_user(request.user, job_id)
    # htmx polls the status fragment until the job is finished; without JavaScript the page offers a refresh link.
    template = "jobs/_status.html" if request.headers.get("HX-Request") else "jobs/job_detail.html"
    response = render(request, template, _context(job))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    return render(request, "jobs/job_list.html", {"jobs": recent_jobs(request.user, limit=50)})


@login_required
@require_GET
def job_result_download(request: HttpRequest, job_id) -> HttpResponse:
    job = job_for_user(request.user, job_id)
    if not job.result_file:
        raise Http404
    response = FileResponse(
        job.result_file.open("rb"), as_attachment=True, filename=job.result_name or "ket-qua"
    )
    response["Cache-Control"] = "private, no-store"
    return response
