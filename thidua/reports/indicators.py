"""The reports' side of the indicator registry: the tables a report shows, and ``report_timeliness``.

A report's indicator tables come from the registry (``thidua.campaigns.indicators``), the same figures campaign
progress shows. The registry measures a unit for a year, so a period's table holds the unit's figure for the year
its window closes in (the window 15/12/2021 – 14/06/2022 reads the 2022 figures as recorded when it is computed);
once submitted, the table is frozen in the report.
"""

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns.indicators import Measurement, get_indicator
from thidua.campaigns.models import Comparison, Target
from thidua.reports.models import ReportPeriod, ReportStatus, UnitReport

TIMELINESS = "report_timeliness"


def _target(period: ReportPeriod, code: str) -> Target:
    """The campaign's target for the indicator, or an unsaved one for an indicator the campaign does not target."""
    for target in period.campaign.targets.all():
        if target.indicator == code:
            return target
    return Target(
        campaign=period.campaign, indicator=code, label=code, comparison=Comparison.GTE, threshold=0
    )


def indicator_codes(period: ReportPeriod) -> list[str]:
    codes: list[str] = []
    for section in period.template.sections.all():
        codes += [code for code in section.indicators if code not in codes]
    return codes


def measure_units(period: ReportPeriod, units: Sequence, codes: Sequence[str]) -> dict[int, list[dict]]:
    """unit id → [{"code", "label", "value", "detail"}] for the codes, computed now from the registry."""
    rows: dict[int, list[dict]] = {unit.pk: [] for unit in units}
    for code in codes:
        indicator = get_indicator(code)
        target = _target(period, code)
        applicable = [unit for unit in units if target.applies_to(unit)]
        found = indicator.measure(period.campaign, target, applicable, period.year) if indicator else {}
        label = str(indicator.label) if indicator else code
        for unit in units:
            measurement = found.get(unit.pk) or Measurement(value=None)
            rows[unit.pk].append(
                {
                    "code": code,
                    "label": label,
                    "value": None if measurement.value is None else str(measurement.value),
                    "detail": str(measurement.detail or ""),
                }
            )
    return rows


def report_indicators(report_or_period, unit) -> list[dict]:
    """The frozen tables of a submitted report, else the tables computed now."""
    if isinstance(report_or_period, UnitReport) and report_or_period.indicators:
        return report_or_period.indicators
    period = getattr(report_or_period, "period", report_or_period)
    return measure_units(period, [unit], indicator_codes(period))[unit.pk]


def measure_timeliness(campaign, target, units: Sequence, year: int) -> dict[int, Measurement]:
    """Share (%) of the year's periods whose report was first sent by the due date and was accepted.

    Counted over the periods of the campaign closing in ``year`` whose due date has passed or whose report was
    accepted; a unit with no such period has no data.
    """
    today = timezone.localdate()
    periods = list(ReportPeriod.objects.filter(campaign=campaign, year=year).order_by("window_end"))
    reports = {
        (report.period_id, report.unit_id): report
        for report in UnitReport.objects.filter(period__in=periods, unit__in=[unit.pk for unit in units])
    }
    result = {}
    for unit in units:
        counted = good = 0
        for period in periods:
            report = reports.get((period.pk, unit.pk))
            accepted = report is not None and report.status == ReportStatus.ACCEPTED
            if not accepted and period.due_date >= today:
                continue  # still open: nothing to judge yet
            counted += 1
            if accepted and report.on_time:
                good += 1
        if not counted:
            continue
        value = (Decimal(100) * good / counted).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        result[unit.pk] = Measurement(
            value=value,
            detail=_("%(good)s of %(counted)s reports on time and accepted")
            % {"good": good, "counted": counted},
            url=reverse("reports-period-list") + f"?campaign={campaign.pk}",
        )
    return result
