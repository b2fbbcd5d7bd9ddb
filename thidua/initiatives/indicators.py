"""The ``reform_models`` indicator: a unit's approved (and exemplary) models in a campaign year."""

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.campaigns.indicators import Measurement
from thidua.initiatives.models import COUNTED_STATUSES, ReformModel


def measure_reform_models(campaign, target, units: Sequence, year: int) -> dict[int, Measurement]:
    """Value = approved + exemplary models of the unit for the campaign year.

    A unit that has recorded no model at all for the year gets no entry ("no data yet"): the system cannot tell
    whether it has not started or has not yet entered its work. Once it records one, the count is judged.
    """
    unit_ids = [unit.pk for unit in units]
    counts = (
        ReformModel.objects.filter(campaign=campaign, year=year, unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(total=Count("id"), counted=Count("id", filter=Q(status__in=COUNTED_STATUSES)))
    )
    base_url = reverse("reform-model-list")
    result = {}
    for row in counts:
        result[row["unit_id"]] = Measurement(
            value=Decimal(row["counted"]),
            detail=_("%(counted)s of %(total)s recorded models approved")
            % {"counted": row["counted"], "total": row["total"]},
            url=f"{base_url}?campaign={campaign.pk}&year={year}&unit={row['unit_id']}",
        )
    return result
