from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import RefuseControlCharactersMixin
from thidua.surveys.models import CollectionPoint, IndexRule, Questionnaire


class YearForm(RefuseControlCharactersMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)


class CollectionPointForm(RefuseControlCharactersMixin, forms.Form):
    name = forms.CharField(label=_("Desk name"), max_length=200)
    questionnaire = forms.ModelChoiceField(
        label=_("Questionnaire"), queryset=Questionnaire.objects.filter(is_current=True), empty_label=None
    )

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        if unit is not None:
            # The shared questionnaires and those of the authorities at or above the unit, never another's.
            self.fields["questionnaire"].queryset = Questionnaire.objects.filter(is_current=True).for_unit(
                unit
            )


class TransactionVolumeForm(RefuseControlCharactersMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    transactions = forms.IntegerField(
        label=_("Transactions handled in the year (N)"), min_value=0, max_value=10_000_000
    )


class PointChoiceForm(RefuseControlCharactersMixin, forms.Form):
    point = forms.ModelChoiceField(
        label=_("Desk"),
        queryset=CollectionPoint.objects.none(),
        empty_label=None,
        error_messages={
            "invalid_choice": _(
                "This collection point does not exist, is stopped, or is not one you may enter forms for. "
                "Choose one from the list."
            )
        },
    )

    def __init__(self, *args, points=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = points if points is not None else CollectionPoint.objects.none()


class ImportForm(PointChoiceForm):
    file = forms.FileField(label=_("File (XLSX or CSV)"))


class PaperDayForm(PointChoiceForm):
    day = forms.DateField(label=_("Date on the form"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day


# --- the questionnaire editor ---------------------------------------------------------------------------------


class QuestionnaireForm(RefuseControlCharactersMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    index_rule = forms.ChoiceField(
        label=_("Aggregation rule"),
        choices=IndexRule.choices,
        help_text=_("How the answers of this version make the unit's satisfaction index."),
    )
    low_score_max = forms.IntegerField(
        label=_("Low score up to"),
        min_value=1,
        max_value=5,
        help_text=_("A citizen who gives this score or lower is asked for reasons."),
    )
    reasons = forms.CharField(
        label=_("Reasons offered on a low score"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One reason per line."),
    )
    change_reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when citizens have answered this version; kept in the audit trail."),
    )

    def reason_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["reasons"].splitlines() if line.strip()]


class ElementForm(RefuseControlCharactersMixin, forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    label = forms.CharField(label=_("Label"), max_length=200)


class QuestionForm(RefuseControlCharactersMixin, forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    element = forms.CharField(
        label=_("Element"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"list": "element-codes"}),
        help_text=_("The code of its element; empty for the overall question."),
    )
    text = forms.CharField(label=_("Question"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    is_overall = forms.BooleanField(label=_("Overall question"), required=False)
    required = forms.BooleanField(label=_("Answer required"), required=False)


ElementFormSet = forms.formset_factory(ElementForm, extra=1, can_order=True, can_delete=True, max_num=30)
QuestionFormSet = forms.formset_factory(QuestionForm, extra=2, can_order=True, can_delete=True, max_num=200)


class QuestionnaireImportForm(RefuseControlCharactersMixin, forms.Form):
    file = forms.FileField(label=_("Questionnaire file (JSON)"))
    change_reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the file changes a version citizens have answered."),
    )
