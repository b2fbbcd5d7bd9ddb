"""Which jobs a person may see: the ones they started, and, for district officers, every job of their units."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from thidua.jobs.models import Job
from thidua.organizations.access import unit_ids_for


def jobs_visible_to(user: Any) -> QuerySet[Job]:
    if user is None or not getattr(user, "is_authenticated", False):
        return Job.objects.none()
    units = unit_ids_for(user, "job.view_all")
    condition = Q(created_by=user)
    if units:
        condition |= Q(unit_id__in=units)
        if user.is_superuser:
            condition |= Q(unit__isnull=True)
    return Job.objects.filter(condition)


def job_for_user(user: Any, job_id: Any) -> Job:
    """The job, if the user may see it; otherwise 404 (never reveal another person's job)."""
    try:
        return jobs_visible_to(user).select_related("created_by", "unit").get(pk=job_id)
    except (Job.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    except Exception as error:  # a malformed UUID on some backends
        if type(error).__name__ == "ValidationError":
            raise Http404 from None
        raise


def recent_jobs(user: Any, limit: int = 20) -> list[Job]:
    return list(jobs_visible_to(user).filter(created_by=user).select_related("unit")[:limit])
