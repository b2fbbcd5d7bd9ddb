"""The one refusal of control characters in user text, shared by forms and the JSON API.

What counts as a control character is defined once, in ``thidua.core.text``.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from thidua.core.text import has_control_characters

CONTROL_CHARACTER_MESSAGE = _("This text contains an invisible control character; remove it and try again.")


def refuse_control_characters(value) -> None:
    """Validator: refuse text (or an uploaded file's name) holding a C0/C1 control character.

    Tab, newline and carriage return are allowed; nobody types any other control character on purpose, and XLSX
    and DOCX cannot hold them, so storing one would break every export that shows it.
    """
    text = getattr(value, "name", value)
    if isinstance(text, str) and has_control_characters(text):
        raise ValidationError(CONTROL_CHARACTER_MESSAGE, code="control_characters")
