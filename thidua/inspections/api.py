"""Office-culture compliance over the API: per unit and year, scoped to the caller's units."""

from decimal import Decimal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from thidua.core.api_types import UserText, Year, error_responses
from thidua.core.collation import vietnamese
from thidua.inspections.selectors import unit_compliance
from thidua.organizations.api_auth import allowed_unit_ids, token_or_session
from thidua.organizations.models import AUTHORITY_ABOVE_COMMUNES, Unit
from thidua.organizations.schemas import UnitRef

API_PREFIX = "inspections"
router = Router(tags=["inspections"], auth=token_or_session)


class ComplianceQuery(Schema):
    year: Year = Field(..., json_schema_extra={"example": 2021})
    unit: UserText | None = Field(None, json_schema_extra={"example": "lp-tt-long-phu"})


class ComplianceOut(Schema):
    unit: UnitRef
    year: int
    score_percent: Decimal | None
    passed_weight: Decimal
    applicable_weight: Decimal
    district_inspections: int
    self_inspection_percent: Decimal | None
    self_inspections: int
    open_remediations: int
    overdue_remediations: int


@router.get(
    "/compliance",
    response={200: list[ComplianceOut], **error_responses(401, 404, 422)},
    summary="Office-culture compliance per unit and year",
)
def compliance(request: HttpRequest, query: Query[ComplianceQuery]):
    if not 2000 <= query.year <= 2100:
        raise HttpError(422, _("The year is not valid."))
    units = Unit.objects.filter(id__in=allowed_unit_ids(request, "compliance.view")).exclude(
        kind__in=AUTHORITY_ABOVE_COMMUNES
    )
    if query.unit:
        units = units.filter(code=query.unit)
        if not units.exists():
            raise HttpError(404, _("Not found."))
    units = list(units.order_by("kind", vietnamese("name"), "code"))
    results = unit_compliance([unit.pk for unit in units], query.year)
    return [
        {
            "unit": {"code": unit.code, "name": unit.official_name},
            "year": query.year,
            "score_percent": results[unit.pk].percent,
            "passed_weight": results[unit.pk].score.passed_weight,
            "applicable_weight": results[unit.pk].score.applicable_weight,
            "district_inspections": results[unit.pk].counted_inspections,
            "self_inspection_percent": results[unit.pk].self_percent,
            "self_inspections": results[unit.pk].self_inspections,
            "open_remediations": results[unit.pk].open_remediations,
            "overdue_remediations": results[unit.pk].overdue_remediations,
        }
        for unit in units
    ]
