"""Reminders before the due date and after it: once per report and due date, through the event bus."""

from datetime import timedelta

import pytest

from thidua.core.events import Reason
from thidua.jobs.registry import periodic_work
from thidua.reports import services
from thidua.reports.reminders import remind

pytestmark = pytest.mark.django_db


def test_reminders_are_periodic_work():
    assert "reports.remind" in periodic_work()


def test_due_soon_then_overdue_each_told_once_and_not_to_units_that_sent(world, period, announced):
    report = services.report_save(actor=None, period=period, unit=world.unit_b, narratives={"1": "Đã làm."})
    report = services.report_send_to_head(actor=None, report=report)
    services.report_submit(actor=None, report=report)
    announced.clear()

    soon = period.due_date - timedelta(days=2)
    assert remind(today=soon) == 2  # unit A and the agency; unit B has sent
    assert remind(today=soon) == 0  # told once
    told = announced()
    assert {event.reason for event in told} == {Reason.WAITING}
    unit_a = [event for event in told if event.unit_id == world.unit_a.pk]
    assert unit_a[0].recipients == tuple(sorted([world.user("officer_a").pk, world.user("head_a").pk]))
    assert "còn 2 ngày" in unit_a[0].title
    assert len(told) == 1  # the agency has nobody to tell in the test world; its reminder is still written

    late = period.due_date + timedelta(days=1)
    assert remind(today=late) == 2
    assert remind(today=late) == 0
    overdue = [event for event in announced() if event.reason == Reason.OVERDUE]
    assert len(overdue) == 1 and period.due_date.isoformat() in overdue[0].key

    services.period_due_date_change(
        actor=None, period=period, due_date=late + timedelta(days=5), reason="Gia hạn"
    )
    assert remind(today=late + timedelta(days=3)) == 2  # a new due date is reminded again


def test_old_periods_do_not_wake_up(world, period):
    assert remind(today=period.due_date + timedelta(days=400)) == 0
