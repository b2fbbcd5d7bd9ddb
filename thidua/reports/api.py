"""Report periods of a campaign with the number of reports in each state, for the caller's units."""

from datetime import date

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from thidua.campaigns.models import Campaign
from thidua.core.api_types import DatabaseId, error_responses
from thidua.organizations.api_auth import allowed_unit_ids, token_or_session
from thidua.reports.models import ReportPeriod
from thidua.reports.selectors import _touches, board_counts, board_rows

router = Router(tags=["reports"])


class ReportCountsOut(Schema):
    draft: int
    ready: int
    submitted: int
    returned: int
    accepted: int
    missing: int
    on_time: int
    late: int
    not_sent: int
    units: int


class ReportPeriodOut(Schema):
    id: int
    name: str
    kind: str
    window_start: date
    window_end: date
    due_date: date
    counts: ReportCountsOut


class PeriodQuery(Schema):
    campaign: DatabaseId


@router.get(
    "/report-periods",
    response={200: list[ReportPeriodOut], **error_responses(401, 404, 422)},
    auth=token_or_session,
    summary="A campaign's report periods with reports by status (of the units the caller may see)",
)
def list_report_periods(request: HttpRequest, query: Query[PeriodQuery]):
    campaign = Campaign.objects.filter(pk=query.campaign).first()
    if campaign is None:
        raise Http404
    units = allowed_unit_ids(request, "reports.view")
    periods = [
        period
        for period in ReportPeriod.objects.filter(campaign=campaign)
        .select_related("campaign")
        .order_by("window_end")
        if _touches(period, units)
    ]
    if not periods and not ReportPeriod.objects.filter(campaign=campaign).exists():
        return []
    if not periods:
        raise Http404  # the campaign's reports are of other units
    return [
        {
            "id": period.pk,
            "name": period.name,
            "kind": period.kind,
            "window_start": period.window_start,
            "window_end": period.window_end,
            "due_date": period.due_date,
            "counts": board_counts(board_rows(period, units), period),
        }
        for period in periods
    ]
