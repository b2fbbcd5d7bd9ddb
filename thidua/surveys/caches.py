"""Per-process caches on the rating path: a questionnaire version's questions and the point behind a QR token.

A questionnaire version never changes once answered, and collection points rarely change, so both are kept in
the process. The services that change them call ``forget_questions`` / ``forget_points``; other processes see a
point change within ``POINT_CACHE_SECONDS``.
"""

import time
from typing import Any

from thidua.surveys.models import CollectionPoint, Question, Questionnaire
from thidua.surveys.ratings import QuestionSpec

_SPEC_CACHE: dict[tuple[int, Any], list[QuestionSpec]] = {}
_POINT_CACHE: dict[str, tuple[float, CollectionPoint | None]] = {}
POINT_CACHE_SECONDS = 10.0


def question_specs(questionnaire: Questionnaire) -> list[QuestionSpec]:
    """The questions of a version, in order."""
    key = (questionnaire.pk, questionnaire.created_at)
    specs = _SPEC_CACHE.get(key)
    if specs is None:
        specs = [
            QuestionSpec(q.pk, q.code, q.element, q.is_overall, q.required, q.text)
            for q in Question.objects.filter(questionnaire_id=questionnaire.pk).order_by("position")
        ]
        if len(_SPEC_CACHE) > 200:
            _SPEC_CACHE.clear()
        _SPEC_CACHE[key] = specs
    return specs


def forget_questions() -> None:
    _SPEC_CACHE.clear()


def point_for_token(token: str, *, active_only: bool = True) -> CollectionPoint | None:
    """The collection point behind a QR token, with its unit and questionnaire (None if unknown or inactive)."""
    now = time.monotonic()
    cached = _POINT_CACHE.get(token)
    if cached is None or cached[0] < now:
        point = (
            CollectionPoint.objects.select_related("unit", "questionnaire")
            .filter(token=token)
            .order_by()
            .first()
        )
        if len(_POINT_CACHE) > 5000:
            _POINT_CACHE.clear()
        _POINT_CACHE[token] = cached = (now + POINT_CACHE_SECONDS, point)
    point = cached[1]
    if point is None or (active_only and not point.is_active):
        return None
    return point


def forget_points() -> None:
    _POINT_CACHE.clear()
