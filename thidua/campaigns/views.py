import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.campaigns import services
from thidua.campaigns.audit_actions import revision_changes
from thidua.campaigns.award_types import award_type_choices, award_type_label
from thidua.campaigns.exports import ProgressExporter, RegistrationExporter
from thidua.campaigns.forms import (
    BY_KIND,
    BY_LIST,
    ExtensionForm,
    PlanForm,
    RegistrationForm,
    ReturnForm,
    SignedPlanForm,
    TargetForm,
    TargetRows,
    YearForm,
)
from thidua.campaigns.indicators import default_unit_of_measure, registered_indicators
from thidua.campaigns.models import Campaign, Registration, RegistrationStatus, Target
from thidua.campaigns.progress import campaign_progress, default_year
from thidua.campaigns.selectors import plan_tree_unit_ids, visible_campaigns
from thidua.campaigns.years import YearView, year_view, years_with_data
from thidua.core.audit import audit_history
from thidua.core.collation import vietnamese
from thidua.core.forms import add_service_errors
from thidua.core.panels import waiting_groups_for
from thidua.core.public import public
from thidua.core.uploads import PDF, private_file_response
from thidua.organizations.access import (
    descendant_unit_ids,
    get_object_for_user,
    require,
    roles_for_action,
    scope_queryset,
    unit_ids_for,
    user_can,
    visible_units,
)
from thidua.organizations.models import COMMITTEE_KINDS, Unit


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


def _readable_campaign(request: HttpRequest, campaign_id: int) -> Campaign:
    """The plan, if it is one of the user's authority trees; another authority's plan is 404."""
    campaign = _campaign(campaign_id)
    if not _in_authority_tree(request.user, campaign):
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
    campaigns = visible_campaigns(request.user).select_related("issuing_unit").prefetch_related("extensions")
    return render(request, "campaigns/campaign_list.html", {"campaigns": campaigns})


@login_required
def campaign_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    require(request.user, "campaign.view")
    campaign = _readable_campaign(request, campaign_id)
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
            "can_manage": user_can(request.user, "campaign.manage", campaign.issuing_unit),
            "listed_participants": campaign.participants.order_by("kind", vietnamese("name"), "code"),
            "award_type_labels": [award_type_label(code) for code in campaign.award_types],
            "revisions": _revision_rows(campaign),
            "signed_plan_visible": bool(campaign.signed_plan) and _in_authority_tree(request.user, campaign),
        },
    )


def _revision_rows(campaign: Campaign) -> list[dict]:
    """The plan's revisions as the plan page lists them: each changed field with its old and new value."""
    return [
        {"revision": revision, "changes": revision_changes(revision.changes)}
        for revision in campaign.revisions.select_related("actor")
    ]


@login_required
def campaign_progress_view(request: HttpRequest, campaign_id: int) -> HttpResponse:
    require(request.user, "campaign.view")
    campaign = _readable_campaign(request, campaign_id)
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
    campaign = _readable_campaign(request, campaign_id)
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
    campaign = _readable_campaign(request, campaign_id)
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
    campaigns = visible_campaigns(request.user).select_related("issuing_unit").prefetch_related("extensions")
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
    campaign = _managed_campaign(request, campaign_id)
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
    campaign = _managed_campaign(request, campaign_id)
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


# --- the plan editor: the standing office of an authority sets up and changes its plans -------------------------


def _authorities(user) -> QuerySet[Unit]:
    """The units whose plans the user issues: where they hold the standing office's role themselves (a role held
    above covers the units below for reading, but a plan is issued by the authority that holds the office)."""
    if user.is_superuser:
        return Unit.objects.filter(kind__in=COMMITTEE_KINDS)
    return Unit.objects.filter(
        memberships__user=user,
        memberships__is_active=True,
        memberships__role__in=roles_for_action("campaign.manage"),
    ).distinct()


def _in_authority_tree(user, campaign: Campaign) -> bool:
    """Does the user work within the issuing authority's tree (at it, below it or above it)?"""
    return campaign.issuing_unit_id in plan_tree_unit_ids(user)


def _managed_campaign(request: HttpRequest, campaign_id: int) -> Campaign:
    """The plan, for its standing office: another authority's plan is 404, a plan of the user's tree without the
    standing office's role is 403."""
    campaign = _campaign(campaign_id)
    if not _in_authority_tree(request.user, campaign):
        raise Http404
    require(request.user, "campaign.manage", campaign.issuing_unit)
    return campaign


def _participant_choices(authorities: QuerySet[Unit]) -> QuerySet[Unit]:
    return Unit.objects.filter(
        id__in=descendant_unit_ids(set(authorities.values_list("id", flat=True)))
    ).order_by("kind", vietnamese("name"), "code")


def _plan_initial(campaign: Campaign, *, copy: bool = False) -> tuple[dict, list[dict]]:
    participants = list(campaign.participants.all())
    initial = {
        "number": "" if copy else campaign.number,
        "title": campaign.title,
        "issue_date": None if copy else campaign.issue_date,
        "issuing_unit": campaign.issuing_unit,
        "legal_bases": campaign.legal_bases,
        "summary": campaign.summary,
        "period_start": None if copy else campaign.period_start,
        "period_end": None if copy else campaign.period_end,
        "participation": BY_LIST if participants else BY_KIND,
        "participating_kinds": [] if participants else campaign.participating_kinds,
        "participants": participants,
        "award_types": campaign.award_types,
    }
    rows = [
        {
            "id": None if copy else target.pk,
            "indicator": target.indicator,
            "label": target.label,
            "comparison": target.comparison,
            "threshold": target.threshold.normalize(),
            "unit_of_measure": target.unit_of_measure,
            "unit_kinds": target.unit_kinds,
            "counting_rule": target.counting_rule,
            "position": target.position,
        }
        for target in campaign.targets.all()
    ]
    return initial, rows


def _registry_rows() -> list[dict]:
    """The indicator registry as the editor lists it: code, name, default unit and counting rules."""
    return [
        {
            "code": indicator.code,
            "label": indicator.label,
            "unit": default_unit_of_measure(indicator.code),
            "rules": [rule.label for rule in indicator.counting_rules],
        }
        for indicator in registered_indicators()
    ]


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    """The plans of the authorities whose standing office the user is."""
    require(request.user, "campaign.manage")
    authorities = _authorities(request.user)
    plans = (
        Campaign.objects.filter(issuing_unit__in=authorities)
        .select_related("issuing_unit")
        .prefetch_related("extensions")
    )
    return render(request, "campaigns/plan_list.html", {"plans": plans, "authorities": authorities})


def _plan_form_page(
    request: HttpRequest, *, campaign: Campaign | None, source: Campaign | None
) -> HttpResponse:
    authorities = _authorities(request.user)
    if campaign is not None:
        authorities = Unit.objects.filter(pk=campaign.issuing_unit_id)
    editing = campaign is not None
    initial, rows = ({}, [])
    if campaign is not None:
        initial, rows = _plan_initial(campaign)
    elif source is not None:
        initial, rows = _plan_initial(source, copy=True)
    form_kwargs = {
        "authorities": authorities,
        "units": _participant_choices(authorities),
        "award_types": award_type_choices(),
        "editing": editing,
    }
    data = request.POST if request.method == "POST" else None
    form = PlanForm(data, initial=initial, **form_kwargs)
    targets = TargetRows(data, initial=rows, prefix="targets")
    if request.method == "POST" and form.is_valid() and targets.is_valid():
        fields = {
            name: form.cleaned_data[name]
            for name in (
                "number",
                "title",
                "issue_date",
                "legal_bases",
                "summary",
                "period_start",
                "period_end",
                "participating_kinds",
                "award_types",
            )
        }
        fields["participants"] = list(form.cleaned_data["participants"])
        try:
            if campaign is None:
                saved = services.campaign_create(
                    actor=request.user,
                    issuing_unit=form.cleaned_data["issuing_unit"],
                    targets=targets.specs(),
                    copied_from=source,
                    **fields,
                )
            else:
                saved = services.campaign_update(
                    actor=request.user,
                    campaign=campaign,
                    targets=targets.specs(),
                    reason=form.cleaned_data.get("reason", ""),
                    **fields,
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("campaign-detail", campaign_id=saved.pk)
    return render(
        request,
        "campaigns/plan_form.html",
        {
            "campaign": campaign,
            "source": source,
            "form": form,
            "targets": targets,
            "registry": _registry_rows(),
            "indicator_data": json.dumps(
                {
                    indicator.code: {
                        "unit": default_unit_of_measure(indicator.code),
                        "rules": [rule.code for rule in indicator.counting_rules],
                    }
                    for indicator in registered_indicators()
                }
            ),
            "has_data": campaign is not None and services.campaign_has_data(campaign),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "campaign.manage")
    if not _authorities(request.user).exists():
        raise PermissionDenied
    return _plan_form_page(request, campaign=None, source=None)


@login_required
def plan_copy(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """A new plan that starts as a copy of an earlier one: its fields and targets, with a new number and dates."""
    source = _managed_campaign(request, campaign_id)
    return _plan_form_page(request, campaign=None, source=source)


@login_required
def plan_edit(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = _managed_campaign(request, campaign_id)
    return _plan_form_page(request, campaign=campaign, source=None)


@login_required
def signed_plan_upload(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = _managed_campaign(request, campaign_id)
    form = SignedPlanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_attach_signed_plan(
                actor=request.user,
                campaign=campaign,
                uploaded=form.cleaned_data["file"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The signed plan was attached."))
            return redirect("campaign-detail", campaign_id=campaign.pk)
    return render(
        request,
        "campaigns/signed_plan_form.html",
        {"campaign": campaign, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def signed_plan_download(request: HttpRequest, campaign_id: int) -> HttpResponse:
    require(request.user, "campaign.view")
    campaign = _campaign(campaign_id)
    if not _in_authority_tree(request.user, campaign) or not campaign.signed_plan:
        raise Http404
    return private_file_response(
        campaign.signed_plan,
        filename=campaign.signed_plan_name or "ke-hoach.pdf",
        content_type=PDF.content_type,
        inline=request.GET.get("inline") == "1",
    )
