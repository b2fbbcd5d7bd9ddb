from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import AwardType, CouncilRule, EligibilityFlag, FlagKind
from thidua.awards.services import RULE_FIELDS
from thidua.campaigns.models import Campaign
from thidua.core.forms import RefuseControlCharactersMixin, preselect_only_choices
from thidua.organizations.models import Unit

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


ALIGN_CHOICES = [("left", _("left")), ("center", _("centre")), ("right", _("right"))]
# The variable fields of a certificate, in the order of thidua.core.certificates.BLANK_FIELDS.
BLANK_FIELD_LABELS = {
    "authority_title": _("Signer's title (line 3)"),
    "recipient": _("Recipient"),
    "address": _("Address or managing body"),
    "achievement": _("Achievement"),
    "decision": _("Decision number and date"),
    "register": _("Award register number"),
    "place_date": _("Place and date"),
    "signer_title": _("Signer's capacity"),
    "signer_name": _("Signer's name"),
}
BOX_LABELS = {
    "x": _("x (mm)"),
    "y": _("y (mm)"),
    "width": _("width (mm)"),
    "size": _("size (pt)"),
    "align": _("alignment"),
    "printed": _("printed"),
}


class BlankForm(RefuseControlCharactersMixin, forms.Form):
    """A blank design: its settings, then per variable field x, y, width (mm), type size (pt), alignment and
    whether it is printed (not pre-printed on the blank). ``field_rows`` groups the field inputs per field."""

    name = forms.CharField(label=_("Name"), max_length=200)
    version = forms.CharField(label=_("Version"), max_length=40, required=False)
    valid_from = forms.DateField(label=_("In force from"), widget=DATE_INPUT)
    valid_to = forms.DateField(label=_("In force until"), widget=DATE_INPUT, required=False)
    page_width_mm = forms.DecimalField(
        label=_("Paper width (mm)"), min_value=50, max_value=500, max_digits=5, decimal_places=1
    )
    page_height_mm = forms.DecimalField(
        label=_("Paper height (mm)"), min_value=50, max_value=500, max_digits=5, decimal_places=1
    )
    reason = forms.CharField(
        label=_("Reason for the change"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    BOX_INPUTS = ("x", "y", "width", "size")

    def __init__(self, *args, field_labels=BLANK_FIELD_LABELS, **kwargs):
        super().__init__(*args, **kwargs)
        self.field_labels = field_labels
        limits = {"x": (0, 500), "y": (0, 500), "width": (10, 500), "size": (6, 60)}
        for name, label in field_labels.items():
            for key in self.BOX_INPUTS:
                low, high = limits[key]
                self.fields[f"{name}__{key}"] = forms.DecimalField(
                    label=f"{label}: {BOX_LABELS[key]}",
                    min_value=low,
                    max_value=high,
                    max_digits=5,
                    decimal_places=1,
                    widget=forms.NumberInput(attrs={"step": "0.5" if key == "size" else "0.1"}),
                )
            self.fields[f"{name}__align"] = forms.ChoiceField(
                label=f"{label}: {BOX_LABELS['align']}", choices=ALIGN_CHOICES
            )
            self.fields[f"{name}__printed"] = forms.BooleanField(
                label=f"{label}: {BOX_LABELS['printed']}", required=False
            )

    def field_rows(self):
        return [
            {
                "name": name,
                "label": label,
                "inputs": [self[f"{name}__{key}"] for key in (*self.BOX_INPUTS, "align")],
                "printed": self[f"{name}__printed"],
            }
            for name, label in self.field_labels.items()
        ]

    def box_values(self) -> dict[str, dict]:
        data = self.cleaned_data
        return {
            name: {
                **{key: float(data[f"{name}__{key}"]) for key in self.BOX_INPUTS},
                "align": data[f"{name}__align"],
                "printed": data[f"{name}__printed"],
            }
            for name in self.field_labels
        }

    @staticmethod
    def initial_for(blank) -> dict:
        initial = {
            "name": blank.name,
            "version": blank.version,
            "valid_from": blank.valid_from,
            "valid_to": blank.valid_to,
            "page_width_mm": blank.page_width_mm,
            "page_height_mm": blank.page_height_mm,
        }
        for name, box in blank.layout().fields.items():
            for key in ("x", "y", "width", "size", "align", "printed"):
                initial[f"{name}__{key}"] = getattr(box, key)
        return initial


class BlankNewForm(ReasonMixin):
    authority = forms.ModelChoiceField(label=_("Issuing authority"), queryset=Unit.objects.none())
    name = forms.CharField(label=_("Name"), max_length=200)
    version = forms.CharField(label=_("Version"), max_length=40, required=False)
    valid_from = forms.DateField(label=_("In force from"), widget=DATE_INPUT)

    field_order = ["authority", "name", "version", "valid_from", "reason"]

    def __init__(self, *args, authorities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if authorities is not None:
            self.fields["authority"].queryset = authorities
        preselect_only_choices(self)
