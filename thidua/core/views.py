from datetime import datetime, time, timedelta

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from thidua.core.exports import Column, Exporter
from thidua.core.forms import AuditFilterForm
from thidua.core.models import AuditEntry
from thidua.core.public import public
from thidua.organizations.access import require, scope_queryset


@public
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse(
            {"status": "error", "database": "unavailable", "error": type(error).__name__}, status=503
        )
    return JsonResponse({"status": "ok", "database": connection.vendor, "time": timezone.now().isoformat()})


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


class AuditExporter(Exporter):
    filename = "nhat-ky"
    sheet_title = _("Audit trail")
    columns = [
        Column(_("Time"), lambda entry: entry.created_at, 20),
        Column(_("Actor"), lambda entry: entry.actor_label or (entry.actor.username if entry.actor else "")),
        Column(_("Unit"), lambda entry: entry.unit or "", 30),
        Column(_("Action"), lambda entry: entry.action, 26),
        Column(_("Target"), lambda entry: entry.target_label, 40),
        Column(_("Data"), lambda entry: entry.data, 60),
    ]

    def __init__(self, queryset):
        self.queryset = queryset

    def items(self):
        return self.queryset.iterator(chunk_size=2000)


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "audit.view")
    entries = AuditEntry.objects.select_related("actor", "unit")
    # District officers see entries of the units they cover; entries without a unit are district-wide.
    scoped = scope_queryset(entries, request.user, "audit.view")
    if request.user.is_superuser or _covers_root(request.user):
        scoped = scoped | entries.filter(unit__isnull=True)
    form = AuditFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            scoped = scoped.filter(action__startswith=data["action"].strip())
        if data["unit"]:
            scoped = scoped.filter(unit=data["unit"])
        if data["actor"]:
            scoped = scoped.filter(actor__username__iexact=data["actor"].strip())
        if data["date_from"]:
            scoped = scoped.filter(created_at__gte=_day_start(data["date_from"]))
        if data["date_to"]:
            scoped = scoped.filter(created_at__lt=_day_start(data["date_to"] + timedelta(days=1)))
    elif form.is_bound:
        scoped = scoped.none()
    scoped = scoped.order_by("-created_at", "-id")
    if request.GET.get("format") in {"xlsx", "csv"} and not form.errors:
        return AuditExporter(scoped).response(request.GET["format"])
    page = Paginator(scoped, 50).get_page(request.GET.get("page"))
    actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit_list.html",
        {
            "form": form,
            "page": page,
            "actions": list(actions),
            "query": query.urlencode(),
        },
        status=400 if form.errors else 200,
    )


def _covers_root(user) -> bool:
    from thidua.organizations.access import unit_ids_for
    from thidua.organizations.models import Unit

    roots = set(Unit.objects.filter(parent__isnull=True).values_list("id", flat=True))
    return bool(roots) and roots <= unit_ids_for(user, "audit.view")


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
