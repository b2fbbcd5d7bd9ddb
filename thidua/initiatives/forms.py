from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.campaigns.models import Campaign
from thidua.core.forms import RefuseControlCharactersMixin, preselect_only_choices
from thidua.core.widgets import DayMonthYearInput
from thidua.initiatives.models import CRITERIA, AppraisalDecision, ModelCategory, ReformModel, Verdict
from thidua.organizations.models import Unit

# Dates are typed and shown as dd/mm/yyyy whatever the browser's own locale; ISO is accepted too.
DATE_INPUT = DayMonthYearInput()
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class ReformModelForm(RefuseControlCharactersMixin, forms.ModelForm):
    """The content an officer writes. Unit, campaign and year are chosen only when the model is created."""

    started_on = forms.DateField(label=_("Start date"), widget=DATE_INPUT, input_formats=DATE_FORMATS)

    class Meta:
        model = ReformModel
        fields = [
            "title",
            "category",
            "problem",
            "solution",
            "started_on",
            "minutes_saved_per_dossier",
            "minutes_saved_method",
            "cost_saved_per_year",
            "cost_saved_method",
            "trips_avoided_per_dossier",
            "trips_avoided_method",
            "people_served_per_year",
            "people_served_method",
            "links",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4}),
            "solution": forms.Textarea(attrs={"rows": 6}),
            "minutes_saved_method": forms.Textarea(attrs={"rows": 2}),
            "cost_saved_method": forms.Textarea(attrs={"rows": 2}),
            "trips_avoided_method": forms.Textarea(attrs={"rows": 2}),
            "people_served_method": forms.Textarea(attrs={"rows": 2}),
            "links": forms.Textarea(attrs={"rows": 2}),
        }

    def content(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class NewReformModelForm(ReformModelForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=Campaign.objects.none())
    year = forms.TypedChoiceField(label=_("Campaign year"), coerce=int)

    field_order = ["unit", "campaign", "year"]

    def __init__(self, *args, units, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["campaign"].queryset = campaigns
        years = sorted({year for campaign in campaigns for year in campaign.years})
        self.fields["year"].choices = [(year, str(year)) for year in years]
        preselect_only_choices(self)


class EvidenceForm(RefuseControlCharactersMixin, forms.Form):
    file = forms.FileField(
        label=_("Evidence file"),
        help_text=_("PDF, image (PNG, JPEG, WebP), DOCX or XLSX; the type is checked from the content."),
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    is_public = forms.BooleanField(label=_("Show in the public library"), required=False)


class ReasonForm(RefuseControlCharactersMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class AppraisalForm(RefuseControlCharactersMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=AppraisalDecision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Conclusion"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the model is returned or rejected."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in CRITERIA:
            self.fields[code] = forms.ChoiceField(
                label=label, choices=Verdict.choices, widget=forms.RadioSelect
            )
            self.fields[f"{code}_comment"] = forms.CharField(
                label=pgettext_lazy("appraisal", "Comment"),
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.order_fields([name for code, _label in CRITERIA for name in (code, f"{code}_comment")])

    def criteria(self) -> dict[str, str]:
        return {code: self.cleaned_data[code] for code, _label in CRITERIA}

    def comments(self) -> dict[str, str]:
        return {code: self.cleaned_data[f"{code}_comment"] for code, _label in CRITERIA}


class AdoptForm(RefuseControlCharactersMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Adopting unit"), queryset=Unit.objects.none())
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=Campaign.objects.none())
    year = forms.TypedChoiceField(label=_("Campaign year"), coerce=int)
    started_on = forms.DateField(
        label=_("Start date in your unit"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    solution = forms.CharField(
        label=_("How your unit applies it"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Leave empty to start from the source model's text."),
    )

    def __init__(self, *args, units, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["campaign"].queryset = campaigns
        years = sorted({year for campaign in campaigns for year in campaign.years})
        self.fields["year"].choices = [(year, str(year)) for year in years]
        preselect_only_choices(self)


class LibraryFilterForm(RefuseControlCharactersMixin, forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("All units"),
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, units, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories")), *ModelCategory.choices]
        self.fields["unit"].queryset = units
        self.fields["year"].choices = [("", _("All years")), *[(year, str(year)) for year in years]]


class RegisterFilterForm(RefuseControlCharactersMixin, forms.Form):
    """Filters of the signed-in model register."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.all(), required=False, empty_label=_("All campaigns")
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )
    q = forms.CharField(label=_("Search"), max_length=200, required=False)

    def __init__(self, *args, units, **kwargs):
        from thidua.initiatives.models import ModelStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *ModelStatus.choices]
        self.fields["unit"].queryset = units


class NetworkFilterForm(RefuseControlCharactersMixin, forms.Form):
    """The replication network's filters: the year of the adoptions and the category of the model."""

    network_year = forms.TypedChoiceField(
        label=_("Year of adoption"), coerce=int, required=False, empty_value=None
    )
    category = forms.ChoiceField(label=_("Category"), required=False)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network_year"].choices = [("", _("Every year")), *((year, str(year)) for year in years)]
        self.fields["category"].choices = [("", _("Every category")), *ModelCategory.choices]
