from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.models import Campaign
from thidua.core.forms import RefuseControlCharactersMixin


class TransparencyForm(RefuseControlCharactersMixin, forms.Form):
    """Campaign, year and unit search of the public page; every field may be left out (the defaults apply)."""

    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.order_by("-period_start", "pk"), required=False
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    q = forms.CharField(
        label=_("Unit"),
        required=False,
        max_length=100,
        help_text=_("Name or part of it, with or without diacritics."),
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].empty_label = None
        self.fields["campaign"].label_from_instance = lambda campaign: f"{campaign.number} — {campaign.title}"
        self.fields["year"].choices = [(year, str(year)) for year in years]
