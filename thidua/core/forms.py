from django import forms

from thidua.core.validators import refuse_control_characters


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
