from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.dashboard import Filters
from thidua.campaigns.indicators import counting_rules, indicator_choices, registered_indicators
from thidua.campaigns.models import Campaign, Comparison
from thidua.campaigns.progress import default_year
from thidua.campaigns.selectors import visible_campaigns
from thidua.campaigns.services import TargetSpec
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

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The plans of the user's own authority trees: another authority's plan is neither offered nor accepted.
        campaigns = visible_campaigns(user).prefetch_related("extensions")
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
    form = DashboardFilterForm(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        return None, form
    data = form.cleaned_data if form.is_bound else {}
    campaign = data.get("campaign") if form.is_bound else form.fields["campaign"].queryset.first()
    year = data.get("year") or (default_year(campaign, timezone.localdate().year) if campaign else None)
    return Filters(campaign=campaign, year=year, kind=data.get("kind") or ""), form


# --- the plan editor ---------------------------------------------------------------------------------------------


def _field_label(name: str):
    return capfirst(Campaign._meta.get_field(name).verbose_name)


BY_KIND = "kinds"
BY_LIST = "list"


class PlanForm(RefuseControlCharactersMixin, forms.Form):
    """A plan's own fields (kế hoạch): number, title, dates, issuing authority, legal bases, participants, awards.

    ``authorities`` are the units the standing office may issue plans for (the issuing unit is chosen when the plan
    is created and fixed afterwards); ``units`` the units that may be listed as participants.
    """

    number = forms.CharField(
        label=_field_label("number"), max_length=60, help_text=_("As printed, e.g. 47/KH-UBND.")
    )
    title = forms.CharField(label=_field_label("title"), max_length=500)
    issue_date = forms.DateField(label=_field_label("issue_date"), widget=DayMonthYearInput())
    issuing_unit = forms.ModelChoiceField(label=_("Issuing authority"), queryset=Unit.objects.none())
    legal_bases = forms.CharField(
        label=_field_label("legal_bases"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One document per line."),
    )
    summary = forms.CharField(
        label=_field_label("summary"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    period_start = forms.DateField(label=_field_label("period_start"), widget=DayMonthYearInput())
    period_end = forms.DateField(label=_field_label("period_end"), widget=DayMonthYearInput())
    participation = forms.ChoiceField(
        label=_("Who takes part"),
        choices=[(BY_KIND, _("Every unit of the kinds ticked")), (BY_LIST, _("The units listed"))],
        initial=BY_KIND,
        widget=forms.RadioSelect,
    )
    participating_kinds = forms.MultipleChoiceField(
        label=_("Participating unit kinds"),
        choices=UnitKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Participating units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("For a plan that names its units one by one."),
    )
    award_types = forms.MultipleChoiceField(
        label=_("Award types of its rounds"),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: the rounds may give any award type."),
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required once data have been recorded under the plan; kept in its history."),
    )

    def __init__(self, *args, authorities=None, units=None, award_types=(), editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_unit"].queryset = authorities if authorities is not None else Unit.objects.none()
        self.fields["participants"].queryset = units if units is not None else Unit.objects.none()
        self.fields["award_types"].choices = list(award_types)
        if editing:
            # The issuing authority of a plan is fixed once it exists.
            del self.fields["issuing_unit"]
        else:
            del self.fields["reason"]
        preselect_only_choices(self)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        if data.get("participation") == BY_LIST:
            if not data.get("participants"):
                self.add_error("participants", _("List the units that take part."))
            data["participating_kinds"] = []
        else:
            if not data.get("participating_kinds"):
                self.add_error("participating_kinds", _("Choose the kinds of unit that take part."))
            data["participants"] = []
        return data


def counting_rule_choices() -> list:
    """The counting rules of every indicator that declares several, grouped by indicator."""
    groups: list = [("", _("The indicator's default"))]
    for indicator in registered_indicators():
        if len(indicator.counting_rules) > 1:
            groups.append(
                (str(indicator.label), [(rule.code, str(rule.label)) for rule in indicator.counting_rules])
            )
    return groups


class TargetRowForm(RefuseControlCharactersMixin, forms.Form):
    """One target of the plan: an indicator of the registry compared with a threshold."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    indicator = forms.ChoiceField(label=_("Indicator"), choices=[])
    label = forms.CharField(
        label=_("Label"),
        max_length=300,
        required=False,
        help_text=_("Empty: the indicator's name."),
    )
    comparison = forms.ChoiceField(label=_("Comparison"), choices=Comparison.choices, initial=Comparison.GTE)
    threshold = forms.DecimalField(label=_("Threshold"), max_digits=12, decimal_places=4, min_value=0)
    unit_of_measure = forms.CharField(
        label=_("Unit of measure"),
        max_length=30,
        required=False,
        help_text=_("Empty: the indicator's unit."),
    )
    unit_kinds = forms.MultipleChoiceField(
        label=_("Applies to unit kinds"),
        choices=UnitKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every participating kind."),
    )
    counting_rule = forms.ChoiceField(label=_("Counting rule"), choices=[], required=False)
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=999, required=False)
    remove = forms.BooleanField(label=_("Remove this target"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", "---------"), *indicator_choices()]
        self.fields["counting_rule"].choices = counting_rule_choices()
        if not (self.initial.get("id")):
            del self.fields["remove"]

    def clean(self):
        data = super().clean()
        indicator, rule = data.get("indicator"), data.get("counting_rule")
        if indicator and rule and rule not in {r.code for r in counting_rules(indicator)}:
            self.add_error("counting_rule", _("This counting rule belongs to another indicator."))
        return data


class BaseTargetRows(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        seen: set[str] = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("remove") or not data.get("indicator"):
                continue
            if data["indicator"] in seen:
                raise forms.ValidationError(
                    _("A plan has one target per indicator; %(indicators)s is chosen twice.")
                    % {"indicators": data["indicator"]}
                )
            seen.add(data["indicator"])

    def specs(self) -> list[TargetSpec]:
        """The rows as the service takes them; untouched empty rows are left out."""
        result = []
        for index, form in enumerate(self.forms):
            data = getattr(form, "cleaned_data", None) or {}
            if not data or not data.get("indicator"):
                continue
            result.append(
                TargetSpec(
                    id=data.get("id"),
                    indicator=data["indicator"],
                    label=data.get("label") or "",
                    comparison=data["comparison"],
                    threshold=data["threshold"],
                    unit_of_measure=data.get("unit_of_measure") or "",
                    unit_kinds=list(data.get("unit_kinds") or []),
                    position=data["position"] if data.get("position") is not None else index,
                    counting_rule=data.get("counting_rule") or "",
                    remove=bool(data.get("remove")),
                )
            )
        return result


TargetRows = forms.formset_factory(TargetRowForm, formset=BaseTargetRows, extra=2, max_num=30)


class SignedPlanForm(RefuseControlCharactersMixin, forms.Form):
    file = forms.FileField(
        label=_("Signed plan (PDF)"), help_text=_("The plan as signed and stamped, as a PDF.")
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to replace the file once data have been recorded under the plan."),
    )
