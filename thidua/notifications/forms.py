from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import RefuseControlCharactersMixin
from thidua.notifications.models import EmailMode


class PreferenceForm(RefuseControlCharactersMixin, forms.Form):
    email_mode = forms.ChoiceField(
        label=_("E-mail"), choices=EmailMode.choices, widget=forms.RadioSelect, required=True
    )
