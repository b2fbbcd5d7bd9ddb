"""``{% district_dashboard %}``: the district dashboard's block on the start page, in one include.

The block holds the filters and empty chart frames; ``static/campaigns/dashboard.js`` fills them from the JSON feed
(``dashboard_views.district_data``). A unit reader gets links to the dashboards of their units instead.
"""

from urllib.parse import urlencode

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from thidua.organizations.access import user_can, visible_units

register = template.Library()


@register.simple_tag(takes_context=True)
def district_dashboard(context) -> SafeString:
    from thidua.campaigns.forms import dashboard_filters

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return SafeString("")
    if not user_can(user, "dashboard.district"):
        units = visible_units(user, "dashboard.unit").order_by("name", "code")[:20]
        if not units:
            return SafeString("")
        return render_to_string("campaigns/_unit_dashboard_links.html", {"units": units}, request=request)
    filters, form = dashboard_filters(request)
    query = urlencode(filters.query()) if filters else ""
    return render_to_string(
        "campaigns/_district_dashboard.html",
        {
            "form": form,
            "filters": filters,
            "data_url": reverse("dashboard-district-data") + (f"?{query}" if query else ""),
        },
        request=request,
    )
