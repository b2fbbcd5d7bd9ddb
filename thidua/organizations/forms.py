from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from thidua.core.throttle import client_address, login_failed, login_is_blocked, login_succeeded
from thidua.core.widgets import DayMonthYearInput
from thidua.organizations.models import Role, Unit, UnitKind, User


class ThrottledAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": _("Too many failed attempts. Wait %(minutes)s minutes and try again."),
    }

    def clean(self):
        from django.conf import settings

        username = self.cleaned_data.get("username") or ""
        client = client_address(self.request) if self.request else "unknown"
        if login_is_blocked(username, client):
            raise forms.ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": max(1, settings.LOGIN_FAILURE_WINDOW_SECONDS // 60)},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            login_failed(username, client)
            raise
        login_succeeded(username)
        return cleaned


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *UnitKind.choices]
    )
    on = forms.DateField(label=_("Existing on"), required=False, widget=DayMonthYearInput())


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = [
            "code",
            "name",
            "official_name",
            "kind",
            "parent",
            "valid_from",
            "valid_to",
            "is_confirmed",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end of validity is before its start."))
        return cleaned


class MembershipForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        try:
            return User.objects.get(username=username, is_active=True)
        except User.DoesNotExist:
            raise forms.ValidationError(_("No active user has that username.")) from None


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Name (which system uses it)"), max_length=120)
    unit = forms.ModelChoiceField(label=_("Scope unit"), queryset=Unit.objects.none())

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class PersonForm(forms.Form):
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[A-Za-z0-9_.-]+$",
        error_messages={"invalid": _("Use letters without diacritics, digits, dot, dash or underscore.")},
    )
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email"), required=False)
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput,
        min_length=8,
        help_text=_("At least 8 characters; the person should change it after signing in."),
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken."))
        return username


class MergeForm(forms.Form):
    predecessors = forms.ModelMultipleChoiceField(
        label=_("Units that are merged"), queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    successor = forms.ModelChoiceField(label=_("Unit they continue in"), queryset=Unit.objects.none())
    effective = forms.DateField(
        label=_("Effective from"),
        help_text=_("The first day of the new unit, e.g. 01/07/2025."),
        widget=DayMonthYearInput(),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["predecessors"].queryset = units if units is not None else Unit.objects.none()
        self.fields["successor"].queryset = units if units is not None else Unit.objects.none()
