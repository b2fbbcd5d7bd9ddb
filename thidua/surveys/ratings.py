"""Validation of one rating, shared by the public page, the kiosk, the staff entry screen, the API and imports.

Everything a citizen or a system sends is checked here before anything is written; errors are Vietnamese
messages keyed by field, so every caller can answer 4xx with a clear message instead of failing half-way.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from thidua.core.text import clean_text, has_control_characters
from thidua.core.validators import CONTROL_CHARACTER_MESSAGE

# Dossier codes: MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX since 25/01/2026 (Circular 04/2025/TT-VPCP) and the older local
# forms; only the length and the characters are checked.
DOSSIER_CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9.\-/_]{3,39}$")
CLIENT_ID_RE = re.compile(r"^[A-Za-z0-9_.:\-]{5,80}$")
COMMENT_MAX = 2000


@dataclass
class QuestionSpec:
    id: int
    code: str
    element: str
    is_overall: bool
    required: bool
    text: str = ""


@dataclass
class RatingInput:
    levels: dict[int, int] = field(default_factory=dict)  # question id → level
    overall_level: int | None = None
    dossier_code: str = ""
    reasons: list[str] = field(default_factory=list)
    comment: str = ""


def parse_level(raw) -> int | None:
    """1–5 from a form value, an int, or a spreadsheet cell; None when empty; ValueError otherwise."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, float):
        if not raw.is_integer():
            raise ValueError
        raw = int(raw)
    if isinstance(raw, str):
        raw = raw.strip()
        if raw == "":
            return None
        if not raw.isdigit() or len(raw) > 1:
            raise ValueError
        raw = int(raw)
    if not isinstance(raw, int) or not 1 <= raw <= 5:
        raise ValueError
    return raw


def clean_dossier_code(raw) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raw = str(raw)
    code = raw.strip().upper()
    if code and not DOSSIER_CODE_RE.match(code):
        raise ValueError
    return code


def clean_rating(
    *,
    questions: list[QuestionSpec],
    answers: dict,
    dossier_code=None,
    reasons=None,
    comment=None,
    allowed_reasons: list[str],
) -> tuple[RatingInput, dict[str, str]]:
    """Check answers given as ``{question code: level}``; return the clean input and errors by field."""
    errors: dict[str, str] = {}
    result = RatingInput()
    if not isinstance(answers, dict):
        return result, {"answers": _("The answers are not in the expected form.")}
    known = {question.code for question in questions}
    for code in answers:
        if code not in known:
            errors[str(code)[:40]] = _("This question is not on the questionnaire.")
    for question in questions:
        try:
            level = parse_level(answers.get(question.code))
        except (ValueError, TypeError):
            errors[question.code] = _("Choose a level from 1 to 5.")
            continue
        if level is None:
            if question.required:
                errors[question.code] = _("Please answer this question.")
            continue
        result.levels[question.id] = level
        if question.is_overall:
            result.overall_level = level
    if not result.levels and not errors:
        errors["answers"] = _("Please answer at least one question.")
    try:
        result.dossier_code = clean_dossier_code(dossier_code)
    except (ValueError, TypeError):
        errors["dossier_code"] = _(
            "The dossier code may contain only letters, digits, dots, dashes and slashes (4 to 40 characters)."
        )
    if reasons is None:
        reasons = []
    if isinstance(reasons, str):
        reasons = [part.strip() for part in reasons.split(";") if part.strip()]
    if not isinstance(reasons, list) or not all(isinstance(reason, str) for reason in reasons):
        errors["reasons"] = _("The reasons are not in the expected form.")
    else:
        cleaned = [clean_text(reason) for reason in reasons]
        unknown = [reason for reason in cleaned if reason not in allowed_reasons]
        if unknown:
            errors["reasons"] = _("Choose reasons from the list.")
        else:
            result.reasons = list(dict.fromkeys(cleaned))
    if comment is not None and not isinstance(comment, str):
        comment = str(comment)
    result.comment = clean_text(comment)
    if len(result.comment) > COMMENT_MAX:
        errors["comment"] = _("The comment is too long (at most 2000 characters).")
    # Checked on what was sent: clean_text would silently fold some control characters into spaces.
    if has_control_characters(comment):
        errors["comment"] = str(CONTROL_CHARACTER_MESSAGE)
    return result, errors


def valid_client_id(raw) -> bool:
    return isinstance(raw, str) and bool(CLIENT_ID_RE.match(raw))
