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


class TargetOut(Schema):
    indicator: str
    label: str
    comparison: str
    threshold: float
    unit_of_measure: str
    unit_kinds: list[str]


class CampaignOut(Schema):
    id: int
    number: str
    title: str
    issue_date: date
    issuing_unit: UnitRef
    period_start: date
    period_end: date
    effective_end: date
    participating_kinds: list[str]
    legal_bases: list[str]
    targets: list[TargetOut]


class ProgressCell(Schema):
    indicator: str
    label: str
    status: str
    value: float | None
    threshold: float
    comparison: str
    detail: str


class ProgressRow(Schema):
    unit: UnitRef
    kind: str
    registration_status: str | None
    targets: list[ProgressCell]


class ProgressSummary(Schema):
    indicator: str
    met: int
    not_met: int
    no_data: int
    applicable: int


class ProgressOut(Schema):
    campaign: int
    number: str
    year: int
    rows: list[ProgressRow]
    summary: list[ProgressSummary]


class PrincipalOut(Schema):
    kind: str
    name: str
    units: list[str]
    roles: list[str]


class Message(Schema):
    detail: str
