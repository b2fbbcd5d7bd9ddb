from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import RefuseControlCharactersMixin, preselect_only_choices
from thidua.core.widgets import DayMonthYearInput
from thidua.inspections.models import FindingResult, InspectionKind
from thidua.organizations.models import Unit, UnitKind, User


class InspectionCreateForm(RefuseControlCharactersMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Kind of inspection"), choices=InspectionKind.choices)
    inspected_on = forms.DateField(label=_("Date"), widget=DayMonthYearInput())
    inspectors = forms.ModelMultipleChoiceField(
        label=_("Inspectors"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("You are added automatically."),
    )
    team_note = forms.CharField(label=_("Other members of the team"), max_length=500, required=False)

    def __init__(self, *args, units, kinds, inspectors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["kind"].choices = [
            (value, label) for value, label in InspectionKind.choices if value in kinds
        ]
        self.fields["inspectors"].queryset = inspectors
        if not inspectors.exists():
            del self.fields["inspectors"]
        self.fields["inspected_on"].initial = timezone.localdate()
        preselect_only_choices(self)


class AnswerForm(RefuseControlCharactersMixin, forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=[("", "—"), *FindingResult.choices], required=False)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)


class PhotoForm(RefuseControlCharactersMixin, forms.Form):
    photo = forms.FileField(label=_("Photo"))


class ReasonForm(RefuseControlCharactersMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ConclusionForm(RefuseControlCharactersMixin, forms.Form):
    conclusion = forms.CharField(
        label=_("Conclusion"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RemediationOpenForm(RefuseControlCharactersMixin, forms.Form):
    owner = forms.CharField(label=_("Responsible person"), max_length=200)
    due_date = forms.DateField(label=_("Due date"), widget=DayMonthYearInput())
    required_action = forms.CharField(
        label=_("Required action"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class RemediationActionForm(RefuseControlCharactersMixin, forms.Form):
    action_taken = forms.CharField(
        label=_("What the unit did"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    photos = MultipleFileField(label=_("Evidence photos"), required=False)


class RemediationCloseForm(RefuseControlCharactersMixin, forms.Form):
    note = forms.CharField(
        label=_("Verification note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DisciplineForm(RefuseControlCharactersMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    occurred_on = forms.DateField(label=_("Date"), widget=DayMonthYearInput())
    rule = forms.CharField(
        label=_("Rule breached"),
        max_length=300,
        help_text=_("E.g. late arrival, leaving early, smoking in the office, alcohol during working hours."),
    )
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    person_name = forms.CharField(
        label=_("Person's name (optional)"),
        max_length=200,
        required=False,
        help_text=_("Visible only to the district officer and the unit's head."),
    )

    def __init__(self, *args, units, may_name: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if not may_name:
            del self.fields["person_name"]
        preselect_only_choices(self)


class FilterForm(RefuseControlCharactersMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *InspectionKind.choices], required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ChecklistItemForm(RefuseControlCharactersMixin, forms.Form):
    text = forms.CharField(label=_("Text"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    legal_reference = forms.CharField(label=_("Legal reference"), max_length=300, required=False)
    weight = forms.DecimalField(label=_("Weight"), min_value=0.01, max_digits=6, decimal_places=2)
    unit_kinds = forms.MultipleChoiceField(
        label=_("Applies to unit kinds"),
        choices=UnitKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every kind."),
    )
    change_reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when inspections use this version; kept in the audit trail."),
    )


# --- the checklist editor -----------------------------------------------------------------------------------


class ChecklistForm(RefuseControlCharactersMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    legal_bases = forms.CharField(
        label=_("Legal bases"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One document per line."),
    )
    change_reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when inspections use this version; kept in the audit trail."),
    )


class ChecklistGroupForm(RefuseControlCharactersMixin, forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    label = forms.CharField(label=_("Name"), max_length=200)
    legal_reference = forms.CharField(label=_("Legal reference"), max_length=300, required=False)


class ChecklistRowForm(RefuseControlCharactersMixin, forms.Form):
    group = forms.CharField(
        label=_("Group"),
        max_length=40,
        widget=forms.TextInput(attrs={"list": "group-codes"}),
        help_text=_("The code of its group."),
    )
    text = forms.CharField(label=_("Item"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    legal_reference = forms.CharField(label=_("Legal reference"), max_length=300, required=False)
    weight = forms.DecimalField(
        label=_("Weight"), min_value=Decimal("0.01"), max_digits=6, decimal_places=2, initial=1
    )
    unit_kinds = forms.MultipleChoiceField(
        label=_("Applies to unit kinds"),
        choices=UnitKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every kind."),
    )


ChecklistGroupFormSet = forms.formset_factory(
    ChecklistGroupForm, extra=1, can_order=True, can_delete=True, max_num=30
)
ChecklistRowFormSet = forms.formset_factory(
    ChecklistRowForm, extra=2, can_order=True, can_delete=True, max_num=300
)
