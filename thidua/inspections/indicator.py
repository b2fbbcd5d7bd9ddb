"""The ``office_culture`` campaign indicator: a unit's compliance score in percent for the year."""

from collections.abc import Sequence
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.campaigns.indicators import Measurement
from thidua.core.links import code_link
from thidua.inspections.selectors import unit_compliance


def measure_office_culture(campaign, target, units: Sequence, year: int) -> dict[int, Measurement]:
    """Units the district did not inspect that year get no entry: the progress page then says "no data yet"."""
    results = unit_compliance([unit.pk for unit in units], year)
    codes = {unit.pk: unit.code for unit in units}
    # The words and the route once for the call, not once per unit (a round measures a thousand units).
    template = _("%(inspections)s inspection(s); %(open)s open remediation(s), %(overdue)s overdue")
    link, query = code_link("compliance-unit"), "?" + urlencode({"year": year})
    measurements = {}
    for unit_id, result in results.items():
        if result.counted_inspections == 0 or result.percent is None:
            continue
        detail = template % {
            "inspections": result.counted_inspections,
            "open": result.open_remediations,
            "overdue": result.overdue_remediations,
        }
        url = link(codes[unit_id]) + query
        measurements[unit_id] = Measurement(
            value=result.percent, detail=detail, url=url, count=result.counted_inspections
        )
    return measurements


def overdue_remediations(campaign, year: int, units: Sequence) -> list:
    """The dashboards' overdue work: open remediations of the year's inspections past their due date."""
    from django.utils import timezone

    from thidua.campaigns.dashboard import OverdueItem
    from thidua.inspections.models import Remediation
    from thidua.inspections.selectors import overdue_filter

    remediations = (
        Remediation.objects.filter(
            overdue_filter(timezone.localdate()),
            unit_id__in=[unit.pk for unit in units],
            finding__inspection__inspected_on__year=year,
        )
        .select_related("finding__item")
        .order_by("due_date", "pk")
    )
    return [
        OverdueItem(
            unit_id=remediation.unit_id,
            label=str(remediation.finding.item),
            due_date=remediation.due_date,
            url=reverse("remediation-detail", kwargs={"remediation_id": remediation.pk}),
        )
        for remediation in remediations
    ]
