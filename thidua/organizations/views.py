from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from thidua.core.collation import vietnamese
from thidua.core.exports import Column, Exporter, describe_filters
from thidua.core.forms import add_service_errors
from thidua.core.text import fold
from thidua.organizations import services
from thidua.organizations.access import (
    get_object_for_user,
    require,
    scope_queryset,
    user_can,
    visible_units,
)
from thidua.organizations.forms import (
    ApiTokenForm,
    AuthoritySettingsForm,
    FirstPasswordChangeForm,
    MembershipForm,
    MergeForm,
    PasswordResetByOfficerForm,
    PersonForm,
    ThrottledAuthenticationForm,
    UnitFilterForm,
    UnitForm,
)
from thidua.organizations.models import ApiToken, AuthoritySettings, Membership, Unit, User
from thidua.organizations.scope import scope_label


class LoginView(auth_views.LoginView):
    authentication_form = ThrottledAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    """The person's own password change; while an officer's password is in force every page leads here."""

    form_class = FirstPasswordChangeForm
    success_url = reverse_lazy("password_change_done")


class UnitExporter(Exporter):
    filename = "don-vi"
    sheet_title = gettext_lazy("Units")
    title = gettext_lazy("List of units")
    columns = [
        Column(gettext_lazy("Code"), lambda unit: unit.code, 22),
        Column(gettext_lazy("Name"), lambda unit: unit.name, 26),
        Column(gettext_lazy("Official name"), lambda unit: unit.official_name, 44),
        Column(gettext_lazy("Kind"), lambda unit: unit.get_kind_display(), 30),
        Column(gettext_lazy("Parent unit"), lambda unit: unit.parent.code if unit.parent else "", 16),
        Column(gettext_lazy("Valid from"), lambda unit: unit.valid_from, 12),
        Column(gettext_lazy("Valid to"), lambda unit: unit.valid_to, 12),
        Column(
            gettext_lazy("Successor units"), lambda unit: ", ".join(s.code for s in unit.successors.all()), 24
        ),
        Column(gettext_lazy("Confirmed"), lambda unit: unit.is_confirmed, 10),
        Column(gettext_lazy("Note"), lambda unit: unit.note, 40),
    ]

    def __init__(self, queryset, form=None):
        self.queryset = queryset
        self.form = form

    def items(self):
        return self.queryset

    def describe_scope(self):
        return scope_label(self.exported_by, "unit.view")

    def describe_period(self):
        return describe_filters(self.form)


def filter_units(queryset, form: UnitFilterForm):
    if not form.is_valid():
        return queryset.none()
    data = form.cleaned_data
    if data["q"]:
        for word in fold(data["q"]).split():
            queryset = queryset.filter(search_key__contains=word)
    if data["kind"]:
        queryset = queryset.filter(kind=data["kind"])
    if data["on"]:
        queryset = queryset.valid_on(data["on"])
    return queryset


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "unit.view")
    form = UnitFilterForm(request.GET)
    units = filter_units(
        visible_units(request.user).select_related("parent").prefetch_related("successors", "predecessors"),
        form,
    )
    if request.GET.get("format") in {"xlsx", "csv"} and form.is_valid():
        return UnitExporter(units, form).response(request.GET["format"], request)
    return render(
        request,
        "organizations/unit_list.html",
        {
            "form": form,
            "units": units,
            "can_manage": user_can(request.user, "unit.manage"),
            "query": request.GET.urlencode(),
        },
        status=200 if form.is_valid() else 400,
    )


@login_required
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_for_user(
        Unit.objects.select_related("parent"), request.user, "unit.view", unit_field="id", code=code
    )
    can_manage = user_can(request.user, "unit.manage", unit)
    memberships = []
    if can_manage or user_can(request.user, "registration.confirm", unit):
        memberships = unit.memberships.select_related("user").filter(is_active=True).order_by("role")
    return render(
        request,
        "organizations/unit_detail.html",
        {
            "unit": unit,
            "children": unit.children.all(),
            "memberships": memberships,
            "can_manage": can_manage,
            "can_edit_settings": unit.is_committee and user_can(request.user, "authority.settings", unit),
            "standing_office": unit.standing_office,
            "membership_form": MembershipForm() if can_manage else None,
        },
    )


@login_required
def unit_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    unit = None
    if code is not None:
        unit = get_object_for_user(Unit.objects.all(), request.user, "unit.view", unit_field="id", code=code)
        require(request.user, "unit.manage", unit)
    else:
        require(request.user, "unit.manage")
    form = UnitForm(request.POST or None, instance=unit)
    form.fields["parent"].queryset = visible_units(request.user, "unit.manage")
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in form.Meta.fields}
        if data["parent"] is None and not request.user.is_superuser:
            form.add_error("parent", _("Choose the unit this one belongs to."))
        else:
            try:
                if unit is None:
                    unit = services.unit_create(actor=request.user, **data)
                else:
                    unit = services.unit_update(actor=request.user, unit=unit, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The unit was saved."))
                return redirect("unit-detail", code=unit.code)
    return render(
        request,
        "organizations/unit_form.html",
        {"form": form, "unit": unit},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def membership_add(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_for_user(Unit.objects.all(), request.user, "unit.view", unit_field="id", code=code)
    require(request.user, "unit.manage", unit)
    form = MembershipForm(request.POST)
    if form.is_valid():
        try:
            services.membership_grant(
                actor=request.user,
                user=form.cleaned_data["username"],
                unit=unit,
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The role was granted."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("unit-detail", code=unit.code)


@login_required
@require_POST
def membership_remove(request: HttpRequest, code: str, membership_id: int) -> HttpResponse:
    unit = get_object_for_user(Unit.objects.all(), request.user, "unit.view", unit_field="id", code=code)
    require(request.user, "unit.manage", unit)
    membership = get_object_for_user(
        Membership.objects.filter(unit=unit), request.user, "unit.manage", pk=membership_id
    )
    try:
        services.membership_revoke(actor=request.user, membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The role was revoked."))
    return redirect("unit-detail", code=unit.code)


@never_cache  # the page shows a new token's secret once: no browser or proxy may keep a copy
@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "token.manage")
    units = visible_units(request.user, "token.manage")
    form = ApiTokenForm(request.POST or None, units=units)
    new_secret = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _token, new_secret = services.api_token_create(
                    actor=request.user, name=form.cleaned_data["name"], unit=form.cleaned_data["unit"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
                status = 400
            else:
                form = ApiTokenForm(units=units)
        else:
            status = 400
    tokens = scope_queryset(
        ApiToken.objects.select_related("unit", "created_by"), request.user, "token.manage"
    )
    return render(
        request,
        "organizations/token_list.html",
        {"form": form, "tokens": tokens, "new_secret": new_secret},
        status=status,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_for_user(ApiToken.objects.all(), request.user, "token.manage", pk=token_id)
    try:
        services.api_token_revoke(actor=request.user, token=token)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The token was revoked; systems using it are refused from now on."))
    return redirect("token-list")


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    memberships = request.user.memberships.filter(is_active=True).select_related("unit")
    return render(request, "organizations/profile.html", {"memberships": memberships})


@login_required
def people(request: HttpRequest) -> HttpResponse:
    """District officers create accounts and give them a first role; roles are managed on each unit's page."""
    require(request.user, "user.manage")
    units = visible_units(request.user, "user.manage")
    form = PersonForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_create(
                actor=request.user,
                username=data["username"],
                password=data["password"],
                full_name=data["full_name"],
                email=data["email"],
                job_title=data["job_title"],
                unit=data["unit"],
                role=data["role"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The account %(username)s was created.") % {"username": person.username}
            )
            return redirect("people")
    members = (
        User.objects.filter(memberships__unit__in=units)
        .distinct()
        .order_by("username")
        .prefetch_related("memberships__unit")
    )
    return render(
        request,
        "organizations/people.html",
        {"form": form, "people": members},
        status=400 if request.method == "POST" else 200,
    )


def _managed_person(request: HttpRequest, user_id: int) -> User:
    """A person who holds a role in a unit the officer manages; anyone else is 404."""
    require(request.user, "user.manage")
    units = visible_units(request.user, "user.manage")
    person = User.objects.filter(pk=user_id, memberships__unit__in=units).distinct().first()
    if person is None:
        raise Http404
    if person.is_superuser and not request.user.is_superuser:
        raise PermissionDenied
    return person


@never_cache
@login_required
def person_password_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    """An officer gives a person who forgot their password a new one, which they must replace at sign-in."""
    person = _managed_person(request, user_id)
    form = PasswordResetByOfficerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_password_reset(
                actor=request.user, user=person, password=form.cleaned_data["password"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The password of %(username)s was reset; they must choose a new one at sign-in.")
                % {"username": person.username},
            )
            return redirect("people")
    return render(
        request,
        "organizations/person_password_reset.html",
        {"form": form, "person": person},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def unit_merge(request: HttpRequest) -> HttpResponse:
    """Record a reorganisation: old units close the day before and continue in their successor."""
    require(request.user, "unit.manage")
    units = visible_units(request.user, "unit.manage").order_by("kind", vietnamese("name"), "code")
    form = MergeForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            successor = services.unit_merge(
                actor=request.user,
                predecessors=list(data["predecessors"]),
                successor=data["successor"],
                effective=data["effective"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The merge was recorded."))
            return redirect("unit-detail", code=successor.code)
    return render(
        request,
        "organizations/unit_merge.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def authority_settings(request: HttpRequest, code: str) -> HttpResponse:
    """An authority's settings (letterhead, place, signatory, standing office), kept by its standing office; the
    page shows what documents print now, with or without settings."""
    authority = get_object_for_user(
        Unit.objects.select_related("parent"), request.user, "unit.view", unit_field="id", code=code
    )
    if not authority.is_committee:
        raise Http404
    require(request.user, "authority.settings", authority)
    current = AuthoritySettings.objects.filter(authority=authority).first()
    form = AuthoritySettingsForm(request.POST or None, instance=current, authority=authority)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.authority_settings_update(
                actor=request.user,
                authority=authority,
                reason=data["reason"],
                document_abbreviation=data["document_abbreviation"],
                **{field: data[field] for field in services.AUTHORITY_SETTING_FIELDS},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The authority's settings were saved."))
            return redirect("authority-settings", code=authority.code)
    return render(
        request,
        "organizations/authority_settings.html",
        {
            "form": form,
            "authority": authority,
            "name_lines": authority.document_name_lines(),
            "superior_lines": authority.document_superior_lines(),
            "place": authority.document_place,
            "standing_office": authority.standing_office,
        },
        status=400 if request.method == "POST" else 200,
    )
