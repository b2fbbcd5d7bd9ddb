"""Types the JSON API shares: text callers send, bounded integers, and the error body.

Every ``str`` an API schema accepts from a caller is declared ``UserText``: it arrives in NFC, and a C0/C1 control
character (other than tab, newline and carriage return) is a 422 naming the field, before any lookup or service
sees it. Every integer a caller sends is bounded (``DatabaseId``, ``PageNumber``, ``Year``), and every error
answers ``ErrorOut``, declared per operation with ``error_responses``.
"""

from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from thidua.core.text import has_control_characters, nfc
from thidua.core.validators import CONTROL_CHARACTER_MESSAGE


def _user_text(value: str) -> str:
    if has_control_characters(value):
        # str() translates now, in the language of the request being validated.
        raise PydanticCustomError("control_characters", str(CONTROL_CHARACTER_MESSAGE))
    return nfc(value)


UserText = Annotated[str, AfterValidator(_user_text)]


# The largest value a primary key (BigAutoField) or an integer column holds on every supported database; a larger
# number in a path or query would overflow the database driver, so it is a 422 before any lookup.
MAX_DATABASE_INTEGER = 2**63 - 1

DatabaseId = Annotated[int, Field(ge=1, le=MAX_DATABASE_INTEGER)]
"""A primary key sent by a caller (path or query)."""

PageNumber = Annotated[int, Field(ge=1, le=100_000)]
"""A page of a list, counted from 1; far beyond any real list, far below an integer overflow."""

Year = Annotated[int, Field(ge=1900, le=2100)]
"""A calendar year of the campaigns' era."""


class FieldErrorOut(Schema):
    field: str = Field(description='Where the error is, e.g. "page" or "answers.overall".')
    message: str


class ErrorOut(Schema):
    """The body of every API error (4xx): a sentence in the caller's language, and for 422 the fields at fault."""

    detail: str
    errors: list[FieldErrorOut] | None = Field(None, description="Only on 422: one entry per field.")


def error_responses(*codes: int) -> dict[int, type[ErrorOut]]:
    """Response declarations for the error statuses an operation answers, e.g. ``{200: X, **error_responses(404)}``.

    Every operation may answer 403: the password-change middleware refuses any API call of a session whose
    password was set by an officer, public reads included.
    """
    return dict.fromkeys(sorted({403, *codes}), ErrorOut)
