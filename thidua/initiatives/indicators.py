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

    The model register is the evidence for this target, so a unit with nothing in it has a count of 0 and has not
    met the target; the detail says that no model was recorded rather than leaving the council to guess.
    """
    unit_ids = [unit.pk for unit in units]
    counts = (
        ReformModel.objects.filter(campaign=campaign, year=year, unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(total=Count("id"), counted=Count("id", filter=Q(status__in=COUNTED_STATUSES)))
    )
    base_url = reverse("reform-model-list")
    # Translated once for the call, not once per unit.
    nothing, approved = (
        _("No model recorded for this year"),
        _("%(counted)s of %(total)s recorded models approved"),
    )
    result = {unit_id: Measurement(value=Decimal(0), detail=nothing, count=0) for unit_id in unit_ids}
    for row in counts:
        result[row["unit_id"]] = Measurement(
            value=Decimal(row["counted"]),
            detail=approved % {"counted": row["counted"], "total": row["total"]},
            url=f"{base_url}?campaign={campaign.pk}&year={year}&unit={row['unit_id']}",
            count=row["total"],
        )
    return result
