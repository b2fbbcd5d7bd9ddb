from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.organizations.models import Unit


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action"), required=False, max_length=80)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.all(), required=False, empty_label=_("All units")
    )
    actor = forms.CharField(label=_("Actor (username)"), required=False, max_length=150)
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            raise forms.ValidationError(_("The end date is before the start date."))
        return cleaned


def add_service_errors(form: forms.Form, error: forms.ValidationError) -> None:
    """Show a service's ValidationError on the form: field errors next to their field, the rest on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def preselect_only_choices(form: forms.Form) -> None:
    """A required choice of exactly one object (an officer's only unit, the only campaign) comes chosen.

    The select then lists just that object instead of opening on "---------". Call at the end of ``__init__``,
    once the querysets are set.
    """
    for field in form.fields.values():
        if not isinstance(field, forms.ModelChoiceField) or isinstance(field, forms.ModelMultipleChoiceField):
            continue
        if not field.required:
            continue
        only = list(field.queryset[:2])
        if len(only) == 1:
            field.initial = only[0]
            field.empty_label = None
