from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from thidua.campaigns.models import Campaign
from thidua.campaigns.progress import campaign_progress, default_year
from thidua.campaigns.schemas import CampaignOut, ProgressOut
from thidua.core.api_types import DatabaseId, Year, error_responses

router = Router(tags=["campaigns"])


def campaign_out(campaign: Campaign) -> dict:
    return {
        "id": campaign.pk,
        "number": campaign.number,
        "title": campaign.title,
        "issue_date": campaign.issue_date,
        "issuing_unit": {"code": campaign.issuing_unit.code, "name": campaign.issuing_unit.name},
        "period_start": campaign.period_start,
        "period_end": campaign.period_end,
        "effective_end": campaign.effective_end,
        "participating_kinds": campaign.participating_kinds,
        "legal_bases": campaign.legal_basis_list(),
        "targets": [
            {
                "indicator": target.indicator,
                "label": target.label,
                "comparison": target.comparison,
                "threshold": target.threshold,
                "unit_of_measure": target.unit_of_measure,
                "unit_kinds": target.unit_kinds,
            }
            for target in campaign.targets.all()
        ],
    }


def _campaigns():
    return Campaign.objects.select_related("issuing_unit").prefetch_related("extensions", "targets")


def _get_campaign(campaign_id: int) -> Campaign:
    campaign = _campaigns().filter(pk=campaign_id).first()
    if campaign is None:
        raise Http404
    return campaign


@router.get(
    "/campaigns", response={200: list[CampaignOut], **error_responses()}, summary="List campaigns (public)"
)
def list_campaigns(request: HttpRequest):
    return [campaign_out(campaign) for campaign in _campaigns()]


@router.get(
    "/campaigns/{campaign_id}",
    response={200: CampaignOut, **error_responses(404, 422)},
    summary="One campaign (public)",
)
def get_campaign(request: HttpRequest, campaign_id: DatabaseId):
    return campaign_out(_get_campaign(campaign_id))


class ProgressQuery(Schema):
    year: Year | None = None


@router.get(
    "/campaigns/{campaign_id}/progress",
    response={200: ProgressOut, **error_responses(404, 422)},
    summary="Every unit against every target",
)
def get_progress(request: HttpRequest, campaign_id: DatabaseId, query: Query[ProgressQuery]):
    campaign = _get_campaign(campaign_id)
    year = query.year or default_year(campaign, timezone.localdate().year)
    if year not in campaign.years:
        raise HttpError(
            422, _("The year must be one of %(years)s.") % {"years": ", ".join(map(str, campaign.years))}
        )
    progress = campaign_progress(campaign, year)
    rows = []
    for row in progress.rows:
        rows.append(
            {
                "unit": {"code": row.unit.code, "name": row.unit.name},
                "kind": row.unit.kind,
                "registration_status": row.registration.status if row.registration else None,
                "targets": [
                    {
                        "indicator": cell.target.indicator,
                        "label": cell.target.label,
                        "status": cell.status,
                        "value": cell.value,
                        "threshold": cell.target.threshold,
                        "comparison": cell.target.comparison,
                        "detail": cell.detail,
                        "n": cell.count,
                        "interval": list(cell.interval) if cell.interval else None,
                    }
                    for cell in row.applicable_cells
                ],
            }
        )
    summary = [
        {
            "indicator": item.target.indicator,
            "met": item.met,
            "not_met": item.not_met,
            "no_data": item.no_data,
            "applicable": item.applicable,
        }
        for item in progress.summaries
    ]
    return {
        "campaign": campaign.pk,
        "number": campaign.number,
        "year": year,
        "rows": rows,
        "summary": summary,
    }
