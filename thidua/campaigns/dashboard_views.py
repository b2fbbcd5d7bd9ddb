"""The dashboards' pages, JSON feeds and exports. The figures are made in ``campaigns.dashboard``."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.campaigns.dashboard import Filters, district_dashboard, find_chart, unit_dashboard
from thidua.campaigns.exports import DASHBOARD_EXPORTERS
from thidua.campaigns.forms import DashboardFilterForm, dashboard_filters
from thidua.campaigns.models import Registration, RegistrationStatus
from thidua.core.panels import waiting_work_for
from thidua.organizations.access import get_object_for_user, require, scope_queryset, unit_ids_for
from thidua.organizations.models import Unit
from thidua.organizations.scope import scope_label

EXPORT_FORMATS = {"xlsx", "csv"}


def _errors(form: DashboardFilterForm) -> JsonResponse:
    return JsonResponse(
        {
            "errors": {
                field: [str(message) for message in messages] for field, messages in form.errors.items()
            }
        },
        status=400,
    )


def _with_exports(data: dict, base_url: str, query: dict[str, str]) -> dict:
    for chart in data["charts"]:
        chart["export_url"] = base_url + "?" + urlencode({**query, "chart": chart["code"], "format": "xlsx"})
    return data


def _export(request: HttpRequest, data: dict, scope: str) -> HttpResponse:
    chart = find_chart(data, request.GET.get("chart", ""))
    if chart is None or request.GET.get("format") not in EXPORT_FORMATS:
        raise Http404
    exporter = DASHBOARD_EXPORTERS[chart["kind"]](chart, scope=scope, period=data["scope"])
    exporter.filename = f"{exporter.filename}-{data['filters'].get('year', '')}".rstrip("-")
    return exporter.response(request.GET["format"], request)


# ---- district ---------------------------------------------------------------------------------------------------


def _district_data(request: HttpRequest) -> tuple[dict | None, DashboardFilterForm]:
    require(request.user, "dashboard.district")
    filters, form = dashboard_filters(request)
    if filters is None:
        return None, form
    return district_dashboard(filters, unit_ids_for(request.user, "dashboard.district")), form


@login_required
@require_GET
def district_data(request: HttpRequest) -> JsonResponse:
    data, form = _district_data(request)
    if data is None:
        return _errors(form)
    return JsonResponse(_with_exports(data, reverse("dashboard-district-export"), data["filters"]))


@login_required
@require_GET
def district_export(request: HttpRequest) -> HttpResponse:
    data, form = _district_data(request)
    if data is None:
        return _errors(form)
    return _export(request, data, scope_label(request.user, "dashboard.district"))


# ---- unit -------------------------------------------------------------------------------------------------------


def _unit_and_filters(request: HttpRequest, unit_code: str):
    unit = get_object_for_user(
        Unit.objects.all(), request.user, "dashboard.unit", unit_field="id", code=unit_code
    )
    filters, form = dashboard_filters(request)
    return unit, filters, form


def _unit_data(unit: Unit, filters: Filters) -> dict:
    if filters.campaign is None or filters.year is None:
        return {
            "unit": {"code": unit.code, "name": unit.official_name},
            "charts": [],
            "filters": {},
            "scope": "",
        }
    return unit_dashboard(unit, filters.campaign, filters.year)


@login_required
@require_GET
def unit_page(request: HttpRequest, unit_code: str) -> HttpResponse:
    unit, filters, form = _unit_and_filters(request, unit_code)
    waiting = []
    if filters is not None:
        registrations = scope_queryset(
            Registration.objects.filter(unit=unit)
            .exclude(status=RegistrationStatus.CONFIRMED)
            .select_related("campaign"),
            request.user,
            "registration.view",
        )
        waiting = [
            (
                reverse("registration-detail", args=[registration.pk]),
                _("Registration for %(campaign)s, %(year)s (%(status)s)")
                % {
                    "campaign": registration.campaign.number,
                    "year": registration.year,
                    "status": registration.get_status_display(),
                },
            )
            for registration in registrations
        ]
    form.fields.pop("kind", None)  # one unit: the kind filter has nothing to choose
    more_work = waiting_work_for(request.user)
    query = urlencode(filters.query()) if filters else ""
    return render(
        request,
        "campaigns/unit_dashboard.html",
        {
            "unit": unit,
            "form": form,
            "filters": filters,
            "waiting": waiting,
            "more_work": more_work,
            "data_url": reverse("dashboard-unit-data", args=[unit.code]) + (f"?{query}" if query else ""),
        },
        status=200 if filters is not None else 400,
    )


@login_required
@require_GET
def unit_data(request: HttpRequest, unit_code: str) -> JsonResponse:
    unit, filters, form = _unit_and_filters(request, unit_code)
    if filters is None:
        return _errors(form)
    data = _unit_data(unit, filters)
    query = {"campaign": data["filters"].get("campaign", ""), "year": data["filters"].get("year", "")}
    return JsonResponse(_with_exports(data, reverse("dashboard-unit-export", args=[unit.code]), query))


@login_required
@require_GET
def unit_export(request: HttpRequest, unit_code: str) -> HttpResponse:
    unit, filters, form = _unit_and_filters(request, unit_code)
    if filters is None:
        return _errors(form)
    return _export(request, _unit_data(unit, filters), unit.official_name or unit.name)
