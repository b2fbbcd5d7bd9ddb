"""Fixtures for the reports tests: the default template, a 2022 annual period of the test world's campaign, and the
events the services announce."""

from datetime import date

import pytest
from django.db import connection

from thidua.core import events
from thidua.reports import services
from thidua.reports.models import ReportKind, ReportSection, ReportTemplate
from thidua.reports.outline import ensure_default_template


@pytest.fixture
def template(db):
    return ensure_default_template(ReportTemplate, ReportSection)


@pytest.fixture
def period(world, template):
    schedule = services.schedule_save(
        actor=None, campaign=world.campaign, kind=ReportKind.ANNUAL, template=template, due_offset_days=2
    )
    (made,) = services.periods_generate(actor=None, schedule=schedule, years=[2022])
    assert (made.window_start, made.window_end, made.due_date) == (
        date(2021, 12, 15),
        date(2022, 12, 14),
        date(2022, 12, 16),
    )
    return made


class Told:
    """``announced()`` runs what would run at commit (the test's transaction never commits) and returns every event
    told so far; callbacks of a rolled-back savepoint (a refused move) are gone, as they would be."""

    def __init__(self):
        self.events: list[events.Event] = []

    def __call__(self) -> list[events.Event]:
        pending = list(connection.run_on_commit)
        connection.run_on_commit.clear()
        for _savepoints, callback, _robust in pending:
            callback()
        return list(self.events)

    def clear(self) -> None:
        self()
        self.events.clear()


@pytest.fixture
def announced(db):
    told = Told()
    events.register_listener("tests.reports", told.events.append)
    yield told
    events._LISTENERS.pop("tests.reports", None)


def texts(**sections) -> dict[str, str]:
    return {key.removeprefix("s"): value for key, value in sections.items()}
