from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.validators import refuse_control_characters
from thidua.organizations.models import Unit


class RefuseControlCharactersMixin:
    """Every form of the product: a text field or file name holding a control character is an error of that field.

    The validator is attached at cleaning time rather than in ``__init__`` so that fields a form adds in its own
    ``__init__`` (the appraisal's per-criterion comments) are covered too; it runs before any ``clean_<field>``
    method, so no lookup ever sees the character.
    """

    def full_clean(self):
        for field in self.fields.values():
            if isinstance(field, forms.CharField | forms.FileField) and (
                refuse_control_characters not in field.validators
            ):
                field.validators.append(refuse_control_characters)
        super().full_clean()


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
