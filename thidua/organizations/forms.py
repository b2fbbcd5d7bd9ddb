from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from thidua.core.collation import vietnamese
from thidua.core.forms import RefuseControlCharactersMixin
from thidua.core.throttle import client_address, login_failed, login_is_blocked, login_succeeded
from thidua.core.widgets import DayMonthYearInput
from thidua.organizations import services
from thidua.organizations.access import descendant_unit_ids
from thidua.organizations.models import AuthoritySettings, Role, Unit, UnitKind, User


class ThrottledAuthenticationForm(RefuseControlCharactersMixin, AuthenticationForm):
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
        # An empty password skips authentication without an error: only a real sign-in clears the failures.
        if self.get_user() is not None:
            login_succeeded(username, client)
        return cleaned


class UnitFilterForm(RefuseControlCharactersMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *UnitKind.choices]
    )
    on = forms.DateField(label=_("Existing on"), required=False, widget=DayMonthYearInput())


class UnitForm(RefuseControlCharactersMixin, forms.ModelForm):
    class Meta:
        model = Unit
        fields = [
            "code",
            "name",
            "official_name",
            "document_abbreviation",
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


class MembershipForm(RefuseControlCharactersMixin, forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        try:
            return User.objects.get(username=username, is_active=True)
        except User.DoesNotExist:
            raise forms.ValidationError(_("No active user has that username.")) from None


class ApiTokenForm(RefuseControlCharactersMixin, forms.Form):
    name = forms.CharField(label=_("Name (which system uses it)"), max_length=120)
    unit = forms.ModelChoiceField(label=_("Scope unit"), queryset=Unit.objects.none())

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class PersonForm(RefuseControlCharactersMixin, forms.Form):
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
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        help_text=_(
            "At least 8 characters, not a common password, not only digits, not like the username; "
            "the person must replace it at first sign-in."
        ),
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


class PasswordResetByOfficerForm(RefuseControlCharactersMixin, forms.Form):
    password = forms.CharField(
        label=_("New password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        help_text=password_validation.password_validators_help_text_html,
    )


class FirstPasswordChangeForm(RefuseControlCharactersMixin, PasswordChangeForm):
    """Django's password change, which also clears the flag set when an officer chose the password."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "unchanged": _("Choose a password different from the current one."),
    }

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("new_password1")
        if password and "new_password2" not in self.errors and self.user.check_password(password):
            self.add_error(
                "new_password2", forms.ValidationError(self.error_messages["unchanged"], code="unchanged")
            )
        return cleaned

    def save(self, commit=True):
        if commit:
            return services.user_password_change(user=self.user, password=self.cleaned_data["new_password1"])
        self.user.set_password(self.cleaned_data["new_password1"])
        self.user.must_change_password = False
        return self.user


class MergeForm(RefuseControlCharactersMixin, forms.Form):
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


class AuthoritySettingsForm(RefuseControlCharactersMixin, forms.ModelForm):
    """An authority's settings as its standing office edits them; every change needs a reason."""

    document_abbreviation = forms.CharField(
        label=_("document abbreviation"),
        max_length=20,
        required=False,
        help_text=_("Abbreviation of the authority in its document numbers, e.g. UBND in “Số: 12/QĐ-UBND”."),
    )
    reason = forms.CharField(label=_("Reason for the change"), widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = AuthoritySettings
        fields = list(services.AUTHORITY_SETTING_FIELDS)
        widgets = {
            "letterhead_superior": forms.Textarea(attrs={"rows": 2}),
            "letterhead_name": forms.Textarea(attrs={"rows": 2}),
            "signatory_capacity": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, authority: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document_abbreviation"].initial = authority.document_abbreviation
        self.fields["standing_office"].queryset = Unit.objects.filter(
            id__in=descendant_unit_ids({authority.pk})
        ).order_by("kind", vietnamese("name"), "code")
