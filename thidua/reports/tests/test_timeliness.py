"""``report_timeliness`` in the indicator registry: first sent by the due date (local time) and accepted."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from thidua.campaigns.indicators import get_indicator
from thidua.reports import services
from thidua.reports.indicators import TIMELINESS, _target

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _accepted(world, period, unit, sent_at):
    report = services.report_save(actor=None, period=period, unit=unit, narratives={"1": "Đã thực hiện."})
    report = services.report_send_to_head(actor=None, report=report)
    report = services.report_submit(actor=None, report=report, at=sent_at)
    return services.report_accept(actor=world.user("district_officer"), report=report)


def _measure(world, period):
    indicator = get_indicator(TIMELINESS)
    units = [world.unit_a, world.unit_b, world.agency]
    return indicator.measure(world.campaign, _target(period, TIMELINESS), units, 2022)


def test_timeliness_is_registered_for_campaigns_and_the_awards_rubric():
    from thidua.campaigns.indicators import indicator_choices

    assert TIMELINESS in dict(indicator_choices())


def test_sent_at_2359_on_the_due_date_is_on_time_and_at_midnight_is_late(world, period):
    assert period.due_date.isoformat() == "2022-12-16"
    on_time = _accepted(world, period, world.unit_a, datetime(2022, 12, 16, 23, 59, tzinfo=HANOI))
    late = _accepted(world, period, world.unit_b, datetime(2022, 12, 17, 0, 0, tzinfo=HANOI))
    assert on_time.on_time is True and late.on_time is False
    values = _measure(world, period)
    assert values[world.unit_a.pk].value == Decimal("100.0")
    assert values[world.unit_b.pk].value == Decimal("0.0")
    # The agency sent nothing and the due date passed: 0 of 1.
    assert values[world.agency.pk].value == Decimal("0.0")
    assert "0" in values[world.agency.pk].detail


def test_a_report_on_time_but_not_accepted_does_not_count(world, period):
    report = services.report_save(
        actor=None, period=period, unit=world.unit_a, narratives={"1": "Đã thực hiện."}
    )
    report = services.report_send_to_head(actor=None, report=report)
    services.report_submit(actor=None, report=report, at=datetime(2022, 12, 15, 9, 0, tzinfo=HANOI))
    assert _measure(world, period)[world.unit_a.pk].value == Decimal("0.0")


def test_a_period_still_open_has_no_data_yet(world, period, settings):
    from django.utils import timezone

    services.period_due_date_change(
        actor=None,
        period=period,
        due_date=timezone.localdate().replace(year=timezone.localdate().year + 1),
        reason="Gia hạn",
    )
    assert _measure(world, period) == {}
