"""API schemas of units and of the caller (/api/units, /api/me)."""

from datetime import date

from ninja import Schema


class UnitRef(Schema):
    code: str
    name: str


class UnitOut(Schema):
    code: str
    name: str
    official_name: str
    kind: str
    kind_label: str
    parent: str | None
    valid_from: date | None
    valid_to: date | None
    successors: list[str]
    is_confirmed: bool


class UnitPage(Schema):
    items: list[UnitOut]
    count: int
    page: int
    page_size: int


class PrincipalOut(Schema):
    kind: str
    name: str
    units: list[str]
    roles: list[str]
