from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.models import Comparison
from thidua.core.forms import RefuseControlCharactersMixin, preselect_only_choices
from thidua.core.widgets import DayMonthYearInput
from thidua.organizations.models import Unit


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
