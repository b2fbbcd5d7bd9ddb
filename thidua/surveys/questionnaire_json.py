"""A questionnaire version as a JSON document, and the checks a document must pass before anything is written.

The document carries the content only (no database ids), so a file exported from one installation imports into
another. ``parse`` never raises anything but ``ValidationError`` with a message a person can act on.
"""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.core.text import clean_text, has_control_characters
from thidua.surveys.models import IndexRule, Questionnaire, QuestionnaireKind

FORMAT = "thidua.questionnaire"
FORMAT_VERSION = 1
MAX_BYTES = 512 * 1024
MAX_QUESTIONS = 200
MAX_ELEMENTS = 30
MAX_REASONS = 50


def content_of(questionnaire: Questionnaire) -> dict[str, Any]:
    """The editable content of a version, in the shape ``questionnaire_revise`` takes."""
    return {
        "title": questionnaire.title,
        "index_rule": questionnaire.index_rule,
        "low_score_max": questionnaire.low_score_max,
        "elements": [[code, label] for code, label in questionnaire.elements],
        "reasons": list(questionnaire.reasons),
        "questions": [
            {
                "code": question.code,
                "element": question.element,
                "text": question.text,
                "is_overall": question.is_overall,
                "required": question.required,
            }
            for question in questionnaire.questions.order_by("position")
        ],
    }


def to_document(questionnaire: Questionnaire) -> dict[str, Any]:
    content = content_of(questionnaire)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "code": questionnaire.code,
        "kind": questionnaire.kind,
        "version": questionnaire.version,
        "title": content["title"],
        "index_rule": content["index_rule"],
        "low_score_max": content["low_score_max"],
        "elements": [{"code": code, "label": label} for code, label in content["elements"]],
        "reasons": content["reasons"],
        "questions": content["questions"],
    }


def dumps(questionnaire: Questionnaire) -> str:
    return json.dumps(to_document(questionnaire), ensure_ascii=False, indent=2) + "\n"


def _text(value: Any, where: str, *, max_length: int, required: bool = True) -> str:
    if not isinstance(value, str):
        raise ValidationError(_("%(where)s must be a text.") % {"where": where})
    if has_control_characters(value):
        raise ValidationError(_("%(where)s holds control characters.") % {"where": where})
    text = clean_text(value)
    if required and not text:
        raise ValidationError(_("%(where)s is empty.") % {"where": where})
    if len(text) > max_length:
        raise ValidationError(_("%(where)s is too long.") % {"where": where})
    return text


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(_("%(where)s must be true or false.") % {"where": where})
    return value


def _list(value: Any, where: str, limit: int) -> list:
    if not isinstance(value, list):
        raise ValidationError(_("%(where)s must be a list.") % {"where": where})
    if len(value) > limit:
        raise ValidationError(
            _("%(where)s has more than %(limit)s entries.") % {"where": where, "limit": limit}
        )
    return value


def parse(raw: bytes) -> dict[str, Any]:
    """The code, kind and content of a questionnaire file, or a ``ValidationError`` saying what is wrong."""
    if len(raw) > MAX_BYTES:
        raise ValidationError(_("The file is too large for a questionnaire."))
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ValidationError(_("The file is not UTF-8 text.")) from None
    except json.JSONDecodeError as error:
        raise ValidationError(
            _("The file is not valid JSON (line %(line)s, column %(column)s).")
            % {"line": error.lineno, "column": error.colno}
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValidationError(_("The file is not a questionnaire exported by this product."))
    if document.get("format_version") != FORMAT_VERSION:
        raise ValidationError(_("The file has a questionnaire format version this product does not read."))
    code = document.get("code")
    if (
        not isinstance(code, str)
        or not code
        or len(code) > 40
        or not code.replace("_", "").replace("-", "").isalnum()
    ):
        raise ValidationError(_("The questionnaire code must be letters, digits, - or _ (at most 40)."))
    if not code.isascii():
        raise ValidationError(_("The questionnaire code must be letters, digits, - or _ (at most 40)."))
    kind = document.get("kind")
    if kind not in QuestionnaireKind.values:
        raise ValidationError(_("The questionnaire kind is not one this product knows."))
    index_rule = document.get("index_rule")
    if index_rule not in IndexRule.values:
        raise ValidationError(_("The aggregation rule is not one this product knows."))
    low = document.get("low_score_max")
    if not isinstance(low, int) or isinstance(low, bool) or not 1 <= low <= 5:
        raise ValidationError(_("The low score must be a whole number from 1 to 5."))
    elements = []
    for position, entry in enumerate(_list(document.get("elements"), _("The elements"), MAX_ELEMENTS), 1):
        where = _("Element %(n)s") % {"n": position}
        if not isinstance(entry, dict):
            raise ValidationError(
                _("%(where)s must be an object with a code and a label.") % {"where": where}
            )
        elements.append(
            [_text(entry.get("code"), where, max_length=40), _text(entry.get("label"), where, max_length=200)]
        )
    reasons = [
        _text(reason, _("Reason %(n)s") % {"n": position}, max_length=200)
        for position, reason in enumerate(
            _list(document.get("reasons", []), _("The reasons"), MAX_REASONS), 1
        )
    ]
    questions = []
    for position, entry in enumerate(_list(document.get("questions"), _("The questions"), MAX_QUESTIONS), 1):
        where = _("Question %(n)s") % {"n": position}
        if not isinstance(entry, dict):
            raise ValidationError(_("%(where)s must be an object.") % {"where": where})
        questions.append(
            {
                "code": _text(entry.get("code"), where, max_length=40),
                "element": _text(entry.get("element", ""), where, max_length=40, required=False),
                "text": _text(entry.get("text"), where, max_length=500),
                "is_overall": _flag(entry.get("is_overall", False), where),
                "required": _flag(entry.get("required", False), where),
            }
        )
    return {
        "code": code,
        "kind": kind,
        "content": {
            "title": _text(document.get("title"), _("The title"), max_length=300),
            "index_rule": index_rule,
            "low_score_max": low,
            "elements": elements,
            "reasons": reasons,
            "questions": questions,
        },
    }
