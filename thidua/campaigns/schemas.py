"""API schemas of campaigns and their progress."""

from datetime import date

from ninja import Field, Schema

from thidua.organizations.schemas import UnitRef


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
    n: int | None = Field(
        None, description="What the value was computed from: responses, inspections, models"
    )
    interval: list[float] | None = Field(
        None, description="95% confidence interval [low, high] of an estimate"
    )


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
