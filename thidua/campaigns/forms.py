from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.dashboard import Filters
from thidua.campaigns.models import Campaign, Comparison
from thidua.campaigns.progress import default_year
from thidua.core.forms import RefuseControlCharactersMixin, preselect_only_choices
from thidua.core.widgets import DayMonthYearInput
from thidua.organizations.models import Unit, UnitKind


class YearForm(RefuseControlCharactersMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, years: list[int], all_years: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(year, str(year)) for year in years]
        self.fields["year"].choices = [("", _("All years")), *choices] if all_years else choices

    @classmethod
    def showing(cls, view) -> "YearForm":
        """The selector of a page that shows ``view.year`` (a ``years.YearView``): bound to that year."""
        return cls({"year": view.year}, years=view.years)


class RegistrationForm(RefuseControlCharactersMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    commitment = forms.CharField(
        label=_("Commitment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What the unit commits to in this campaign year: models it will build, targets it adopts."
        ),
    )

    def __init__(self, *args, units, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["year"].choices = [(year, str(year)) for year in years]
        preselect_only_choices(self)


class ReturnForm(RefuseControlCharactersMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for return"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TargetForm(RefuseControlCharactersMixin, forms.Form):
    label = forms.CharField(label=_("Label"), max_length=300)
    comparison = forms.ChoiceField(label=_("Comparison"), choices=Comparison.choices)
    threshold = forms.DecimalField(label=_("Threshold"), max_digits=12, decimal_places=4, min_value=0)
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded in the audit trail: thresholds never change without a reason."),
    )


class ExtensionForm(RefuseControlCharactersMixin, forms.Form):
    new_end = forms.DateField(label=_("New end date"), widget=DayMonthYearInput())
    decided_on = forms.DateField(label=_("Decided on"), widget=DayMonthYearInput())
    document = forms.CharField(label=_("Document"), max_length=200, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class DashboardFilterForm(RefuseControlCharactersMixin, forms.Form):
    """The dashboard's filters: campaign, year and kind of unit. Empty fields take the defaults."""

    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.none(), required=False, empty_label=None
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    kind = forms.ChoiceField(label=_("Kind of unit"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        campaigns = Campaign.objects.prefetch_related("extensions")
        self.fields["campaign"].queryset = campaigns
        self.fields["campaign"].label_from_instance = lambda campaign: campaign.number
        years = sorted({year for campaign in campaigns for year in campaign.years})
        self.fields["year"].choices = [("", _("Current year of the campaign")), *((y, str(y)) for y in years)]
        kinds = {kind for campaign in campaigns for kind in campaign.participating_kinds}
        self.fields["kind"].choices = [
            ("", _("Every kind")),
            *((kind, label) for kind, label in UnitKind.choices if kind in kinds),
        ]

    def clean(self):
        data = super().clean()
        campaign = data.get("campaign") or self.fields["campaign"].queryset.first()
        data["campaign"] = campaign
        year = data.get("year")
        if campaign is not None and year and year not in campaign.years:
            self.add_error("year", _("The year must fall within the campaign period."))
        if campaign is not None and data.get("kind") and data["kind"] not in campaign.participating_kinds:
            self.add_error("kind", _("This kind of unit does not take part in the campaign."))
        return data


def dashboard_filters(request) -> tuple[Filters | None, DashboardFilterForm]:
    """The filters of the query string, defaults filled in; None (and the form's errors) when they are invalid."""
    form = DashboardFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return None, form
    data = form.cleaned_data if form.is_bound else {}
    campaign = data.get("campaign") if form.is_bound else form.fields["campaign"].queryset.first()
    year = data.get("year") or (default_year(campaign, timezone.localdate().year) if campaign else None)
    return Filters(campaign=campaign, year=year, kind=data.get("kind") or ""), form
