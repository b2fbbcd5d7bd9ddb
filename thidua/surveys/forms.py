from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import RefuseControlCharactersMixin
from thidua.surveys.models import CollectionPoint, Questionnaire


class YearForm(RefuseControlCharactersMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)


class CollectionPointForm(RefuseControlCharactersMixin, forms.Form):
    name = forms.CharField(label=_("Desk name"), max_length=200)
    questionnaire = forms.ModelChoiceField(
        label=_("Questionnaire"), queryset=Questionnaire.objects.filter(is_current=True), empty_label=None
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
