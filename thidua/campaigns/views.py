from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.campaigns import services
from thidua.campaigns.exports import ProgressExporter, RegistrationExporter
from thidua.campaigns.forms import ExtensionForm, RegistrationForm, ReturnForm, TargetForm, YearForm
from thidua.campaigns.models import Campaign, Registration, RegistrationStatus, Target
from thidua.campaigns.progress import campaign_progress, default_year
from thidua.campaigns.years import YearView, year_view, years_with_data
from thidua.core.audit import audit_history
from thidua.core.collation import vietnamese
from thidua.core.forms import add_service_errors
from thidua.core.panels import waiting_groups_for
from thidua.core.public import public
from thidua.organizations.access import (
    get_object_for_user,
    require,
    scope_queryset,
    unit_ids_for,
    user_can,
    visible_units,
)


def _campaign(campaign_id: int) -> Campaign:
    campaign = (
        Campaign.objects.select_related("issuing_unit")
        .prefetch_related("extensions", "targets")
        .filter(pk=campaign_id)
        .first()
    )
    if campaign is None:
        raise Http404
    return campaign


def _year(request: HttpRequest, campaign: Campaign) -> tuple[YearView | None, YearForm]:
    """The year the page shows and its selector, bound to that year (``years.year_view``)."""
    with_data = years_with_data(campaign)
    form = YearForm(request.GET, years=campaign.years)
    if not form.is_valid():
        return None, form
    view = year_view(
        form.cleaned_data["year"], years=campaign.years, with_data=with_data, today=timezone.localdate()
    )
    return view, YearForm.showing(view)


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "campaign.view")
    campaigns = Campaign.objects.select_related("issuing_unit").prefetch_related("extensions")
    return render(request, "campaigns/campaign_list.html", {"campaigns": campaigns})


@login_required
def campaign_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    require(request.user, "campaign.view")
    campaign = _campaign(campaign_id)
    own_units = visible_units(request.user, "registration.edit") | visible_units(
        request.user, "registration.confirm"
    )
    registrations = (
        scope_queryset(
            campaign.registrations.select_related("unit"), request.user, "registration.view"
        ).filter(unit__in=own_units)
        if own_units.exists()
        else Registration.objects.none()
    )
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "targets": campaign.targets.all(),
            "extensions": campaign.extensions.all(),
            "participant_count": campaign.participating_units().count(),
            "own_registrations": registrations,
            "can_register": user_can(request.user, "registration.edit"),
            "can_export": user_can(request.user, "registration.export"),
        },
    )


@login_required
def campaign_progress_view(request: HttpRequest, campaign_id: int) -> HttpResponse:
    require(request.user, "campaign.view")
    campaign = _campaign(campaign_id)
    shown, form = _year(request, campaign)
    if shown is None:
        return render(
            request,
            "campaigns/progress.html",
            {"campaign": campaign, "form": form, "progress": None},
            status=400,
        )
    year = shown.year
    progress = campaign_progress(campaign, year)
    if request.GET.get("format") in {"xlsx", "csv"}:
        exporter = ProgressExporter(progress)
        exporter.filename = f"tien-do-{year}"
        return exporter.response(request.GET["format"], request)
    own = unit_ids_for(request.user, "registration.view")
    return render(
        request,
        "campaigns/progress.html",
        {
            "campaign": campaign,
            "form": form,
            "progress": progress,
            "year": year,
            "shown": shown,
            "own_unit_ids": own,
            "query": f"year={year}",
        },
    )


@login_required
def registration_list(request: HttpRequest, campaign_id: int) -> HttpResponse:
    require(request.user, "registration.view")
    campaign = _campaign(campaign_id)
    form = YearForm(request.GET, years=campaign.years, all_years=True)
    year = form.cleaned_data["year"] if form.is_valid() else None
    registrations = scope_queryset(
        campaign.registrations.select_related("unit", "campaign", "submitted_by", "confirmed_by"),
        request.user,
        "registration.view",
    )
    if not form.is_valid():
        registrations = registrations.none()
    elif year is not None:
        registrations = registrations.filter(year=year)
    if request.GET.get("format") in {"xlsx", "csv"} and form.is_valid():
        require(request.user, "registration.export")
        return RegistrationExporter(registrations, campaign, year).response(request.GET["format"], request)
    return render(
        request,
        "campaigns/registration_list.html",
        {
            "campaign": campaign,
            "registrations": registrations,
            "form": form,
            "can_export": user_can(request.user, "registration.export"),
            "query": request.GET.urlencode(),
        },
        status=200 if form.is_valid() else 400,
    )


@login_required
def registration_edit(request: HttpRequest, campaign_id: int) -> HttpResponse:
    require(request.user, "registration.edit")
    campaign = _campaign(campaign_id)
    units = visible_units(request.user, "registration.edit").filter(
        id__in=campaign.participating_units().values("id")
    )
    if not units.exists():
        messages.error(request, _("None of your units takes part in this campaign."))
        return redirect("campaign-detail", campaign_id=campaign.pk)
    initial = {"year": default_year(campaign, timezone.localdate().year)}
    existing = None
    if request.method == "GET" and request.GET.get("unit") and request.GET.get("year"):
        existing = (
            scope_queryset(Registration.objects.filter(campaign=campaign), request.user, "registration.edit")
            .filter(unit__code=request.GET["unit"], year=request.GET["year"])
            .first()
        )
        if existing:
            initial = {"unit": existing.unit, "year": existing.year, "commitment": existing.commitment}
    form = RegistrationForm(request.POST or None, units=units, years=campaign.years, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.registration_save(
                actor=request.user,
                campaign=campaign,
                unit=data["unit"],
                year=data["year"],
                commitment=data["commitment"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The registration was saved as a draft. Submit it when it is ready."))
            return redirect("registration-detail", registration_id=registration.pk)
    return render(
        request,
        "campaigns/registration_form.html",
        {"campaign": campaign, "form": form, "existing": existing},
        status=400 if request.method == "POST" else 200,
    )


def _registration(request: HttpRequest, registration_id: int) -> Registration:
    return get_object_for_user(
        Registration.objects.select_related("unit", "campaign", "submitted_by", "confirmed_by", "created_by"),
        request.user,
        "registration.view",
        pk=registration_id,
    )


@login_required
def registration_detail(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = _registration(request, registration_id)
    unit = registration.unit
    return render(
        request,
        "campaigns/registration_detail.html",
        {
            "registration": registration,
            "can_edit": registration.is_editable and user_can(request.user, "registration.edit", unit),
            "can_confirm": registration.status == RegistrationStatus.SUBMITTED
            and user_can(request.user, "registration.confirm", unit),
            "return_form": ReturnForm(),
            "history": audit_history(registration),
        },
    )


def _transition(request: HttpRequest, registration_id: int, action: str, service, success: str, **kwargs):
    registration = _registration(request, registration_id)
    require(request.user, action, registration.unit)
    try:
        service(actor=request.user, registration=registration, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("registration-detail", registration_id=registration.pk)
    messages.success(request, success)
    return redirect("registration-detail", registration_id=registration.pk)


@login_required
@require_POST
def registration_submit(request: HttpRequest, registration_id: int) -> HttpResponse:
    return _transition(
        request,
        registration_id,
        "registration.edit",
        services.registration_submit,
        _("The registration was sent to the unit head for confirmation."),
    )


@login_required
@require_POST
def registration_confirm(request: HttpRequest, registration_id: int) -> HttpResponse:
    return _transition(
        request,
        registration_id,
        "registration.confirm",
        services.registration_confirm,
        _("The registration was confirmed."),
    )


@login_required
@require_POST
def registration_return(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = _registration(request, registration_id)
    require(request.user, "registration.confirm", registration.unit)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the registration is returned."))
        return redirect("registration-detail", registration_id=registration.pk)
    return _transition(
        request,
        registration_id,
        "registration.confirm",
        services.registration_return,
        _("The registration was returned to the officer."),
        reason=form.cleaned_data["reason"],
    )


@public
def home(request: HttpRequest) -> HttpResponse:
    """The start page: for a signed-in person, their units, open work and the campaigns; otherwise a welcome."""
    if not request.user.is_authenticated:
        return render(request, "campaigns/welcome.html", {"campaigns": Campaign.objects.all()[:5]})
    campaigns = Campaign.objects.select_related("issuing_unit").prefetch_related("extensions")
    memberships = (
        request.user.memberships.filter(is_active=True)
        .select_related("unit")
        .order_by(vietnamese("unit__name"))
    )
    # The workbench: what every app says waits for this person, grouped by kind, oldest first.
    return render(
        request,
        "campaigns/home.html",
        {
            "campaigns": campaigns,
            "memberships": memberships,
            "work_groups": waiting_groups_for(request.user),
        },
    )


@login_required
def target_edit(request: HttpRequest, campaign_id: int, target_id: int) -> HttpResponse:
    campaign = _campaign(campaign_id)
    require(request.user, "campaign.manage", campaign.issuing_unit)
    target = Target.objects.filter(campaign=campaign, pk=target_id).first()
    if target is None:
        raise Http404
    initial = {"label": target.label, "comparison": target.comparison, "threshold": target.threshold}
    form = TargetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_update(actor=request.user, target=target, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The target was changed; the change and its reason are in the audit trail.")
            )
            return redirect("campaign-detail", campaign_id=campaign.pk)
    return render(
        request,
        "campaigns/target_form.html",
        {"campaign": campaign, "target": target, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def extension_add(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = _campaign(campaign_id)
    require(request.user, "campaign.manage", campaign.issuing_unit)
    form = ExtensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_extend(actor=request.user, campaign=campaign, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The extension was recorded."))
            return redirect("campaign-detail", campaign_id=campaign.pk)
    return render(
        request,
        "campaigns/extension_form.html",
        {"campaign": campaign, "form": form},
        status=400 if request.method == "POST" else 200,
    )
