from django import forms


def add_service_errors(form: forms.Form, error: forms.ValidationError) -> None:
    """Show a service's ValidationError on the form: field errors next to their field, the rest on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
