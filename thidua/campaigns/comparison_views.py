"""The page comparing communes for a campaign year (for the province's readers); figures from ``comparison``."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from thidua.campaigns.comparison import compare_communes
from thidua.campaigns.years import campaign_years_all, year_view
from thidua.organizations.access import require, unit_ids_for
from thidua.organizations.scope import scope_label


def _requested_year(request: HttpRequest) -> int | None:
    text = request.GET.get("year", "").strip()
    if text.isdigit() and 1990 <= int(text) <= 2100:
        return int(text)
    return None


@login_required
@require_GET
def communes_compare(request: HttpRequest) -> HttpResponse:
    require(request.user, "dashboard.compare")
    years = campaign_years_all()
    shown = year_view(_requested_year(request), years=years, with_data=years, today=timezone.localdate())
    comparison = compare_communes(shown.year, unit_ids_for(request.user, "dashboard.compare"))
    bad_year = bool(request.GET.get("year")) and _requested_year(request) is None
    return render(
        request,
        "campaigns/communes_compare.html",
        {
            "comparison": comparison,
            "year": shown.year,
            "years": shown.years,
            "scope": scope_label(request.user, "dashboard.compare"),
            "bad_year": bad_year,
        },
        status=400 if bad_year else 200,
    )
