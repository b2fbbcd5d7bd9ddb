"""A unit's report from draft to accepted, through the pages, for each role; refused moves change nothing."""

import pytest
from django.urls import reverse

from thidua.core.events import Reason
from thidua.reports.models import ReportComment, ReportStatus, UnitReport

pytestmark = pytest.mark.django_db


def _url(period, unit, move=None):
    if move:
        return reverse(
            "reports-unit-report-move", kwargs={"period_id": period.pk, "unit_code": unit.code, "move": move}
        )
    return reverse("reports-unit-report", kwargs={"period_id": period.pk, "unit_code": unit.code})


def _write(client, period, unit, text="Đã ban hành kế hoạch CCHC năm 2022."):
    return client.post(_url(period, unit), {"section_1": text, "section_2": "Mô hình một cửa thân thiện."})


def _state(report):
    report.refresh_from_db()
    return (report.status, report.transitions, report.narratives, report.indicators, report.comments.count())


def test_officer_writes_head_submits_office_returns_officer_revises_and_office_accepts(
    world, period, client_as, announced
):
    officer, head, office = client_as("officer_a"), client_as("head_a"), client_as("district_officer")
    unit = world.unit_a

    assert _write(officer, period, unit).status_code == 302
    report = UnitReport.objects.get(period=period, unit=unit)
    assert report.status == ReportStatus.DRAFT and report.narratives["1"].startswith("Đã ban hành")
    assert announced() == []  # saving a draft waits for nobody

    assert officer.post(_url(period, unit, "send")).status_code == 302
    assert [(e.kind, e.reason, e.recipients) for e in announced()] == [
        ("report.ready", Reason.WAITING, (world.user("head_a").pk,))
    ]
    page = head.get(_url(period, unit)).content.decode()
    assert 'id="submit"' in page

    assert head.post(_url(period, unit, "submit")).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.first_submitted_at is not None
    assert {item["code"] for item in report.indicators} >= {"reform_models", "report_timeliness"}
    assert announced()[-1].kind == "report.submitted"
    assert announced()[-1].recipients == (world.user("district_officer").pk,)
    first_sent = report.first_submitted_at

    response = office.post(_url(period, unit, "return"), {"comment": "Bổ sung số liệu mục II."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.indicators == []
    assert announced()[-1].reason == Reason.RETURNED and announced()[-1].recipients == (
        world.user("officer_a").pk,
    )
    assert "Bổ sung số liệu mục II." in officer.get(_url(period, unit)).content.decode()

    assert _write(officer, period, unit, "Đã bổ sung số liệu.").status_code == 302
    officer.post(_url(period, unit, "send"))
    head.post(_url(period, unit, "submit"))
    assert office.post(_url(period, unit, "accept"), {"comment": ""}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert report.first_submitted_at == first_sent  # timeliness counts the first sending
    assert report.comments.filter(kind="returned").count() == 1  # the thread is kept
    kinds = [event.kind for event in announced()]
    assert kinds == [
        "report.ready",
        "report.submitted",
        "report.returned",
        "report.ready",
        "report.submitted",
        "report.accepted",
    ]
    assert len({event.key for event in announced()}) == len(
        announced()
    )  # each transition told under its own key
    assert set(announced()[-1].recipients) == {world.user("officer_a").pk, world.user("head_a").pk}


@pytest.fixture
def submitted(world, period, client_as):
    officer = client_as("officer_a")
    _write(officer, period, world.unit_a)
    officer.post(_url(period, world.unit_a, "send"))
    client_as("head_a").post(_url(period, world.unit_a, "submit"))
    report = UnitReport.objects.get(period=period, unit=world.unit_a)
    assert report.status == ReportStatus.SUBMITTED
    return report


@pytest.mark.parametrize(
    ("persona", "move", "data", "status"),
    [
        ("officer_a", "accept", {}, 403),  # the unit accepts nothing
        ("head_a", "return", {"comment": "x"}, 403),
        ("officer_a", "submit", {}, 403),  # the officer cannot sign for the head
        ("council_member", "accept", {}, 403),
        ("viewer", "return", {"comment": "x"}, 403),
        ("officer_b", "accept", {}, 404),  # another unit's report
        ("head_b", "submit", {}, 404),
        ("district_officer", "return", {"comment": ""}, 400),  # a return needs a comment
        ("head_a", "submit", {}, 400),  # already submitted
        ("officer_a", "send", {}, 400),  # not editable once submitted
        ("district_officer", "nonsense", {}, 404),
    ],
)
def test_refused_moves_on_a_submitted_report_change_nothing(
    submitted, client_as, announced, persona, move, data, status
):
    announced.clear()  # the moves that made the report
    before = _state(submitted)
    response = client_as(persona).post(_url(submitted.period, submitted.unit, move), data)
    assert response.status_code == status
    assert _state(submitted) == before
    assert announced() == []
    if status == 400 and move != "nonsense":
        assert "report-status" in response.content.decode()  # the report page again, with the message


def test_an_accepted_report_can_be_neither_written_nor_returned(submitted, client_as, announced):
    office = client_as("district_officer")
    office.post(_url(submitted.period, submitted.unit, "accept"), {"comment": "Tốt."})
    announced.clear()
    before = _state(submitted)
    assert _write(client_as("officer_a"), submitted.period, submitted.unit, "Sửa lại").status_code == 400
    response = office.post(_url(submitted.period, submitted.unit, "return"), {"comment": "Muộn"})
    assert response.status_code == 400
    assert "Chỉ báo cáo đã trình mới có thể trả lại." in response.content.decode()
    assert _state(submitted) == before and announced() == []
    assert ReportComment.objects.filter(report=submitted, kind="accepted").count() == 1


def test_a_draft_cannot_be_submitted_nor_sent_empty(world, period, client_as, announced):
    officer = client_as("officer_a")
    officer.post(_url(period, world.unit_a), {"section_1": "", "section_2": ""})
    report = UnitReport.objects.get(period=period, unit=world.unit_a)
    before = _state(report)
    assert officer.post(_url(period, world.unit_a, "send")).status_code == 400  # nothing written
    assert (
        client_as("head_a").post(_url(period, world.unit_a, "submit")).status_code == 400
    )  # not sent to the head
    assert _state(report) == before and announced() == []


@pytest.mark.parametrize("persona", ["head_a", "district_officer", "viewer", "officer_b"])
def test_only_the_units_officer_writes(world, period, client_as, persona):
    response = _write(client_as(persona), period, world.unit_a)
    assert response.status_code == (404 if persona == "officer_b" else 403)
    assert not UnitReport.objects.filter(period=period, unit=world.unit_a).exists()


def test_a_move_on_a_report_not_written_yet_says_so(world, period, client_as):
    response = client_as("head_a").post(_url(period, world.unit_a, "submit"), follow=True)
    assert response.status_code == 200
    assert not UnitReport.objects.filter(period=period, unit=world.unit_a).exists()


def test_waiting_work_lists_what_waits_for_each_role(world, period, client_as):
    from thidua.core.panels import waiting_work_for

    def labels(persona):
        return [item.label for item in waiting_work_for(world.user(persona)) if "/reports/" in item.url]

    assert any(world.unit_a.name in label for label in labels("officer_a"))
    assert labels("head_a") == [] and labels("district_officer") == []
    officer = client_as("officer_a")
    _write(officer, period, world.unit_a)
    officer.post(_url(period, world.unit_a, "send"))
    assert len(labels("head_a")) == 1 and labels("head_b") == []
    client_as("head_a").post(_url(period, world.unit_a, "submit"))
    assert len(labels("district_officer")) == 1 and labels("head_a") == []
    urls = [item.url for item in waiting_work_for(world.user("officer_b")) if "/reports/" in item.url]
    assert urls and all(world.unit_b.code in url for url in urls)  # nothing of other units
