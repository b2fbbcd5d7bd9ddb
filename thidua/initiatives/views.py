from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.campaigns.models import Campaign
from thidua.campaigns.progress import default_year
from thidua.campaigns.years import choose_year, year_view
from thidua.core.audit import audit_history
from thidua.core.collation import vietnamese
from thidua.core.forms import add_service_errors
from thidua.core.pdf import pdf_response
from thidua.core.public import public
from thidua.core.uploads import private_file_response
from thidua.initiatives import selectors, services
from thidua.initiatives.documents import DOCX_CONTENT_TYPE, model_record_docx, model_record_number_issue
from thidua.initiatives.exports import ModelRegisterExporter
from thidua.initiatives.forms import (
    AdoptForm,
    AppraisalForm,
    EvidenceForm,
    LibraryFilterForm,
    NetworkFilterForm,
    NewReformModelForm,
    ReasonForm,
    ReformModelForm,
    RegisterFilterForm,
)
from thidua.initiatives.models import AppraisalDecision, EvidenceFile, ModelStatus, ReformModel
from thidua.organizations.access import (
    get_object_for_user,
    require,
    scope_queryset,
    user_can,
    visible_units,
)

LIBRARY_PAGE_SIZE = 20


def _campaigns_for(units):
    """Campaigns in which at least one of the units takes part."""
    return Campaign.objects.filter(
        pk__in=[
            campaign.pk
            for campaign in Campaign.objects.all()
            if campaign.participating_units().filter(pk__in=units.values("pk")).exists()
        ]
    )


# ---- the signed-in register -------------------------------------------------------------------------------


@login_required
def model_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "reform_model.view")
    units = visible_units(request.user, "reform_model.view")
    form = RegisterFilterForm(request.GET or None, units=units)
    models = scope_queryset(
        ReformModel.objects.select_related("unit", "campaign", "source__unit").annotate(
            adoption_count=Count("adoptions")
        ),
        request.user,
        "reform_model.view",
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            models = models.filter(status=data["status"])
        if data["campaign"]:
            models = models.filter(campaign=data["campaign"])
        if data["year"]:
            models = models.filter(year=data["year"])
        if data["unit"]:
            models = models.filter(unit=data["unit"])
        models = selectors.search(models, data["q"])
    elif form.is_bound:
        models = models.none()
    models = models.order_by("-year", vietnamese("unit__name"), "title", "id")
    if request.GET.get("format") in {"xlsx", "csv"} and not form.errors:
        require(request.user, "reform_model.export")
        return ModelRegisterExporter(models, form).response(request.GET["format"], request)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    waiting = (
        scope_queryset(
            ReformModel.objects.filter(status=ModelStatus.AWAITING_HEAD), request.user, "reform_model.submit"
        )
        | scope_queryset(
            ReformModel.objects.filter(status=ModelStatus.SUBMITTED), request.user, "reform_model.appraise"
        )
        | scope_queryset(
            ReformModel.objects.filter(status=ModelStatus.RETURNED), request.user, "reform_model.edit"
        )
    ).select_related("unit")
    return render(
        request,
        "initiatives/model_list.html",
        {
            "waiting": waiting.order_by("submitted_at", "id")[:50],
            "form": form,
            "page": Paginator(models, 50).get_page(request.GET.get("page")),
            "can_create": user_can(request.user, "reform_model.edit"),
            "can_export": user_can(request.user, "reform_model.export"),
            "query": query.urlencode(),
        },
        status=400 if form.errors else 200,
    )


@login_required
def model_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "reform_model.edit")
    units = visible_units(request.user, "reform_model.edit")
    campaigns = _campaigns_for(units)
    form = NewReformModelForm(request.POST or None, units=units, campaigns=campaigns)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            model = services.model_create(
                actor=request.user,
                unit=data["unit"],
                campaign=data["campaign"],
                year=data["year"],
                **form.content(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The model was saved as a draft. Add evidence, then send it to the unit head.")
            )
            return redirect("reform-model-detail", model_id=model.pk)
    elif request.method == "GET":
        form.initial.setdefault(
            "year", default_year(campaigns.first(), timezone.localdate().year) if campaigns.exists() else None
        )
    return render(
        request,
        "initiatives/model_form.html",
        {"form": form, "model": None},
        status=400 if request.method == "POST" else 200,
    )


def _model(request: HttpRequest, model_id: int) -> ReformModel:
    return get_object_for_user(
        ReformModel.objects.select_related("unit", "campaign", "source__unit", "created_by", "submitted_by"),
        request.user,
        "reform_model.view",
        pk=model_id,
    )


@login_required
def model_detail(request: HttpRequest, model_id: int) -> HttpResponse:
    model = _model(request, model_id)
    unit = model.unit
    user = request.user
    can_edit = user_can(user, "reform_model.edit", unit)
    can_appraise = user_can(user, "reform_model.appraise", unit)
    adoptable_units = visible_units(user, "reform_model.adopt").exclude(pk=unit.pk)
    return render(
        request,
        "initiatives/model_detail.html",
        {
            "model": model,
            "evidence": model.evidence.all(),
            "appraisals": model.appraisals.select_related("appraiser"),
            "adoptions": model.adoptions.select_related("unit").order_by(vietnamese("unit__name")),
            "history": audit_history(model),
            "can_edit": can_edit and model.is_editable,
            "can_manage_evidence": can_edit,
            "can_send": can_edit and model.is_editable,
            "can_submit": model.status == ModelStatus.AWAITING_HEAD
            and user_can(user, "reform_model.submit", unit),
            "can_appraise": can_appraise and model.status == ModelStatus.SUBMITTED,
            "can_recognise": can_appraise and model.status == ModelStatus.APPROVED,
            "can_discontinue": can_appraise and model.is_public,
            "can_adopt": model.is_public and adoptable_units.exists(),
            "evidence_form": EvidenceForm(),
            "reason_form": ReasonForm(),
        },
    )


@login_required
def model_edit(request: HttpRequest, model_id: int) -> HttpResponse:
    model = _model(request, model_id)
    require(request.user, "reform_model.edit", model.unit)
    if not model.is_editable:
        messages.error(request, _("Only a draft or returned model can be changed."))
        return redirect("reform-model-detail", model_id=model.pk)
    form = ReformModelForm(request.POST or None, instance=model)
    if request.method == "POST" and form.is_valid():
        try:
            services.model_update(actor=request.user, model=model, **form.content())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The model was saved."))
            return redirect("reform-model-detail", model_id=model.pk)
    return render(
        request,
        "initiatives/model_form.html",
        {"form": form, "model": model},
        status=400 if request.method == "POST" else 200,
    )


def _transition(request, model: ReformModel, service, success: str, **kwargs) -> HttpResponse:
    try:
        service(actor=request.user, model=model, **kwargs)
    except ValidationError as error:
        return _refused(request, model, error)
    messages.success(request, success)
    return redirect("reform-model-detail", model_id=model.pk)


@login_required
@require_POST
def model_send_to_head(request: HttpRequest, model_id: int) -> HttpResponse:
    model = _model(request, model_id)
    require(request.user, "reform_model.edit", model.unit)
    return _transition(request, model, services.model_send_to_head, _("The model was sent to the unit head."))


@login_required
@require_POST
def model_submit(request: HttpRequest, model_id: int) -> HttpResponse:
    model = _model(request, model_id)
    require(request.user, "reform_model.submit", model.unit)
    return _transition(
        request, model, services.model_submit, _("The model was submitted to the district for appraisal.")
    )


def _refused(request, model: ReformModel, error: ValidationError) -> HttpResponse:
    """An illegal move or missing input: say why, change nothing (409 Conflict for a state that forbids it)."""
    return render(
        request,
        "initiatives/refused.html",
        {"model": model, "messages_list": error.messages},
        status=400 if hasattr(error, "error_dict") else 409,
    )


def _with_reason(request, model: ReformModel, service, success: str) -> HttpResponse:
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _refused(request, model, ValidationError({"reason": _("Give the reason.")}))
    return _transition(request, model, service, success, reason=form.cleaned_data["reason"])


@login_required
@require_POST
def model_head_return(request: HttpRequest, model_id: int) -> HttpResponse:
    model = _model(request, model_id)
    require(request.user, "reform_model.submit", model.unit)
    return _with_reason(
        request, model, services.model_head_return, _("The model was sent back to the officer.")
    )


@login_required
def model_appraise(request: HttpRequest, model_id: int) -> HttpResponse:
    model = _model(request, model_id)
    require(request.user, "reform_model.appraise", model.unit)
    form = AppraisalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        service = {
            AppraisalDecision.APPROVED: services.model_approve,
            AppraisalDecision.RETURNED: services.model_return,
            AppraisalDecision.REJECTED: services.model_reject,
        }[decision]
        try:
            service(
                actor=request.user,
                model=model,
                criteria=form.criteria(),
                comments=form.comments(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The appraisal was recorded."))
            return redirect("reform-model-detail", model_id=model.pk)
    elif model.status != ModelStatus.SUBMITTED:
        messages.error(request, _("Only a submitted model can be appraised."))
        return redirect("reform-model-detail", model_id=model.pk)
    return render(
        request,
        "initiatives/appraisal_form.html",
        {"form": form, "model": model},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def model_recognise(request: HttpRequest, model_id: int) -> HttpResponse:
    model = _model(request, model_id)
    require(request.user, "reform_model.appraise", model.unit)
    return _transition(request, model, services.model_recognise, _("The model was recognised as exemplary."))


@login_required
@require_POST
def model_discontinue(request: HttpRequest, model_id: int) -> HttpResponse:
    model = _model(request, model_id)
    require(request.user, "reform_model.appraise", model.unit)
    return _with_reason(
        request, model, services.model_discontinue, _("The model was marked as discontinued.")
    )


@login_required
def model_adopt(request: HttpRequest, model_id: int) -> HttpResponse:
    """Adopt another unit's approved model. The source is public, so it is fetched from the public set."""
    require(request.user, "reform_model.adopt")
    source = get_object_or_404(ReformModel.objects.public().select_related("unit"), pk=model_id)
    units = visible_units(request.user, "reform_model.adopt").exclude(pk=source.unit_id)
    if not units.exists():
        raise Http404
    campaigns = _campaigns_for(units)
    form = AdoptForm(request.POST or None, units=units, campaigns=campaigns)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            model = services.model_adopt(
                actor=request.user,
                source=source,
                unit=data["unit"],
                campaign=data["campaign"],
                year=data["year"],
                started_on=data["started_on"],
                solution=data["solution"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Your unit's model was created from the source model. Complete it and add evidence."),
            )
            return redirect("reform-model-detail", model_id=model.pk)
    return render(
        request,
        "initiatives/adopt_form.html",
        {"form": form, "source": source},
        status=400 if request.method == "POST" else 200,
    )


def _model_record(request: HttpRequest, model_id: int) -> tuple[ReformModel, bytes]:
    model = _model(request, model_id)
    # The first download enters the record in the unit's register; later downloads keep its number and date.
    issued = model_record_number_issue(actor=request.user, model=model)
    return model, model_record_docx(model, issued)


@login_required
def model_record(request: HttpRequest, model_id: int) -> HttpResponse:
    try:
        model, content = _model_record(request, model_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reform-model-detail", model_id=model_id)
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="ho-so-mo-hinh-{model.pk}.docx"'
    return response


@login_required
def model_record_pdf(request: HttpRequest, model_id: int) -> HttpResponse:
    try:
        model, content = _model_record(request, model_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reform-model-detail", model_id=model_id)
    return pdf_response(request, content, f"ho-so-mo-hinh-{model.pk}.pdf")


# ---- evidence ------------------------------------------------------------------------------------------------


@login_required
@require_POST
def evidence_upload(request: HttpRequest, model_id: int) -> HttpResponse:
    model = _model(request, model_id)
    require(request.user, "reform_model.edit", model.unit)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_add(
                actor=request.user,
                model=model,
                uploaded=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
                is_public=form.cleaned_data["is_public"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The evidence file was added."))
            return redirect("reform-model-detail", model_id=model.pk)
    return render(request, "initiatives/evidence_error.html", {"form": form, "model": model}, status=400)


def _evidence(request: HttpRequest, model_id: int, evidence_id: int) -> EvidenceFile:
    model = _model(request, model_id)
    evidence = model.evidence.filter(pk=evidence_id).first()
    if evidence is None:
        raise Http404
    return evidence


@login_required
def evidence_download(request: HttpRequest, model_id: int, evidence_id: int) -> HttpResponse:
    evidence = _evidence(request, model_id, evidence_id)
    return private_file_response(
        evidence.file,
        filename=evidence.original_name,
        content_type=evidence.content_type,
        inline=request.GET.get("inline") == "1",
    )


@login_required
@require_POST
def evidence_visibility(request: HttpRequest, model_id: int, evidence_id: int) -> HttpResponse:
    evidence = _evidence(request, model_id, evidence_id)
    require(request.user, "reform_model.edit", evidence.model.unit)
    is_public = request.POST.get("public") == "1"
    services.evidence_set_public(actor=request.user, evidence=evidence, is_public=is_public)
    messages.success(
        request,
        _("The file is now shown in the public library.") if is_public else _("The file is now private."),
    )
    return redirect("reform-model-detail", model_id=model_id)


@login_required
@require_POST
def evidence_remove(request: HttpRequest, model_id: int, evidence_id: int) -> HttpResponse:
    evidence = _evidence(request, model_id, evidence_id)
    require(request.user, "reform_model.edit", evidence.model.unit)
    try:
        services.evidence_delete(actor=request.user, evidence=evidence)
    except ValidationError as error:
        return _refused(request, evidence.model, error)
    messages.success(request, _("The evidence file was removed."))
    return redirect("reform-model-detail", model_id=model_id)


# ---- district overview -----------------------------------------------------------------------------------------


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Coverage against the target and the replication network, for the district."""
    require(request.user, "reform_model.overview")
    campaigns = Campaign.objects.all()
    raw_campaign = request.GET.get("campaign", "")
    if raw_campaign:
        campaign = campaigns.filter(pk=int(raw_campaign)).first() if raw_campaign.isdigit() else None
    else:
        campaign = campaigns.first()
    if raw_campaign and campaign is None:
        return render(request, "initiatives/overview.html", {"error": _("Unknown campaign.")}, status=400)
    coverage = None
    year = None
    shown = None
    if campaign is not None:
        with_data = set(campaign.years) & set(selectors.years_with_models())
        year = choose_year(campaign.years, with_data, timezone.localdate())
        raw_year = request.GET.get("year")
        if raw_year:
            if not raw_year.isdigit() or int(raw_year) not in campaign.years:
                return render(
                    request,
                    "initiatives/overview.html",
                    {"error": _("The year must fall within the campaign period."), "campaign": campaign},
                    status=400,
                )
            year = int(raw_year)
        shown = year_view(year, years=campaign.years, with_data=with_data, today=timezone.localdate())
        coverage = selectors.coverage(campaign, year)
    network_form = NetworkFilterForm(request.GET, years=selectors.network_years(_overview_models(request)))
    if not network_form.is_valid():
        return render(
            request,
            "initiatives/overview.html",
            {"error": _("Choose a year and a category from the lists."), "campaign": campaign},
            status=400,
        )
    network = _network(request, network_form)
    query = urlencode({key: value for key, value in network_form.cleaned_data.items() if value})
    return render(
        request,
        "initiatives/overview.html",
        {
            "campaigns": campaigns,
            "campaign": campaign,
            "year": year,
            "shown": shown,
            "year_query_prefix": f"campaign={campaign.pk}&" if campaign else "",
            "coverage": coverage,
            "network": network,
            "network_form": network_form,
            "network_url": reverse("reform-model-network") + (f"?{query}" if query else ""),
        },
    )


def _overview_models(request: HttpRequest):
    return scope_queryset(ReformModel.objects.all(), request.user, "reform_model.overview")


def _network(request: HttpRequest, form: NetworkFilterForm) -> selectors.Network:
    return selectors.replication_network(
        selectors.filtered_adoptions(
            _overview_models(request),
            year=form.cleaned_data.get("network_year"),
            category=form.cleaned_data.get("category") or "",
        )
    )


@login_required
@require_GET
def overview_network(request: HttpRequest) -> JsonResponse:
    """The replication network as JSON, for the graph on the overview page (same filters as its table)."""
    require(request.user, "reform_model.overview")
    form = NetworkFilterForm(request.GET, years=selectors.network_years(_overview_models(request)))
    if not form.is_valid():
        return JsonResponse(
            {"errors": {key: list(map(str, value)) for key, value in form.errors.items()}}, status=400
        )
    return JsonResponse(selectors.network_json(_network(request, form)))


# ---- public library --------------------------------------------------------------------------------------------


@public
def library(request: HttpRequest) -> HttpResponse:
    form = LibraryFilterForm(
        request.GET or None, units=selectors.library_units(), years=selectors.library_years()
    )
    models = ReformModel.objects.none()
    if not form.is_bound:
        models = selectors.library_models()
    elif form.is_valid():
        data = form.cleaned_data
        models = selectors.library_models(
            q=data["q"], category=data["category"] or None, unit=data["unit"], year=data["year"]
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "initiatives/library.html",
        {
            "form": form,
            "page": Paginator(models, LIBRARY_PAGE_SIZE).get_page(request.GET.get("page")),
            "query": query.urlencode(),
        },
        status=400 if form.errors else 200,
    )


@public
def library_detail(request: HttpRequest, model_id: int) -> HttpResponse:
    model = get_object_or_404(
        ReformModel.objects.public().select_related("unit", "campaign", "source__unit"), pk=model_id
    )
    return render(
        request,
        "initiatives/library_detail.html",
        {
            "model": model,
            "evidence": model.evidence.filter(is_public=True),
            "adoptions": model.adoptions.select_related("unit").order_by(vietnamese("unit__name")),
            "can_adopt": request.user.is_authenticated
            and visible_units(request.user, "reform_model.adopt").exclude(pk=model.unit_id).exists(),
        },
    )


@public
def library_file(request: HttpRequest, token: str) -> HttpResponse:
    evidence = get_object_or_404(
        EvidenceFile.objects.filter(
            is_public=True, model__status__in=[ModelStatus.APPROVED, ModelStatus.EXEMPLARY]
        ),
        token=token,
    )
    return private_file_response(
        evidence.file,
        filename=evidence.original_name,
        content_type=evidence.content_type,
        inline=request.GET.get("inline") == "1",
    )
