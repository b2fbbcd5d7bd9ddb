from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import AwardType, CouncilRule, EligibilityFlag, FlagKind
from thidua.awards.services import RULE_FIELDS
from thidua.campaigns.models import Campaign
from thidua.core.forms import RefuseControlCharactersMixin

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReasonMixin(RefuseControlCharactersMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class CouncilRuleForm(RefuseControlCharactersMixin, forms.ModelForm):
    reason = forms.CharField(
        label=_("Reason for the change"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    class Meta:
        model = CouncilRule
        fields = list(RULE_FIELDS)
        widgets = {"valid_from": DATE_INPUT, "valid_to": DATE_INPUT}


class FlagForm(RefuseControlCharactersMixin, forms.ModelForm):
    class Meta:
        model = EligibilityFlag
        fields = ["unit", "kind", "reason", "starts_on", "ends_on"]
        widgets = {
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "reason": forms.Textarea(attrs={"rows": 2}),
            "kind": forms.Select(choices=FlagKind.choices),
        }

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units


class FlagLiftForm(ReasonMixin):
    ends_on = forms.DateField(label=_("Until"), widget=DATE_INPUT)


class RoundOpenForm(RefuseControlCharactersMixin, forms.Form):
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=Campaign.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    award_type = forms.ModelChoiceField(label=_("Award"), queryset=AwardType.objects.all())
    planned_decision_date = forms.DateField(label=_("Planned decision date"), widget=DATE_INPUT)

    def __init__(self, *args, campaigns=None, **kwargs):
        super().__init__(*args, **kwargs)
        if campaigns is not None:
            self.fields["campaign"].queryset = campaigns


class AdjustForm(ReasonMixin):
    points = forms.DecimalField(label=_("Points"), min_value=0, max_digits=6, decimal_places=2)
    evidence_url = forms.CharField(
        label=_("Evidence link"),
        required=False,
        max_length=500,
        help_text=_("Required for a manual criterion."),
    )


class ProposeForm(RefuseControlCharactersMixin, forms.Form):
    exception_reason = forms.CharField(
        label=_("Reason for the exception (public)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SessionForm(RefuseControlCharactersMixin, forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    place = forms.CharField(label=_("Place"), max_length=300)


class DayForm(RefuseControlCharactersMixin, forms.Form):
    day = forms.DateField(label=_("Date"), widget=DATE_INPUT)


# --- the award dossier -------------------------------------------------------------------------------------------


class ReportForm(RefuseControlCharactersMixin, forms.Form):
    """The narrative of the achievement report; one text field per frozen target (``narrative-<code>``)."""

    characteristics = forms.CharField(
        label=_("I. Characteristics, functions and tasks of the unit"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=8000,
    )
    measures = forms.CharField(
        label=_("Measures taken"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=8000
    )
    award_proposed = forms.CharField(
        label=_("III. Award proposed"), widget=forms.Textarea(attrs={"rows": 3}), max_length=8000
    )

    def __init__(self, *args, figures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.figure_codes = []
        for figure in figures:
            name = f"narrative-{figure.code}"
            self.fields[name] = forms.CharField(
                label=figure.label, required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
            )
            self.figure_codes.append(figure.code)

    def narratives(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"narrative-{code}", "") for code in self.figure_codes}


class ReturnForm(RefuseControlCharactersMixin, forms.Form):
    comment = forms.CharField(
        label=_("Comment for the unit"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class CorrectionForm(ReasonMixin):
    day = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    kind = forms.ChoiceField(
        label=_("Correction"),
        choices=[("amend", _("Amend")), ("revoke", _("Revoke"))],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, awards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.award_units = []
        for award in awards:
            self.fields[f"remove-{award.unit_id}"] = forms.BooleanField(
                label=_("Withdraw the award"), required=False
            )
            self.fields[f"rename-{award.unit_id}"] = forms.CharField(
                label=_("Corrected name"), required=False, max_length=300
            )
            self.award_units.append(award)

    def removed(self) -> list[int]:
        return [
            award.unit_id for award in self.award_units if self.cleaned_data.get(f"remove-{award.unit_id}")
        ]

    def renamed(self) -> dict[int, str]:
        return {
            award.unit_id: self.cleaned_data[f"rename-{award.unit_id}"].strip()
            for award in self.award_units
            if self.cleaned_data.get(f"rename-{award.unit_id}", "").strip()
        }
