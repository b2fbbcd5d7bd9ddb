"""Staff pages: the district table, a unit's satisfaction page, collection points and posters, paper forms."""

import hashlib
import uuid

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.campaigns.forms import YearForm as CampaignYearForm
from thidua.campaigns.years import YearView, campaign_years_all, year_view
from thidua.core.collation import vietnamese
from thidua.core.public_address import (
    configured_address_differs,
    public_base_url,
    public_url,
    request_base_url,
)
from thidua.core.uploads import XLSX
from thidua.jobs.selectors import job_for_user
from thidua.jobs.services import job_enqueue
from thidua.organizations.access import (
    get_object_for_user,
    has_any_role,
    require,
    user_can,
    visible_units,
)
from thidua.organizations.models import AUTHORITY_ABOVE_COMMUNES, Role, Unit
from thidua.surveys import caches, imports, selectors, services
from thidua.surveys import jobs as survey_jobs
from thidua.surveys.exports import CommentsExporter, DistrictExporter, UnitExporter
from thidua.surveys.forms import (
    CollectionPointForm,
    ImportForm,
    PaperDayForm,
    TransactionVolumeForm,
    YearForm,
)
from thidua.surveys.models import CollectionPoint, ImportBatch, Response
from thidua.surveys.questionnaires import SCALE


def _year(request: HttpRequest, unit_ids) -> tuple[YearView | None, YearForm | CampaignYearForm]:
    """The year the page shows (``campaigns.years``: the campaign year in progress or the latest with ratings)
    and its selector, bound to that year."""
    form = YearForm(request.GET)
    if not form.is_valid():
        return None, form
    view = year_view(
        form.cleaned_data["year"],
        years=campaign_years_all(),
        with_data=selectors.years_with_ratings(unit_ids),
        today=timezone.localdate(),
    )
    return view, CampaignYearForm.showing(view)


def _unit(request: HttpRequest, code: str, action: str = "satisfaction.view") -> Unit:
    unit = get_object_for_user(
        Unit.objects.all(), request.user, "satisfaction.view", unit_field="id", code=code
    )
    require(request.user, action, unit)
    return unit


@login_required
def district(request: HttpRequest) -> HttpResponse:
    require(request.user, "satisfaction.view")
    visible = visible_units(request.user, "satisfaction.view")
    shown, form = _year(request, visible.values("id"))
    if shown is None:
        return render(request, "surveys/district.html", {"form": form, "rows": []}, status=400)
    year = shown.year
    start, end = selectors.year_bounds(year)
    units = list(
        visible_units(request.user, "satisfaction.view")
        .exclude(kind__in=AUTHORITY_ABOVE_COMMUNES)
        .overlapping(start, end)
        .order_by("kind", vietnamese("name"), "code")
    )
    summaries = selectors.unit_summaries([unit.pk for unit in units], start, end)
    targets = selectors.satisfaction_targets(units, year)
    rows = [
        {
            "unit": unit,
            "summary": summaries[unit.pk],
            "target": targets.get(unit.pk),
            "verdict": selectors.satisfaction_verdict(summaries[unit.pk], targets.get(unit.pk)),
        }
        for unit in units
    ]
    if request.GET.get("format") == "xlsx":
        require(request.user, "satisfaction.export")
        return DistrictExporter(rows, year).response("xlsx", request)
    counts = {
        status: sum(1 for row in rows if row["verdict"] == status) for status in ("met", "not_met", "no_data")
    }
    # Of the units without a verdict, those with an index that rests on too few responses.
    counts["too_few_responses"] = sum(
        1
        for row in rows
        if row["verdict"] == "no_data" and row["summary"].data_status == selectors.TOO_FEW_RESPONSES
    )
    counts["no_data"] -= counts["too_few_responses"]
    return render(
        request,
        "surveys/district.html",
        {
            "form": form,
            "year": year,
            "shown": shown,
            "can_edit_questionnaires": user_can(request.user, "questionnaire.manage"),
            "rows": rows,
            "counts": counts,
            "targets": sorted(set(targets.values()), key=lambda target: target.pk),
            "without_target": sum(1 for row in rows if row["target"] is None),
            "minimum": settings.SURVEY_MIN_RESPONSES,
            "query": f"year={year}",
            "elements": selectors.ELEMENTS,
            "columns": 6 + len(selectors.ELEMENTS),
        },
    )


@login_required
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(request, code)
    shown, form = _year(request, [unit.pk])
    if shown is None:
        return render(request, "surveys/unit.html", {"unit": unit, "form": form}, status=400)
    year = shown.year
    start, end = selectors.year_bounds(year)
    summary = selectors.unit_summaries([unit.pk], start, end)[unit.pk]
    target = selectors.satisfaction_targets([unit], year).get(unit.pk)
    trend = selectors.monthly_trend(unit_ids=[unit.pk], year=year)
    if request.GET.get("format") == "xlsx":
        require(request.user, "satisfaction.export")
        return UnitExporter(unit, year, trend, summary, target).response("xlsx", request)
    points = list(CollectionPoint.objects.filter(unit=unit).select_related("questionnaire"))
    point_summaries = selectors.point_summaries([point.pk for point in points], start, end)
    responses = Response.objects.filter(collection_point__unit=unit, day__range=(start, end))
    low = responses.filter(overall_level__lte=3)
    reason_counts: dict[str, int] = {}
    for reasons in low.exclude(reasons=[]).values_list("reasons", flat=True).iterator():
        for reason in reasons:
            reason_counts[reason] = reason_counts.get(reason, 0) + 1
    comments = selectors.unit_comments(unit.pk, start, end)[:30]
    has_demo = CollectionPoint.objects.filter(unit=unit, is_demo=True).exists()
    return render(
        request,
        "surveys/unit.html",
        {
            "unit": unit,
            "form": form,
            "year": year,
            "shown": shown,
            "summary": summary,
            "verdict": selectors.satisfaction_verdict(summary, target),
            "trend": trend,
            "trend_url": reverse("satisfaction-unit-trend", args=[unit.code]) + f"?year={year}",
            "points": [(point, point_summaries[point.pk]) for point in points],
            "reasons": sorted(reason_counts.items(), key=lambda item: -item[1]),
            "low_count": low.count(),
            "comments": comments,
            "target": target,
            "minimum": settings.SURVEY_MIN_RESPONSES,
            "has_demo": has_demo,
            "query": f"year={year}",
            "can_manage": user_can(request.user, "collection_point.manage", unit),
            "volume_form": TransactionVolumeForm(
                initial={"year": year, "transactions": summary.transactions}
            ),
        },
    )


@login_required
def unit_comments(request: HttpRequest, code: str) -> HttpResponse:
    """Every comment of the unit's year as XLSX or CSV, for the staff who may read the unit page."""
    unit = _unit(request, code, "satisfaction.export")
    shown, _form = _year(request, [unit.pk])
    year = shown.year if shown else None
    file_format = request.GET.get("format") or "xlsx"
    if year is None or file_format not in ("xlsx", "csv"):
        return HttpResponse(
            _("Give a year (for example 2021) and a format: xlsx or csv."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    start, end = selectors.year_bounds(year)
    return CommentsExporter(unit, year, selectors.unit_comments(unit.pk, start, end)).response(
        file_format, request
    )


@login_required
@require_POST
def transaction_volume(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(request, code, "collection_point.manage")
    form = TransactionVolumeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a year and a number of transactions of zero or more."))
        return redirect("satisfaction-unit", code=unit.code)
    services.transaction_volume_set(actor=request.user, unit=unit, **form.cleaned_data)
    messages.success(request, _("The number of transactions was saved."))
    return redirect(reverse("satisfaction-unit", args=[unit.code]) + f"?year={form.cleaned_data['year']}")


@login_required
@require_http_methods(["GET", "POST"])
def points(request: HttpRequest, code: str) -> HttpResponse:
    unit = _unit(request, code, "collection_point.view")
    can_manage = user_can(request.user, "collection_point.manage", unit)
    form = CollectionPointForm(unit=unit)
    status = 200
    if request.method == "POST":
        require(request.user, "collection_point.manage", unit)
        form = CollectionPointForm(request.POST, unit=unit)
        if form.is_valid():
            try:
                services.collection_point_create(actor=request.user, unit=unit, **form.cleaned_data)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("The collection point was created."))
                return redirect("satisfaction-points", code=unit.code)
        status = 400
    return render(
        request,
        "surveys/points.html",
        {
            "unit": unit,
            "points": CollectionPoint.objects.filter(unit=unit).select_related("questionnaire"),
            "form": form,
            "can_manage": can_manage,
            "public_base_url": public_base_url(request),
            # The district officer configures the address; a unit officer cannot act on the warning.
            "address_warning": has_any_role(request.user, {Role.DISTRICT_OFFICER})
            and configured_address_differs(request),
            "served_at": request_base_url(request),
        },
        status=status,
    )


def _point_for(request: HttpRequest, point_id: int, action: str) -> CollectionPoint:
    point = get_object_for_user(
        CollectionPoint.objects.select_related("unit", "questionnaire"),
        request.user,
        "collection_point.view",
        unit_field="unit",
        pk=point_id,
    )
    require(request.user, action, point.unit)
    return point


@login_required
@require_POST
def point_toggle(request: HttpRequest, point_id: int) -> HttpResponse:
    point = _point_for(request, point_id, "collection_point.manage")
    try:
        services.collection_point_set_active(actor=request.user, point=point, active=not point.is_active)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("satisfaction-points", code=point.unit.code)


@login_required
def poster(request: HttpRequest, point_id: int) -> HttpResponse:
    point = _point_for(request, point_id, "collection_point.view")
    size = "a5" if request.GET.get("size") == "a5" else "a4"
    rating_url = public_url(request, point.rating_path)
    qr = segno.make(rating_url, error="m")
    return render(
        request,
        "surveys/poster.html",
        {
            "point": point,
            "size": size,
            "rating_url": rating_url,
            "qr_svg": qr.svg_inline(scale=12 if size == "a4" else 8, border=2),
        },
    )


def _points_for_entry(request: HttpRequest, unit: Unit):
    return CollectionPoint.objects.filter(unit=unit, is_active=True).select_related("questionnaire")


@login_required
@require_http_methods(["GET", "POST"])
def paper_entry(request: HttpRequest, code: str) -> HttpResponse:
    """Keyboard-first entry of paper forms: digits 1–5 per question, Tab between fields, Enter saves."""
    unit = _unit(request, code, "paper_rating.enter")
    point_qs = _points_for_entry(request, unit)
    data = request.POST if request.method == "POST" else request.GET
    day_form = PaperDayForm(data or None, points=point_qs)
    chosen = None
    if day_form.is_bound and "point" in data:
        chosen = point_qs.filter(pk=data.get("point")).first() if data.get("point", "").isdigit() else None
    chosen = chosen or point_qs.first()
    errors: dict[str, str] = {}
    status = 200
    values = {}
    if request.method == "POST":
        values = dict(request.POST.items())
        if day_form.is_valid():
            point = day_form.cleaned_data["point"]
            answers = {key[2:]: value for key, value in request.POST.items() if key.startswith("q_")}
            try:
                services.paper_rating_enter(
                    actor=request.user,
                    point=point,
                    client_id=request.POST.get("client_id", ""),
                    day=day_form.cleaned_data["day"],
                    answers=answers,
                    dossier_code=request.POST.get("dossier_code"),
                    reasons=request.POST.getlist("reasons"),
                    comment=request.POST.get("comment"),
                )
            except ValidationError as error:
                errors = {field: " ".join(items) for field, items in error.message_dict.items()}
            else:
                messages.success(request, _("Form saved. Enter the next one."))
                day = day_form.cleaned_data["day"].strftime("%d/%m/%Y")
                return redirect(f"{request.path}?point={point.pk}&day={day}")
        status = 400
    specs = caches.question_specs(chosen.questionnaire) if chosen else []
    return render(
        request,
        "surveys/paper_entry.html",
        {
            "unit": unit,
            "day_form": day_form,
            "point": chosen,
            "questions": [
                {
                    "spec": spec,
                    "name": f"q_{spec.code}",
                    "value": values.get(f"q_{spec.code}", ""),
                    "error": errors.get(spec.code),
                }
                for spec in specs
            ],
            "errors": errors,
            "values": values,
            "client_id": request.POST.get("client_id") if errors else uuid.uuid4().hex,
            "scale": SCALE,
            "reasons": chosen.questionnaire.reasons if chosen else [],
            "day_value": values.get("day")
            or request.GET.get("day")
            or timezone.localdate().strftime("%d/%m/%Y"),
        },
        status=status,
    )


@login_required
def import_template(request: HttpRequest, point_id: int) -> HttpResponse:
    point = _point_for(request, point_id, "paper_rating.enter")
    response = HttpResponse(imports.template_xlsx(point), content_type=XLSX.content_type)
    response["Content-Disposition"] = f'attachment; filename="mau-phieu-{point.pk}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest, code: str) -> HttpResponse:
    """The upload is stored and put on the job queue at once; the job page shows the checking and storing."""
    unit = _unit(request, code, "paper_rating.enter")
    point_qs = _points_for_entry(request, unit)
    form = ImportForm(request.POST or None, request.FILES or None, points=point_qs)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            point = form.cleaned_data["point"]
            if upload.size > settings.SURVEY_IMPORT_MAX_BYTES:
                form.add_error(
                    "file",
                    _("The file is too large: at most %(mb)s MB.")
                    % {"mb": settings.SURVEY_IMPORT_MAX_BYTES // (1024 * 1024)},
                )
            else:
                content = upload.read()
                earlier = survey_jobs.earlier_import(point, hashlib.sha256(content).hexdigest())
                if earlier is not None:
                    form.add_error("file", survey_jobs.already_imported_message(earlier))
                else:
                    job = job_enqueue(
                        actor=request.user,
                        kind=survey_jobs.IMPORT_KIND,
                        title=_("Import of paper forms: %(point)s") % {"point": point.name},
                        unit=unit,
                        params={"point": point.pk, "confirm_duplicates": False},
                        input_bytes=content,
                        input_name=upload.name or "",
                    )
                    return redirect("job-detail", job_id=job.pk)
    recent = ImportBatch.objects.filter(collection_point__unit=unit).select_related(
        "created_by", "collection_point"
    )[:10]
    return render(
        request,
        "surveys/import.html",
        {"unit": unit, "form": form, "points": point_qs, "recent_imports": recent},
        status=status,
    )


@login_required
@require_POST
def import_confirm(request: HttpRequest, job_id) -> HttpResponse:
    """Run a refused import again, the person having confirmed that the identical rows are other forms."""
    refused = job_for_user(request.user, job_id)
    if (
        refused.kind != survey_jobs.IMPORT_KIND
        or not refused.result.get("confirm_url")
        or not refused.input_file
    ):
        raise Http404
    point = _point_for(request, refused.params["point"], "paper_rating.enter")
    with refused.input_file.open("rb") as handle:
        content = handle.read()
    job = job_enqueue(
        actor=request.user,
        kind=survey_jobs.IMPORT_KIND,
        title=refused.title,
        unit=point.unit,
        params={"point": point.pk, "confirm_duplicates": True},
        input_bytes=content,
        input_name=refused.input_name,
    )
    return redirect("job-detail", job_id=job.pk)


@login_required
def unit_trend(request: HttpRequest, code: str) -> JsonResponse:
    """The unit page's monthly trend as the dashboards' chart feed (drawn by ECharts on the page)."""
    from thidua.campaigns.dashboard import points_chart

    unit = _unit(request, code)
    shown, form = _year(request, [unit.pk])
    year = shown.year if shown else None
    if year is None:
        return JsonResponse(
            {"errors": {key: list(map(str, value)) for key, value in form.errors.items()}}, status=400
        )
    target = selectors.satisfaction_targets([unit], year).get(unit.pk)
    points = selectors.trend_points(selectors.monthly_trend(unit_ids=[unit.pk], year=year), target)
    chart = points_chart(
        "monthly-satisfaction_index",
        _("Monthly satisfaction index, %(year)s") % {"year": year},
        points,
        year,
        target,
    )
    chart["export_url"] = reverse("satisfaction-unit", args=[unit.code]) + f"?year={year}&format=xlsx"
    return JsonResponse({"charts": [chart], "filters": {"year": str(year)}, "scope": unit.official_name})
