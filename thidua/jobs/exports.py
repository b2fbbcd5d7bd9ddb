"""Big exports as jobs (xuất bảng lớn chạy nền).

A table longer than ``EXPORT_INLINE_MAX_ROWS`` is not written inside the web request: ``Exporter.response()`` hands
it to ``defer_export`` below, which enqueues an "export" job and redirects to the job page. The job runs the same
page again, as the same person, with the same filters (the path and query string it was asked with), so the rows
and the access checks are exactly those of a direct download: a person who lost the right to the table since gets
a failed job, not the file. The file is stored as the job's result, offered on the job page to whoever may see
the job (the person who asked; the job has no unit, so no one else's role reaches it).
"""

import re
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from thidua.core.exports import Exporter, register_export_deferral
from thidua.jobs.models import Job
from thidua.jobs.registry import JobError, JobKind, register_job_kind
from thidua.jobs.services import Progress, job_attach_result_file, job_enqueue

EXPORT_KIND = "export"
_FILENAME = re.compile(r'filename="([^"]+)"')


def defer_export(request: HttpRequest, exporter: Exporter, file_format: str, rows: int) -> HttpResponse:
    title = str(exporter.title or exporter.sheet_title)
    job = job_enqueue(
        actor=request.user,
        kind=EXPORT_KIND,
        title=gettext("Export: %(table)s") % {"table": title},
        params={
            "path": request.path,
            "query": request.GET.urlencode(),
            "format": file_format,
            "host": request.get_host(),
            "secure": request.is_secure(),
            "language": translation.get_language() or "vi",
        },
        total=rows,
    )
    return redirect("job-detail", job_id=job.pk)


def run_export(job: Job, progress: Progress) -> dict[str, Any]:
    user = job.created_by
    if user is None or not user.is_active:
        raise JobError(gettext("The person who asked for this export can no longer sign in."))
    path, query = job.params.get("path", ""), job.params.get("query", "")
    try:
        match = resolve(path)
    except Resolver404:
        raise JobError(gettext("This table can no longer be exported.")) from None
    request = _replayed_request(path, query, job.params)
    request.user = user
    request.export_in_job = True  # write the file here, do not defer again
    request.export_progress = lambda done: progress.advance(done)
    with translation.override(job.params.get("language") or "vi"):
        progress.say(gettext("Writing the file…"))
        try:
            response = match.func(request, *match.args, **match.kwargs)
        except (PermissionDenied, Http404):
            response = HttpResponse(status=403)
        disposition = response.get("Content-Disposition", "") if response.status_code == 200 else ""
        found = _FILENAME.search(disposition)
        if not found:
            # The page itself refused (access withdrawn, filters no longer valid): nothing to store.
            raise JobError(
                gettext("You may no longer export this table, or its filters are no longer valid.")
            )
        job_attach_result_file(job=job, content=response.content, filename=found.group(1))
        return {"message": gettext("The file is ready.")}


def _replayed_request(path: str, query: str, params: dict[str, Any]) -> HttpRequest:
    """The GET the person made, as the view sees it: path, query string, host and scheme (no cookies, no body)."""
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = path
    request.GET = QueryDict(query)
    host = str(params.get("host") or "localhost")
    request.META = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_HOST": host,
        "SERVER_NAME": host.split(":")[0],
        "SERVER_PORT": "443" if params.get("secure") else "80",
        "wsgi.url_scheme": "https" if params.get("secure") else "http",
    }
    return request


register_job_kind(JobKind(EXPORT_KIND, gettext_lazy("Export of a table"), run_export, retry_safe=True))
register_export_deferral(defer_export)
