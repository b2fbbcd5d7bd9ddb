"""Evaluation figures as JSON: for the authority's staff before the decision, for everyone after it."""

from datetime import date
from decimal import Decimal

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema

from thidua.awards.models import EvaluationRound, FigureKind, RoundStatus
from thidua.awards.selectors import awards_in_force
from thidua.core.api_types import DatabaseId, Year, error_responses
from thidua.core.collation import vietnamese
from thidua.organizations.access import unit_ids_for, unit_ids_for_token
from thidua.organizations.services import api_token_authenticate

router = Router(tags=["awards"])


class CriterionOut(Schema):
    code: str
    label: str
    points: Decimal | None
    computed_points: Decimal | None
    adjusted_points: Decimal | None
    adjustment_reason: str
    status: str
    value: Decimal | None
    evidence_url: str


class UnitRef(Schema):
    code: str
    name: str


class EvaluationRowOut(Schema):
    unit: UnitRef
    award: str
    score: Decimal
    computed_score: Decimal
    eligible: bool
    ineligibility: list[str]
    status: str
    exception_reason: str
    computed_at: str
    criteria: list[CriterionOut]


class EvaluationOut(Schema):
    rows: list[EvaluationRowOut]


class YearQuery(Schema):
    year: Year


def _staff_authorities(request: HttpRequest) -> set[int]:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        token = api_token_authenticate(header.removeprefix("Bearer ").strip())
        return unit_ids_for_token(token) if token is not None else set()
    return unit_ids_for(request.user, "awards.round.view")


@router.get(
    "/campaigns/{campaign_id}/evaluation",
    response={200: EvaluationOut, **error_responses(404, 422)},
    summary="Frozen scores and eligibility of a campaign year (staff before the decision, public after)",
)
def get_evaluation(request: HttpRequest, campaign_id: DatabaseId, query: Query[YearQuery]):
    rounds = list(
        EvaluationRound.objects.filter(campaign_id=campaign_id, year=query.year).select_related("award_type")
    )
    staff = _staff_authorities(request)
    rounds = [item for item in rounds if item.status == RoundStatus.DECIDED or item.authority_id in staff]
    if not rounds:
        raise Http404
    rows = []
    for evaluation_round in rounds:
        entries = evaluation_round.entries.select_related("unit").prefetch_related("figures")
        for entry in entries.order_by("-score", vietnamese("unit__name")):
            criteria = [
                {
                    "code": figure.code,
                    "label": figure.label,
                    "points": figure.effective_points,
                    "computed_points": figure.points,
                    "adjusted_points": figure.adjusted_points,
                    "adjustment_reason": figure.adjustment_reason,
                    "status": figure.status,
                    "value": figure.value,
                    "evidence_url": figure.adjustment_evidence_url or figure.evidence_url,
                }
                for figure in entry.figures.all()
                if figure.kind == FigureKind.CRITERION
            ]
            rows.append(
                {
                    "unit": {"code": entry.unit.code, "name": entry.unit.name},
                    "award": evaluation_round.award_type.code,
                    "score": entry.score,
                    "computed_score": entry.computed_score,
                    "eligible": entry.eligible,
                    "ineligibility": [reason["code"] for reason in entry.ineligibility],
                    "status": entry.status,
                    "exception_reason": entry.exception_reason,
                    "computed_at": entry.computed_at.isoformat(),
                    "criteria": criteria,
                }
            )
    return {"rows": rows}


class Ref(Schema):
    code: str
    label: str


class CampaignRef(Schema):
    id: int
    number: str


class DecisionRef(Schema):
    number: str
    date: date
    document_url: str


class AwardOut(Schema):
    unit: UnitRef
    award: Ref
    campaign: CampaignRef
    decision: DecisionRef
    register_number: int
    score: Decimal
    breakdown_url: str
    corrections: list[DecisionRef] = []


@router.get(
    "/awards",
    response={200: list[AwardOut], **error_responses(422)},
    summary="Units awarded for a year, with the decision (public)",
)
def list_awards(request: HttpRequest, query: Query[YearQuery]):
    # The awards in force: one withdrawn by an amending or revoking decision is not listed.
    awarded = awards_in_force(query.year)
    return [
        {
            "unit": {"code": item.unit.code, "name": item.effective_name},
            "award": {
                "code": item.decision.round.award_type.code,
                "label": item.decision.round.award_type.label,
            },
            "campaign": {
                "id": item.decision.round.campaign_id,
                "number": item.decision.round.campaign.number,
            },
            "decision": {
                "number": item.decision.number,
                "date": item.decision.issued_on,
                "document_url": reverse(
                    "awards-decision-document",
                    kwargs={"decision_id": item.decision_id, "file_format": "docx"},
                ),
            },
            "register_number": item.register_number,
            "corrections": [
                {
                    "number": correction.number,
                    "date": correction.issued_on,
                    "document_url": reverse(
                        "awards-decision-document",
                        kwargs={"decision_id": correction.pk, "file_format": "docx"},
                    ),
                }
                for correction in item.corrections
            ],
            "score": item.entry.score,
            "breakdown_url": reverse(
                "awards-entry-detail",
                kwargs={"round_id": item.decision.round_id, "unit_code": item.unit.code},
            ),
        }
        for item in awarded
    ]
