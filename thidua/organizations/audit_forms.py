from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import registered_actions
from thidua.core.forms import RefuseControlCharactersMixin
from thidua.organizations.models import Unit


class AuditFilterForm(RefuseControlCharactersMixin, forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.all(), required=False, empty_label=_("All units")
    )
    actor = forms.CharField(label=_("Actor (username)"), required=False, max_length=150)
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form, so the names are in the reader's language and every app has registered its actions.
        actions = sorted(
            ((action.code, str(action.name)) for action in registered_actions()), key=lambda c: c[1]
        )
        self.fields["action"].choices = [("", _("All actions")), *actions]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            raise forms.ValidationError(_("The end date is before the start date."))
        return cleaned
