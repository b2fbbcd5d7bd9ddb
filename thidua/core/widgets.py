"""Form widgets shared by every app."""

from django import forms
from django.utils.translation import gettext_lazy as _

# dd/mm/yyyy as officials write it; ISO (yyyy-mm-dd) is accepted too, for scripts and older links.
DATE_PATTERN = r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}"


class DayMonthYearInput(forms.DateInput):
    """A date typed as dd/mm/yyyy, whatever the browser's language.

    A text field rather than ``type=date``, whose display follows the browser's locale; static/js/forms.js adds a
    button that opens the browser's calendar and writes the chosen day back as dd/mm/yyyy.
    """

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": _("dd/mm/yyyy"),
            "inputmode": "numeric",
            "autocomplete": "off",
            "pattern": DATE_PATTERN,
            "data-date-picker": "",
            "data-format-message": _("Enter the date as dd/mm/yyyy, for example 28/04/2021."),
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")
