from datetime import date

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from thidua.core.api_types import PageNumber, UserText, error_responses
from thidua.core.collation import vietnamese
from thidua.core.text import fold
from thidua.organizations.access import access_map, unit_ids_for_token
from thidua.organizations.api_auth import token_or_session
from thidua.organizations.models import Unit, UnitKind
from thidua.organizations.schemas import PrincipalOut, UnitOut, UnitPage

router = Router(tags=["units"])


class UnitFilters(Schema):
    kind: UnitKind | None = None
    q: UserText | None = None
    on: date | None = None
    page: PageNumber = 1
    page_size: int = Field(100, ge=1, le=500)


def unit_out(unit: Unit) -> dict:
    return {
        "code": unit.code,
        "name": unit.name,
        "official_name": unit.official_name,
        "kind": unit.kind,
        "kind_label": str(unit.get_kind_display()),
        "parent": unit.parent.code if unit.parent else None,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
        "successors": [successor.code for successor in unit.successors.all()],
        "is_confirmed": unit.is_confirmed,
    }


@router.get("/units", response={200: UnitPage, **error_responses(422)}, summary="List units (public)")
def list_units(request: HttpRequest, filters: Query[UnitFilters]):
    units = (
        Unit.objects.select_related("parent")
        .prefetch_related("successors")
        .order_by("kind", vietnamese("name"), "code")
    )
    if filters.kind:
        units = units.filter(kind=filters.kind)
    if filters.q:
        for word in fold(filters.q[:100]).split():
            units = units.filter(search_key__contains=word)
    if filters.on:
        units = units.valid_on(filters.on)
    count = units.count()
    start = (filters.page - 1) * filters.page_size
    return {
        "items": [unit_out(unit) for unit in units[start : start + filters.page_size]],
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
    }


@router.get(
    "/units/{code}", response={200: UnitOut, **error_responses(404, 422)}, summary="One unit (public)"
)
def get_unit(request: HttpRequest, code: UserText):
    return unit_out(get_object_or_404(Unit.objects.select_related("parent"), code=code))


@router.get(
    "/me",
    response={200: PrincipalOut, **error_responses(401)},
    auth=token_or_session,
    summary="Who is calling",
)
def me(request: HttpRequest):
    token = getattr(request, "api_token", None)
    if token is not None:
        codes = Unit.objects.filter(id__in=unit_ids_for_token(token)).values_list("code", flat=True)
        return {"kind": "token", "name": token.name, "units": sorted(codes), "roles": []}
    access = access_map(request.user)
    unit_ids = set().union(*access.units_by_role.values()) if access.units_by_role else set()
    codes = Unit.objects.filter(id__in=unit_ids).values_list("code", flat=True)
    return {
        "kind": "user",
        "name": request.user.username,
        "units": sorted(codes),
        "roles": sorted(access.units_by_role),
    }
