"""The audit trail page (nhật ký hệ thống): district officers read every change as a sentence, and export it."""

from datetime import datetime, time, timedelta

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import describe
from thidua.core.exports import Column, Exporter, describe_filters
from thidua.core.models import AuditEntry
from thidua.organizations.access import require, scope_queryset, unit_ids_for
from thidua.organizations.audit_forms import AuditFilterForm
from thidua.organizations.models import Unit
from thidua.organizations.scope import scope_label


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


class AuditExporter(Exporter):
    """The same readable text as the page; the action code last, for people who filter spreadsheets by it."""

    filename = "nhat-ky"
    sheet_title = _("Audit trail")
    title = _("Audit trail of the system")
    columns = [
        Column(_("Time"), lambda row: row[0].created_at, 20),
        Column(_("Actor"), lambda row: row[0].actor_label or (row[0].actor.username if row[0].actor else "")),
        Column(_("Unit"), lambda row: row[0].unit or "", 30),
        Column(_("Action"), lambda row: row[1].name, 30),
        Column(_("Concerns"), lambda row: row[1].subject, 40),
        Column(_("What happened"), lambda row: row[1].sentence, 80),
        Column(_("Changed fields"), lambda row: row[1].changes_text(), 60),
        Column(_("Action code"), lambda row: row[0].action, 26),
    ]

    def __init__(self, queryset, form=None):
        self.queryset = queryset
        self.form = form

    def items(self):
        for entry in self.queryset.iterator(chunk_size=2000):
            yield entry, describe(entry)

    def count(self):
        return self.queryset.count()

    def describe_scope(self):
        unit = self.form.cleaned_data.get("unit") if self.form is not None and self.form.is_valid() else None
        return scope_label(self.exported_by, "audit.view", unit)

    def describe_period(self):
        return describe_filters(self.form, skip=["unit"])


def _covers_root(user) -> bool:
    roots = set(Unit.objects.filter(parent__isnull=True).values_list("id", flat=True))
    return bool(roots) and roots <= unit_ids_for(user, "audit.view")


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
            scoped = scoped.filter(action=data["action"])
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
        return AuditExporter(scoped, form).response(request.GET["format"], request)
    page = Paginator(scoped, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "organizations/audit_list.html",
        {
            "form": form,
            "page": page,
            "rows": [(entry, describe(entry)) for entry in page],
            "query": query.urlencode(),
        },
        status=400 if form.errors else 200,
    )
