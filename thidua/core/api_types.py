"""Pydantic types for text that callers of the JSON API send.

Every ``str`` an API schema accepts from a caller is declared ``UserText``: it arrives in NFC, and a C0/C1 control
character (other than tab, newline and carriage return) is a 422 naming the field, before any lookup or service
sees it.
"""

from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from thidua.core.text import has_control_characters, nfc
from thidua.core.validators import CONTROL_CHARACTER_MESSAGE


def _user_text(value: str) -> str:
    if has_control_characters(value):
        # str() translates now, in the language of the request being validated.
        raise PydanticCustomError("control_characters", str(CONTROL_CHARACTER_MESSAGE))
    return nfc(value)


UserText = Annotated[str, AfterValidator(_user_text)]
