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
