"""The ``reform_models`` indicator: a unit's approved (and exemplary) models in a campaign year.

Plans count models in one of two ways, which a target chooses (``COUNTING_RULES``):

- "approved in the year" (the default): the models recorded for the campaign year that are approved or exemplary;
- "in operation during the year": every model of the unit approved by the end of the year and not discontinued
  before it began, whichever year (and plan) it was recorded under — a model approved in 2021 and still running
  counts in 2022.
"""

from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from thidua.campaigns.indicators import CountingRule, Indicator, Measurement
from thidua.initiatives.models import COUNTED_STATUSES, ModelStatus, ReformModel

APPROVED_IN_YEAR = "approved_in_year"
IN_OPERATION = "in_operation"
COUNTING_RULES = (
    CountingRule(APPROVED_IN_YEAR, gettext_lazy("Approved in the year")),
    CountingRule(IN_OPERATION, gettext_lazy("In operation during the year")),
)


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def in_operation_filter(year: int) -> Q:
    """Models approved by the end of ``year`` and not discontinued before it began."""
    next_year = _moment(date(year + 1, 1, 1))
    approved_in_time = Q(decided_at__isnull=True) | Q(decided_at__lt=next_year)
    running = Q(status__in=COUNTED_STATUSES) | Q(
        status=ModelStatus.DISCONTINUED, discontinued_at__gte=_moment(date(year, 1, 1))
    )
    return Q(year__lte=year) & approved_in_time & running


def measure_reform_models(campaign, target, units: Sequence, year: int) -> dict[int, Measurement]:
    """Value = the unit's models that count under the target's counting rule (see the module docstring).

    The model register is the evidence for this target, so a unit with nothing in it has a count of 0 and has not
    met the target; the detail says that no model was recorded rather than leaving the council to guess.
    """
    unit_ids = [unit.pk for unit in units]
    rule = REFORM_MODELS.rule_for(target)
    base_url = reverse("reform-model-list")
    # Translated once for the call, not once per unit.
    nothing, approved, in_operation = (
        _("No model recorded for this year"),
        _("%(counted)s of %(total)s recorded models approved"),
        _("%(count)s models in operation during the year"),
    )
    result = {unit_id: Measurement(value=Decimal(0), detail=nothing, count=0) for unit_id in unit_ids}
    if rule == IN_OPERATION:
        counts = (
            ReformModel.objects.filter(unit_id__in=unit_ids)
            .filter(in_operation_filter(year))
            .values("unit_id")
            .annotate(total=Count("id"))
        )
        for row in counts:
            result[row["unit_id"]] = Measurement(
                value=Decimal(row["total"]),
                detail=in_operation % {"count": row["total"]},
                url=f"{base_url}?unit={row['unit_id']}",
                count=row["total"],
            )
        return result
    counts = (
        ReformModel.objects.filter(campaign=campaign, year=year, unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(total=Count("id"), counted=Count("id", filter=Q(status__in=COUNTED_STATUSES)))
    )
    for row in counts:
        result[row["unit_id"]] = Measurement(
            value=Decimal(row["counted"]),
            detail=approved % {"counted": row["counted"], "total": row["total"]},
            url=f"{base_url}?campaign={campaign.pk}&year={year}&unit={row['unit_id']}",
            count=row["total"],
        )
    return result


REFORM_MODELS = Indicator(
    "reform_models",
    gettext_lazy("Approved reform models"),
    measure_reform_models,
    unit_of_measure=pgettext_lazy("unit of measure", "models"),
    counting_rules=COUNTING_RULES,
)
