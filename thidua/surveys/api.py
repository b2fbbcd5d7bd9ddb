"""Satisfaction API: collection points of a unit, ratings from the one-stop system, and indices for a period."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from thidua.core.api_types import MAX_DATABASE_INTEGER, UserText, error_responses
from thidua.core.public_address import public_url
from thidua.organizations.api_auth import TokenAuth, allowed_unit_ids, token_or_session
from thidua.organizations.models import Unit
from thidua.surveys import caches, selectors, services
from thidua.surveys.models import CollectionPoint, Response, Source

router = Router(tags=["satisfaction"])


class PointOut(Schema):
    id: int
    name: str
    unit: str
    questionnaire: str
    questionnaire_version: int
    is_active: bool
    rating_url: str
    kiosk_url: str
    poster_url: str


class PointQuery(Schema):
    unit: UserText = Field(..., max_length=40, json_schema_extra={"example": "lp-tt-long-phu"})


def _unit_for(request: HttpRequest, code: str, action: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None or unit.pk not in allowed_unit_ids(request, action):
        raise Http404
    return unit


@router.get(
    "/collection-points",
    response={200: list[PointOut], **error_responses(401, 404, 422)},
    auth=token_or_session,
    summary="A unit's collection points",
)
def list_points(request: HttpRequest, query: Query[PointQuery]):
    unit = _unit_for(request, query.unit, "collection_point.view")
    points = CollectionPoint.objects.filter(unit=unit).select_related("questionnaire")
    return [
        {
            "id": point.pk,
            "name": point.name,
            "unit": unit.code,
            "questionnaire": point.questionnaire.code,
            "questionnaire_version": point.questionnaire.version,
            "is_active": point.is_active,
            "rating_url": public_url(request, point.rating_path),
            "kiosk_url": public_url(request, reverse("rating-kiosk", args=[point.token])),
            "poster_url": public_url(request, reverse("satisfaction-poster", args=[point.pk])),
        }
        for point in points
    ]


class RatingIn(Schema):
    id: str = Field(
        ..., pattern=r"^[A-Za-z0-9_.:\-]{1,76}$", description="The caller's own id; a resend is stored once."
    )
    collection_point: UserText = Field(
        ..., max_length=40, description="The collection point's token (from its rating_url)."
    )
    answers: dict[str, Any] = Field(..., description='Levels 1–5 by question code, e.g. {"overall": 5}.')
    submitted_at: datetime | None = None
    dossier_code: UserText | None = Field(None, max_length=60)
    reasons: list[UserText] | None = None
    comment: UserText | None = Field(None, max_length=4000)


class RatingOut(Schema):
    id: str
    rating: int
    collection_point: str
    unit: str
    submitted_at: datetime
    overall_level: int | None
    answers: dict[str, int]
    dossier_code: str
    created: bool


def _rating_out(response: Response, caller_id: str, created: bool) -> dict:
    codes = {spec.id: spec.code for spec in caches.question_specs(response.questionnaire)}
    levels = getattr(response, "levels", None)
    if levels is None:  # a resend: read what was stored the first time
        levels = dict(response.answers.values_list("question_id", "level"))
    return {
        "id": caller_id,
        "rating": response.pk,
        "collection_point": response.collection_point.token,
        "unit": response.collection_point.unit.code,
        "submitted_at": response.submitted_at,
        "overall_level": response.overall_level,
        "answers": {codes[question_id]: level for question_id, level in levels.items()},
        "dossier_code": response.dossier_code,
        "created": created,
    }


@router.post(
    "/ratings",
    response={200: RatingOut, 201: RatingOut, **error_responses(400, 401, 404, 422, 429)},
    auth=TokenAuth(),
    summary="Record a rating (idempotent by id)",
)
def post_rating(request: HttpRequest, payload: RatingIn):
    point = caches.point_for_token(payload.collection_point, active_only=False)
    if point is None or point.unit_id not in allowed_unit_ids(request, "collection_point.view"):
        raise Http404
    submitted_at = payload.submitted_at
    if submitted_at is not None:
        if timezone.is_naive(submitted_at):
            submitted_at = timezone.make_aware(submitted_at)
        if submitted_at > timezone.now() + timedelta(minutes=5) or submitted_at.year < 2000:
            raise HttpError(422, _("The time of the rating must be between the year 2000 and now."))
    try:
        response, created = services.rating_record(
            point=point,
            client_id=f"api:{payload.id}",
            source=Source.API,
            answers=payload.answers,
            dossier_code=payload.dossier_code,
            reasons=payload.reasons,
            comment=payload.comment,
            submitted_at=submitted_at,
        )
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "message_dict") else {"": error.messages}
        raise HttpError(
            422,
            _("The rating is not valid: %(errors)s")
            % {"errors": "; ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items())},
        ) from None
    return (201 if created else 200), _rating_out(response, payload.id, created)


class SatisfactionQuery(Schema):
    unit: UserText | None = Field(None, max_length=40, json_schema_extra={"example": "lp-tt-long-phu"})
    collection_point: UserText | None = Field(None, max_length=40, description="id or token")
    from_: date | None = Field(None, alias="from", json_schema_extra={"example": "2021-01-01"})
    to: date | None = Field(None, json_schema_extra={"example": "2021-12-31"})


class IntervalOut(Schema):
    level: int
    low: Decimal
    high: Decimal


class ElementOut(Schema):
    code: str
    label: str
    index: Decimal | None = Field(..., description="Share of the element's valid answers at level 4–5, in %.")
    answers: int = Field(..., description="Valid answers (levels 1–5) to the element's items.")
    sample_size: int = Field(
        ...,
        description=(
            "n of the element's interval: the respondents its answers amount to (answers ÷ the element's items, "
            "rounded down; Kish's effective size (ΣA)²/Σk·A when questionnaires are pooled), never the answers."
        ),
    )
    confidence_interval: IntervalOut | None = Field(
        ..., description="Wilson 95% interval over sample_size; null without an index."
    )


class SatisfactionOut(Schema):
    unit: str | None
    collection_point: int | None
    from_: date = Field(..., alias="from")
    to: date
    responses: int
    index: Decimal | None
    index_rule: str
    index_rule_label: str
    elements: list[ElementOut]
    confidence_interval: IntervalOut | None
    minimum_responses: int
    data_status: str = Field(
        ...,
        description=(
            "no_data (no responses, or no index), too_few_responses (fewer than minimum_responses: the index is "
            "shown but not judged) or enough."
        ),
    )
    data_status_label: str = Field(
        ...,
        description='The words the pages show for data_status, e.g. "chưa đủ phiếu (12, cần 30)"; empty for enough.',
    )
    campaign: str | None = Field(
        ..., description="The campaign whose target judges the unit (None: none does)."
    )
    target_comparison: str | None = Field(..., description="gt, gte, lt, lte or eq; None without a campaign.")
    target: Decimal | None = Field(..., description="The target's threshold; None without a campaign.")
    verdict: str | None = Field(
        ..., description="met, not_met, no_data; None when no campaign sets a target."
    )
    transactions: int | None
    required_sample: int | None


def _interval_out(interval: tuple[Decimal, Decimal] | None) -> dict | None:
    return None if interval is None else {"level": 95, "low": interval[0], "high": interval[1]}


@router.get(
    "/satisfaction",
    response={200: SatisfactionOut, **error_responses(401, 404, 422)},
    auth=token_or_session,
    summary="Indices for a unit or point and period",
    by_alias=True,
)
def get_satisfaction(request: HttpRequest, query: Query[SatisfactionQuery]):
    today = timezone.localdate()
    start = query.from_ or date(today.year, 1, 1)
    end = query.to or today
    if end < start or (end - start).days > 3660:
        raise HttpError(422, _("'to' must not be before 'from', and the period at most ten years."))
    if not query.unit and not query.collection_point:
        raise HttpError(422, _("Give a unit or a collection point."))
    allowed = allowed_unit_ids(request, "satisfaction.view")
    point = None
    unit = None
    if query.collection_point:
        is_id = query.collection_point.isascii() and query.collection_point.isdigit()
        if is_id and int(query.collection_point) > MAX_DATABASE_INTEGER:
            raise Http404
        lookup = {"pk": int(query.collection_point)} if is_id else {"token": query.collection_point}
        point = CollectionPoint.objects.select_related("unit").filter(**lookup).first()
        if point is None or point.unit_id not in allowed:
            raise Http404
        unit = point.unit
        if query.unit and query.unit != unit.code:
            raise Http404
        summary = selectors.summary_for(start=start, end=end, point_ids=[point.pk])
    else:
        unit = _unit_for(request, query.unit, "satisfaction.view")
        if start.year == end.year:
            summary = selectors.unit_summaries([unit.pk], start, end)[unit.pk]
        else:
            summary = selectors.summary_for(start=start, end=end, unit_ids=[unit.pk])
    # Judged as the pages judge it: against the target of the campaign that covers the unit in the year of `to`.
    target = selectors.satisfaction_targets([unit], end.year).get(unit.pk)
    return {
        "unit": unit.code if unit else None,
        "collection_point": point.pk if point else None,
        "from": start,
        "to": end,
        "responses": summary.responses,
        "index": summary.index,
        "index_rule": summary.rule,
        "index_rule_label": summary.rule_label,
        "elements": [
            {**element, "confidence_interval": _interval_out(element["interval"])}
            for element in summary.elements
        ],
        "confidence_interval": _interval_out(summary.interval),
        "minimum_responses": settings.SURVEY_MIN_RESPONSES,
        "data_status": summary.data_status,
        "data_status_label": summary.data_status_label,
        "campaign": target.campaign.number if target else None,
        "target_comparison": target.comparison if target else None,
        "target": Decimal(format(target.threshold.normalize(), "f")) if target else None,
        "verdict": selectors.satisfaction_verdict(summary, target),
        "transactions": summary.transactions,
        "required_sample": summary.required_sample,
    }
