"""Pages of office-culture inspections. Views parse and authorise; services change state."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.campaigns.forms import YearForm
from thidua.campaigns.years import YearView, campaign_years_all, year_view
from thidua.core.collation import vietnamese
from thidua.core.documents import DOCX_CONTENT_TYPE
from thidua.core.forms import add_service_errors
from thidua.core.pdf import pdf_response
from thidua.core.uploads import private_file_response
from thidua.inspections import services
from thidua.inspections.documents import inspection_record_docx
from thidua.inspections.exports import FindingExporter, InspectionExporter, RemediationExporter
from thidua.inspections.forms import (
    AnswerForm,
    ChecklistForm,
    ChecklistGroupFormSet,
    ChecklistItemForm,
    ChecklistRowFormSet,
    ConclusionForm,
    DisciplineForm,
    FilterForm,
    InspectionCreateForm,
    PhotoForm,
    ReasonForm,
    RemediationActionForm,
    RemediationCloseForm,
    RemediationOpenForm,
)
from thidua.inspections.models import (
    DISTRICT_KINDS,
    ChecklistItem,
    ChecklistTemplate,
    DisciplineRecord,
    Finding,
    FindingPhoto,
    FindingResult,
    Inspection,
    InspectionKind,
    InspectionStatus,
    Remediation,
    RemediationEvidence,
    RemediationStatus,
)
from thidua.inspections.selectors import (
    DEFAULT_CHECKLIST_CODE,
    current_template,
    current_templates,
    group_scores,
    inspection_score,
    overdue_filter,
    template_for_unit,
    unit_compliance,
    years_with_inspections,
)
from thidua.organizations.access import (
    authority_owner_for,
    get_object_for_user,
    holds_role_at_root,
    may_edit_owned,
    may_see_owned,
    own_authority,
    require,
    scope_queryset,
    unit_ids_for,
    user_can,
    visible_owned,
    visible_units,
)
from thidua.organizations.models import AUTHORITY_ABOVE_COMMUNES, COMMITTEE_KINDS, Role, Unit, User


def _problem(request: HttpRequest, message: str, back: str, status: int = 400) -> HttpResponse:
    return render(request, "inspections/problem.html", {"message": message, "back": back}, status=status)


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _year(request: HttpRequest) -> int | None:
    """The year asked for, or this year; None when the parameter is not a sensible year."""
    raw = request.GET.get("year", "")
    if not raw:
        return timezone.localdate().year
    try:
        year = int(raw)
    except ValueError:
        return None
    return year if 2000 <= year <= 2100 else None


def _year_view(request: HttpRequest, unit_ids) -> YearView | None:
    """The year a compliance page shows (``campaigns.years``), or None when the parameter is not a sensible year."""
    raw = request.GET.get("year", "")
    requested = _year(request) if raw else None
    if raw and requested is None:
        return None
    return year_view(
        requested,
        years=campaign_years_all(),
        with_data=years_with_inspections(unit_ids),
        today=timezone.localdate(),
    )


def _inspection(request: HttpRequest, inspection_id: int) -> Inspection:
    return get_object_for_user(
        Inspection.objects.select_related(
            "unit__parent", "template", "created_by", "submitted_by", "reviewed_by"
        ),
        request.user,
        "inspection.view",
        pk=inspection_id,
    )


# --- inspections ------------------------------------------------------------------------------------------


@login_required
@require_GET
def inspection_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "inspection.view")
    units = visible_units(request.user, "inspection.view").exclude(kind__in=AUTHORITY_ABOVE_COMMUNES)
    form = FilterForm(request.GET or None, units=units)
    inspections = scope_queryset(
        Inspection.objects.select_related("unit", "template"), request.user, "inspection.view"
    )
    if form.is_bound and not form.is_valid():
        return render(
            request, "inspections/inspection_list.html", {"form": form, "inspections": []}, status=400
        )
    if form.is_bound:
        data = form.cleaned_data
        if data["year"]:
            inspections = inspections.filter(inspected_on__year=data["year"])
        if data["unit"]:
            inspections = inspections.filter(unit=data["unit"])
        if data["kind"]:
            inspections = inspections.filter(kind=data["kind"])
    if request.GET.get("format") == "xlsx":
        if request.GET.get("table") == "findings":
            return FindingExporter(
                Finding.objects.filter(inspection__in=inspections).select_related("inspection__unit", "item"),
                form,
            ).response("xlsx", request)
        return InspectionExporter(inspections.prefetch_related("findings__item"), form).response(
            "xlsx", request
        )
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("table", None)
    return render(
        request,
        "inspections/inspection_list.html",
        {
            "form": form,
            "inspections": inspections[:500],
            "can_create": user_can(request.user, "inspection.record")
            or user_can(request.user, "inspection.self_record"),
            "query": query.urlencode(),
        },
    )


def _record_kinds(user) -> list[str]:
    kinds = []
    if user_can(user, "inspection.record"):
        kinds += [InspectionKind.SCHEDULED, InspectionKind.UNANNOUNCED]
    if user_can(user, "inspection.self_record"):
        kinds.append(InspectionKind.SELF)
    return kinds


@login_required
def inspection_create(request: HttpRequest) -> HttpResponse:
    kinds = _record_kinds(request.user)
    if not kinds:
        raise PermissionDenied
    units = (
        (
            visible_units(request.user, "inspection.record")
            | visible_units(request.user, "inspection.self_record")
        )
        .exclude(kind__in=AUTHORITY_ABOVE_COMMUNES)
        .distinct()
    )
    district_ids = unit_ids_for(request.user, "inspection.record")
    inspectors = User.objects.filter(
        is_active=True,
        memberships__role__in=[Role.INSPECTOR, Role.DISTRICT_OFFICER],
        memberships__is_active=True,
        memberships__unit__in=Unit.objects.filter(id__in=district_ids).filter(
            Q(kind__in=COMMITTEE_KINDS) | Q(parent__isnull=True)
        ),
    ).distinct()
    if not district_ids:
        # A unit officer's self-inspection has no district team to choose from.
        inspectors = User.objects.none()
    form = InspectionCreateForm(request.POST or None, units=units, kinds=kinds, inspectors=inspectors)
    # The checklist of the user's own authority (its own, else the shared one); each unit's is chosen on saving.
    first_unit = units.select_related("parent").first()
    template = template_for_unit(first_unit) if first_unit is not None else current_template()
    if request.method == "POST":
        if template is None and not ChecklistTemplate.objects.exists():
            return _problem(request, _("No checklist has been set up yet."), reverse("inspection-list"))
        if form.is_valid():
            data = form.cleaned_data
            action = "inspection.record" if data["kind"] in DISTRICT_KINDS else "inspection.self_record"
            template = template_for_unit(data["unit"])
            if template is None:
                form.add_error("unit", _("No checklist has been set up for this unit's authority yet."))
            elif not user_can(request.user, action, data["unit"]):
                form.add_error("unit", _("You may not record this kind of inspection for this unit."))
            else:
                try:
                    inspection = services.inspection_create(
                        actor=request.user,
                        unit=data["unit"],
                        kind=data["kind"],
                        inspected_on=data["inspected_on"],
                        template=template,
                        inspectors=list(data.get("inspectors", [])),
                        team_note=data["team_note"],
                    )
                except ValidationError as error:
                    for message in error.messages:
                        form.add_error(None, message)
                else:
                    messages.success(
                        request, _("The inspection was created. Record each item as you check it.")
                    )
                    return redirect("inspection-form", inspection_id=inspection.pk)
    return render(
        request,
        "inspections/inspection_create.html",
        {"form": form, "template": template},
        status=400 if request.method == "POST" else 200,
    )


def _findings_by_item(inspection: Inspection) -> dict[int, Finding]:
    findings = inspection.findings.select_related("remediation").prefetch_related("photos")
    return {finding.item_id: finding for finding in findings}


def _item_rows(inspection: Inspection, *, with_remediation_forms: bool = False):
    findings = _findings_by_item(inspection)
    rows = []
    for item in inspection.template.items_for(inspection.unit):
        finding = findings.get(item.pk)
        row = {"item": item, "finding": finding}
        if with_remediation_forms and finding and finding.result == FindingResult.FAIL:
            # One form per failed item on the page: distinct ids keep each label tied to its own field.
            row["remediation_form"] = RemediationOpenForm(auto_id=f"id_remediation_{item.pk}_%s")
        rows.append(row)
    return rows


@login_required
@require_GET
def inspection_detail(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = _inspection(request, inspection_id)
    unit = inspection.unit
    rows = _item_rows(inspection, with_remediation_forms=user_can(request.user, "remediation.open", unit))
    return render(
        request,
        "inspections/inspection_detail.html",
        {
            "inspection": inspection,
            "rows": rows,
            "score": inspection_score(inspection),
            "group_scores": group_scores(inspection),
            "inspectors": inspection.inspectors.all(),
            "can_record": inspection.is_editable and user_can(request.user, inspection.record_action, unit),
            "can_review": inspection.status == InspectionStatus.SUBMITTED
            and user_can(request.user, inspection.review_action, unit),
            "can_open_remediation": user_can(request.user, "remediation.open", unit),
            "conclusion_form": ConclusionForm(initial={"conclusion": inspection.conclusion}),
            "return_form": ReasonForm(),
        },
    )


@login_required
@require_GET
def inspection_form(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = _inspection(request, inspection_id)
    require(request.user, inspection.record_action, inspection.unit)
    if not inspection.is_editable:
        messages.warning(
            request, _("This inspection has been submitted; its answers can no longer be changed.")
        )
        return redirect("inspection-detail", inspection_id=inspection.pk)
    rows = _item_rows(inspection)
    answered = sum(1 for row in rows if row["finding"] and row["finding"].result)
    return render(
        request,
        "inspections/inspection_form.html",
        {
            "inspection": inspection,
            "rows": rows,
            "answered": answered,
            "results": FindingResult.choices,
            "conclusion_form": ConclusionForm(initial={"conclusion": inspection.conclusion}),
        },
    )


def _editable_item(
    request: HttpRequest, inspection_id: int, item_id: int
) -> tuple[Inspection, ChecklistItem]:
    inspection = _inspection(request, inspection_id)
    require(request.user, inspection.record_action, inspection.unit)
    item = ChecklistItem.objects.filter(pk=item_id, template_id=inspection.template_id).first()
    if item is None or not item.applies_to(inspection.unit):
        raise Http404
    return inspection, item


@login_required
@require_POST
def answer_save(request: HttpRequest, inspection_id: int, item_id: int) -> HttpResponse:
    """Save one answer. Answers JSON to the page's script and redirects a plain form submit back to the item."""
    inspection, item = _editable_item(request, inspection_id, item_id)
    back = reverse("inspection-form", kwargs={"inspection_id": inspection.pk}) + f"#item-{item.pk}"
    form = AnswerForm(request.POST)
    error = None
    if not form.is_valid():
        error = " ".join(message for messages_ in form.errors.values() for message in messages_)
    else:
        try:
            finding, changed = services.finding_save(
                actor=request.user,
                inspection=inspection,
                item=item,
                result=form.cleaned_data["result"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if error:
        if _wants_json(request):
            return JsonResponse({"saved": False, "error": error}, status=400)
        return _problem(request, error, back)
    if _wants_json(request):
        return JsonResponse(
            {
                "saved": True,
                "changed": changed,
                "item": item.pk,
                "result": finding.result,
                "note": finding.note,
            }
        )
    messages.success(request, _("Saved."))
    return redirect(back)


@login_required
@require_POST
def photo_upload(request: HttpRequest, inspection_id: int, item_id: int) -> HttpResponse:
    inspection, item = _editable_item(request, inspection_id, item_id)
    back = reverse("inspection-form", kwargs={"inspection_id": inspection.pk}) + f"#item-{item.pk}"
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        return _problem(request, _("Choose a photo to upload."), back)
    try:
        services.finding_photo_add(
            actor=request.user, inspection=inspection, item=item, uploaded=form.cleaned_data["photo"]
        )
    except ValidationError as error:
        return _problem(request, " ".join(error.messages), back)
    messages.success(request, _("The photo was added."))
    return redirect(back)


@login_required
@require_GET
def photo_view(request: HttpRequest, photo_id: int) -> HttpResponse:
    photo = get_object_for_user(
        FindingPhoto.objects.all(),
        request.user,
        "inspection.view",
        unit_field="finding__inspection__unit",
        pk=photo_id,
    )
    return private_file_response(
        photo.file,
        filename=f"anh-{photo.pk}.{photo.file.name.rsplit('.', 1)[-1]}",
        content_type=photo.content_type,
        inline=True,
    )


def _transition(request, inspection: Inspection, service, success: str, **kwargs) -> HttpResponse:
    try:
        service(actor=request.user, inspection=inspection, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("inspection-detail", inspection_id=inspection.pk)
    messages.success(request, success)
    return redirect("inspection-detail", inspection_id=inspection.pk)


@login_required
@require_POST
def inspection_submit(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = _inspection(request, inspection_id)
    require(request.user, inspection.record_action, inspection.unit)
    form = ConclusionForm(request.POST)
    conclusion = form.cleaned_data["conclusion"] if form.is_valid() else ""
    return _transition(
        request,
        inspection,
        services.inspection_submit,
        _("The inspection was submitted."),
        conclusion=conclusion,
    )


@login_required
@require_POST
def inspection_review(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = _inspection(request, inspection_id)
    require(request.user, inspection.review_action, inspection.unit)
    form = ConclusionForm(request.POST)
    conclusion = form.cleaned_data["conclusion"] if form.is_valid() else ""
    return _transition(
        request,
        inspection,
        services.inspection_review,
        _("The inspection was reviewed."),
        conclusion=conclusion,
    )


@login_required
@require_POST
def inspection_return(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = _inspection(request, inspection_id)
    require(request.user, inspection.review_action, inspection.unit)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the inspection is returned."))
        return redirect("inspection-detail", inspection_id=inspection.pk)
    return _transition(
        request,
        inspection,
        services.inspection_return,
        _("The inspection was returned to its team."),
        reason=form.cleaned_data["reason"],
    )


@login_required
@require_GET
def inspection_document(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = _inspection(request, inspection_id)
    response = HttpResponse(inspection_record_docx(inspection), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="bien-ban-kiem-tra-{inspection.pk}.docx"'
    return response


@login_required
@require_GET
def inspection_document_pdf(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = _inspection(request, inspection_id)
    return pdf_response(request, inspection_record_docx(inspection), f"bien-ban-kiem-tra-{inspection.pk}.pdf")


# --- remediation ------------------------------------------------------------------------------------------


def _remediation(request: HttpRequest, remediation_id: int) -> Remediation:
    return get_object_for_user(
        Remediation.objects.select_related("unit", "finding__item", "finding__inspection", "opened_by"),
        request.user,
        "remediation.view",
        pk=remediation_id,
    )


@login_required
@require_POST
def remediation_open(request: HttpRequest, finding_id: int) -> HttpResponse:
    finding = get_object_for_user(
        Finding.objects.select_related("inspection__unit"),
        request.user,
        "inspection.view",
        unit_field="inspection__unit",
        pk=finding_id,
    )
    require(request.user, "remediation.open", finding.inspection.unit)
    back = reverse("inspection-detail", kwargs={"inspection_id": finding.inspection_id})
    form = RemediationOpenForm(request.POST)
    if not form.is_valid():
        errors = " ".join(message for field_errors in form.errors.values() for message in field_errors)
        return _problem(request, errors, back)
    try:
        remediation = services.remediation_open(actor=request.user, finding=finding, **form.cleaned_data)
    except ValidationError as error:
        return _problem(request, " ".join(error.messages), back)
    messages.success(request, _("The remediation was opened."))
    return redirect("remediation-detail", remediation_id=remediation.pk)


@login_required
@require_GET
def remediation_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "remediation.view")
    remediations = scope_queryset(
        Remediation.objects.select_related("unit", "finding__item", "finding__inspection"),
        request.user,
        "remediation.view",
    )
    today = timezone.localdate()
    shown = request.GET.get("show", "")
    if shown == "overdue":
        remediations = remediations.filter(overdue_filter(today))
    elif shown == "open":
        remediations = remediations.exclude(status=RemediationStatus.CLOSED)
    elif shown not in ("", "all"):
        return _problem(request, _("Unknown filter."), reverse("remediation-list"))
    if request.GET.get("format") == "xlsx":
        return RemediationExporter(remediations, shown).response("xlsx", request)
    return render(
        request,
        "inspections/remediation_list.html",
        {
            "remediations": remediations,
            "today": today,
            "shown": shown,
            "overdue_count": remediations.filter(overdue_filter(today)).count()
            if shown != "overdue"
            else None,
            "query": f"show={shown}" if shown else "",
        },
    )


@login_required
@require_GET
def remediation_detail(request: HttpRequest, remediation_id: int) -> HttpResponse:
    remediation = _remediation(request, remediation_id)
    unit = remediation.unit
    return render(
        request,
        "inspections/remediation_detail.html",
        {
            "remediation": remediation,
            "evidence": remediation.evidence.all(),
            "finding_photos": remediation.finding.photos.all(),
            "can_act": remediation.status == RemediationStatus.OPEN
            and user_can(request.user, "remediation.act", unit),
            "can_close": remediation.status == RemediationStatus.ACTION_RECORDED
            and user_can(request.user, "remediation.close", unit),
            "action_form": RemediationActionForm(),
            "close_form": RemediationCloseForm(),
            "reopen_form": ReasonForm(),
        },
    )


@login_required
@require_POST
def remediation_action(request: HttpRequest, remediation_id: int) -> HttpResponse:
    remediation = _remediation(request, remediation_id)
    require(request.user, "remediation.act", remediation.unit)
    back = reverse("remediation-detail", kwargs={"remediation_id": remediation.pk})
    form = RemediationActionForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = " ".join(message for field_errors in form.errors.values() for message in field_errors)
        return _problem(request, errors, back)
    try:
        services.remediation_record_action(
            actor=request.user,
            remediation=remediation,
            action_taken=form.cleaned_data["action_taken"],
            photos=form.cleaned_data["photos"],
        )
    except ValidationError as error:
        return _problem(request, " ".join(error.messages), back)
    messages.success(request, _("The action was recorded; the district will verify it."))
    return redirect(back)


@login_required
@require_POST
def remediation_close(request: HttpRequest, remediation_id: int) -> HttpResponse:
    remediation = _remediation(request, remediation_id)
    require(request.user, "remediation.close", remediation.unit)
    form = RemediationCloseForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.remediation_close(actor=request.user, remediation=remediation, note=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The remediation was verified and closed."))
    return redirect("remediation-detail", remediation_id=remediation.pk)


@login_required
@require_POST
def remediation_reopen(request: HttpRequest, remediation_id: int) -> HttpResponse:
    remediation = _remediation(request, remediation_id)
    require(request.user, "remediation.close", remediation.unit)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the action is not sufficient."))
        return redirect("remediation-detail", remediation_id=remediation.pk)
    try:
        services.remediation_reopen(
            actor=request.user, remediation=remediation, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The remediation was sent back to the unit."))
    return redirect("remediation-detail", remediation_id=remediation.pk)


@login_required
@require_GET
def evidence_view(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = get_object_for_user(
        RemediationEvidence.objects.all(),
        request.user,
        "remediation.view",
        unit_field="remediation__unit",
        pk=evidence_id,
    )
    return private_file_response(
        evidence.file,
        filename=f"khac-phuc-{evidence.pk}.{evidence.file.name.rsplit('.', 1)[-1]}",
        content_type=evidence.content_type,
        inline=True,
    )


# --- discipline -------------------------------------------------------------------------------------------


@login_required
def discipline_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "discipline.view")
    record_units = visible_units(request.user, "discipline.record").exclude(kind__in=AUTHORITY_ABOVE_COMMUNES)
    can_record = record_units.exists()
    named_units = unit_ids_for(request.user, "discipline.names")
    form = None
    status = 200
    if can_record:
        form = DisciplineForm(
            request.POST or None,
            units=record_units,
            may_name=bool(named_units),
            initial={"occurred_on": timezone.localdate()},
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            name = data.get("person_name", "")
            if name and data["unit"].pk not in named_units:
                form.add_error("person_name", _("You may not record personal names for this unit."))
            else:
                try:
                    services.discipline_record_create(
                        actor=request.user,
                        unit=data["unit"],
                        occurred_on=data["occurred_on"],
                        rule=data["rule"],
                        note=data["note"],
                        person_name=name,
                    )
                except ValidationError as error:
                    for message in error.messages:
                        form.add_error(None, message)
                else:
                    messages.success(request, _("The discipline record was saved."))
                    return redirect("discipline-list")
    elif request.method != "GET":
        return HttpResponse(status=405)
    records = scope_queryset(DisciplineRecord.objects.select_related("unit"), request.user, "discipline.view")
    year = _year(request)
    if year is None:
        return _problem(request, _("The year is not valid."), reverse("discipline-list"))
    if request.GET.get("year"):
        records = records.filter(occurred_on__year=year)
    rows = [{"record": record, "show_name": record.unit_id in named_units} for record in records[:500]]
    return render(request, "inspections/discipline_list.html", {"rows": rows, "form": form}, status=status)


# --- compliance -------------------------------------------------------------------------------------------


@login_required
@require_GET
def compliance_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "compliance.view")
    units = list(
        visible_units(request.user, "compliance.view")
        .exclude(kind__in=AUTHORITY_ABOVE_COMMUNES)
        .order_by("kind", vietnamese("name"), "code")
    )
    shown = _year_view(request, [unit.pk for unit in units])
    if shown is None:
        return _problem(request, _("The year is not valid."), reverse("compliance-list"))
    year = shown.year
    results = unit_compliance([unit.pk for unit in units], year)
    rows = [{"unit": unit, "result": results[unit.pk]} for unit in units]
    return render(
        request,
        "inspections/compliance_list.html",
        {"rows": rows, "year": year, "shown": shown, "form": YearForm.showing(shown)},
    )


@login_required
@require_GET
def compliance_unit(request: HttpRequest, unit_code: str) -> HttpResponse:
    unit = get_object_for_user(
        Unit.objects.all(), request.user, "compliance.view", unit_field="id", code=unit_code
    )
    shown = _year_view(request, [unit.pk])
    if shown is None:
        return _problem(
            request, _("The year is not valid."), reverse("compliance-unit", kwargs={"unit_code": unit.code})
        )
    year = shown.year
    result = unit_compliance([unit.pk], year)[unit.pk]
    inspections = (
        Inspection.objects.filter(unit=unit, inspected_on__year=year)
        .select_related("template")
        .order_by("-inspected_on")
    )
    scored = [{"inspection": inspection, "score": inspection_score(inspection)} for inspection in inspections]
    remediations = Remediation.objects.filter(
        unit=unit, finding__inspection__inspected_on__year=year
    ).select_related("finding__item")
    discipline = DisciplineRecord.objects.filter(unit=unit, occurred_on__year=year)
    return render(
        request,
        "inspections/compliance_unit.html",
        {
            "unit": unit,
            "year": year,
            "shown": shown,
            "form": YearForm.showing(shown),
            "result": result,
            "scored": scored,
            "remediations": remediations,
            "discipline_count": discipline.count(),
            "today": timezone.localdate(),
        },
    )


# --- checklists -------------------------------------------------------------------------------------------


@login_required
@require_GET
def checklist_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "checklist.view")
    visible = visible_owned(ChecklistTemplate.objects.select_related("owner"), request.user, "checklist.view")
    templates = current_templates(visible)
    versions = visible.order_by("code", "-version")
    may_manage = user_can(request.user, "checklist.manage")
    return render(
        request,
        "inspections/checklist_list.html",
        {
            "templates": [
                {
                    "template": template,
                    "items": template.ordered_items(),
                    "groups_with_references": [g for g in template.group_list() if g["legal_reference"]],
                    "can_edit": may_manage
                    and may_edit_owned(request.user, CHECKLIST_MANAGE, template.owner_id),
                    "can_copy": may_manage and _may_copy_checklist(request, template),
                }
                for template in templates
            ],
            "versions": versions,
            "can_manage": may_manage,
        },
    )


CHECKLIST_MANAGE = "checklist.manage"
SHARED_CHECKLIST_REFUSED = gettext_lazy(
    "This checklist is shared by every authority: only the standing office of the top authority changes it. "
    "Make your own copy to change it for your authority."
)


def _may_copy_checklist(request: HttpRequest, template: ChecklistTemplate) -> bool:
    return (
        template.owner_id is None
        and not holds_role_at_root(request.user, CHECKLIST_MANAGE)
        and own_authority(request.user, CHECKLIST_MANAGE) is not None
    )


def _checklist_for(request: HttpRequest, template: ChecklistTemplate | None) -> ChecklistTemplate:
    """A shared checklist or one of an authority the user covers; another authority's → 404."""
    if template is None or not may_see_owned(request.user, CHECKLIST_MANAGE, template.owner_id):
        raise Http404
    return template


@login_required
@require_http_methods(["POST"])
def checklist_copy(request: HttpRequest, template_id: int) -> HttpResponse:
    """Make the authority's own copy of a shared checklist; its inspections use the copy from then on."""
    require(request.user, CHECKLIST_MANAGE)
    template = _checklist_for(request, ChecklistTemplate.objects.filter(pk=template_id).first())
    authority = own_authority(request.user, CHECKLIST_MANAGE)
    if not _may_copy_checklist(request, template) or authority is None:
        messages.error(request, _("This checklist cannot be copied: you may change it or it is a copy."))
        return redirect("checklist-list")
    try:
        copy = services.checklist_copy(actor=request.user, template=template, owner=authority)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("checklist-list")
    messages.success(
        request, _("Your authority's own copy %(code)s was made; change it here.") % {"code": copy.code}
    )
    return redirect("checklist-edit", template_id=copy.pk)


@login_required
def checklist_item_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    require(request.user, CHECKLIST_MANAGE)
    item = ChecklistItem.objects.select_related("template").filter(pk=item_id).first()
    if item is None:
        raise Http404
    _checklist_for(request, item.template)
    if not may_edit_owned(request.user, CHECKLIST_MANAGE, item.template.owner_id):
        messages.error(request, SHARED_CHECKLIST_REFUSED)
        return redirect("checklist-list")
    initial = {
        "text": item.text,
        "legal_reference": item.legal_reference,
        "weight": item.weight,
        "unit_kinds": item.unit_kinds,
    }
    form = ChecklistItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            template = services.checklist_item_update(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("The checklist was saved as version %(version)s.") % {"version": template.version},
            )
            return redirect("checklist-list")
    return render(
        request,
        "inspections/checklist_item_form.html",
        {"form": form, "item": item},
        status=400 if request.method == "POST" else 200,
    )


def _numbered(rows: list[dict]) -> list[dict]:
    return [{**row, "ORDER": position} for position, row in enumerate(rows, start=1)]


def _group_specs(group_rows) -> list:
    return [
        services.GroupSpec(
            row.cleaned_data["code"], row.cleaned_data["label"], row.cleaned_data["legal_reference"]
        )
        for row in group_rows.ordered_forms
    ]


def _item_specs(item_rows) -> list:
    return [
        services.ItemSpec(
            group=row.cleaned_data["group"],
            text=row.cleaned_data["text"],
            legal_reference=row.cleaned_data["legal_reference"],
            weight=row.cleaned_data["weight"],
            unit_kinds=tuple(row.cleaned_data["unit_kinds"]),
        )
        for row in item_rows.ordered_forms
    ]


@login_required
@require_http_methods(["GET", "POST"])
def checklist_create(request: HttpRequest) -> HttpResponse:
    """An installation's first office-culture checklist, in the editor's form: the standard groups filled in, the
    items typed. Inspections use this checklist; once it exists it is revised in the editor, never made again."""
    require(request.user, CHECKLIST_MANAGE)
    # A root authority's standing office sets up the shared checklist; any other its authority's own.
    owner = authority_owner_for(request.user, CHECKLIST_MANAGE)
    if owner is None and not holds_role_at_root(request.user, CHECKLIST_MANAGE):
        raise PermissionDenied
    if owner is None:
        code = DEFAULT_CHECKLIST_CODE
        existing = current_template()
    else:
        code = services.own_code(DEFAULT_CHECKLIST_CODE, owner)
        existing = ChecklistTemplate.objects.filter(owner=owner).order_by("-created_at", "-version").first()
        if existing is not None:
            existing = current_template(existing.code)
    if existing is not None:
        return redirect("checklist-edit", template_id=existing.pk)
    standard_groups = ChecklistTemplate(groups=[]).group_list()
    if request.method == "POST":
        form = ChecklistForm(request.POST)
        group_rows = ChecklistGroupFormSet(request.POST, prefix="groups")
        item_rows = ChecklistRowFormSet(request.POST, prefix="items")
    else:
        form = ChecklistForm()
        group_rows = ChecklistGroupFormSet(prefix="groups", initial=_numbered(standard_groups))
        item_rows = ChecklistRowFormSet(prefix="items")
    del form.fields["change_reason"]
    if request.method == "POST" and all([form.is_valid(), group_rows.is_valid(), item_rows.is_valid()]):
        try:
            template = services.checklist_create(
                actor=request.user,
                code=code,
                owner=owner,
                title=form.cleaned_data["title"],
                legal_bases=form.cleaned_data["legal_bases"],
                groups=_group_specs(group_rows),
                items=_item_specs(item_rows),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The checklist was set up with %(count)s item(s).") % {"count": template.items.count()},
            )
            return redirect("checklist-list")
    return render(
        request,
        "inspections/checklist_form.html",
        {
            "template": None,
            "form": form,
            "group_rows": group_rows,
            "item_rows": item_rows,
            "in_use": False,
            "group_codes": [group["code"] for group in standard_groups],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def checklist_edit(request: HttpRequest, template_id: int) -> HttpResponse:
    """The whole checklist in one form: its groups and items, added, removed and reordered, each with its legal
    reference. Saving a version inspections use creates the next version (``services.checklist_revise``)."""
    require(request.user, CHECKLIST_MANAGE)
    template = _checklist_for(request, ChecklistTemplate.objects.filter(pk=template_id).first())
    if not may_edit_owned(request.user, CHECKLIST_MANAGE, template.owner_id):
        messages.error(request, SHARED_CHECKLIST_REFUSED)
        return redirect("checklist-list")
    latest = ChecklistTemplate.objects.filter(code=template.code).order_by("-version").first()
    if latest.pk != template.pk:
        messages.error(request, _("Only the latest version of a checklist can be revised."))
        return redirect("checklist-list")
    groups = template.group_list()
    if request.method == "POST":
        form = ChecklistForm(request.POST)
        group_rows = ChecklistGroupFormSet(request.POST, prefix="groups")
        item_rows = ChecklistRowFormSet(request.POST, prefix="items")
    else:
        form = ChecklistForm(initial={"title": template.title, "legal_bases": template.legal_bases})
        group_rows = ChecklistGroupFormSet(prefix="groups", initial=_numbered(groups))
        item_rows = ChecklistRowFormSet(
            prefix="items",
            initial=_numbered(
                [
                    {
                        "group": item.group,
                        "text": item.text,
                        "legal_reference": item.legal_reference,
                        "weight": item.weight,
                        "unit_kinds": list(item.unit_kinds),
                    }
                    for item in template.ordered_items()
                ]
            ),
        )
    if request.method == "POST" and all([form.is_valid(), group_rows.is_valid(), item_rows.is_valid()]):
        try:
            revised = services.checklist_revise(
                actor=request.user,
                template=template,
                title=form.cleaned_data["title"],
                legal_bases=form.cleaned_data["legal_bases"],
                change_reason=form.cleaned_data["change_reason"],
                groups=_group_specs(group_rows),
                items=_item_specs(item_rows),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if revised.pk != template.pk:
                message = _(
                    "Saved as version %(version)s; the inspections recorded so far keep version %(old)s."
                )
            else:
                message = _("Version %(version)s was changed; no inspection used it yet.")
            messages.success(request, message % {"version": revised.version, "old": template.version})
            return redirect("checklist-list")
    return render(
        request,
        "inspections/checklist_form.html",
        {
            "template": template,
            "form": form,
            "group_rows": group_rows,
            "item_rows": item_rows,
            "in_use": template.is_in_use,
            "group_codes": [group["code"] for group in groups],
        },
        status=400 if request.method == "POST" else 200,
    )
