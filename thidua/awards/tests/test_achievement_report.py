"""The unit's achievement report: the officer drafts, the head submits, the standing office returns or accepts;
refused moves change nothing; the council waits for every candidate's accepted report; pages by role."""

import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from conftest import PERSONAS
from thidua.awards import reports, services
from thidua.awards.dossier_documents import report_docx
from thidua.awards.models import (
    AchievementReport,
    EntryStatus,
    EvaluationEntry,
    EvaluationFigure,
    ReportReturn,
    ReportStatus,
    RoundStatus,
)
from thidua.awards.tests.conftest import accepted_report
from thidua.core import events
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry_a(world, opened_round):
    return EvaluationEntry.objects.get(round=opened_round, unit=world.unit_a)


def draft(world, entry, **changes):
    values = {
        "characteristics": "Thị trấn có 6 công chức một cửa.",
        "narratives": {"office_culture": "Tự kiểm tra hằng quý."},
        "award_proposed": "Đề nghị tặng Giấy khen.",
    }
    return reports.report_save(actor=world.user("officer_a"), entry=entry, **(values | changes))


def snapshot(report):
    report.refresh_from_db()
    return (
        report.status,
        report.characteristics,
        report.narratives,
        report.version,
        report.submitted_at,
        report.accepted_at,
        ReportReturn.objects.filter(report=report).count(),
    )


@pytest.fixture
def told():
    """Every event announced, as delivered after commit (the test runs on_commit callbacks itself)."""
    heard = []
    events.register_listener("test", heard.append)
    yield heard
    events._LISTENERS.pop("test", None)


def test_the_officer_drafts_the_head_submits_and_the_standing_office_accepts(
    world, entry_a, told, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = draft(world, entry_a)
    assert (report.status, report.drafted_by) == (ReportStatus.DRAFT, world.user("officer_a"))
    assert told[-1].recipients == (world.user("head_a").pk,) and told[-1].reason == events.Reason.WAITING
    with django_capture_on_commit_callbacks(execute=True):
        reports.report_submit(actor=world.user("head_a"), report=report)
    assert world.user("district_officer").pk in told[-1].recipients
    assert told[-1].kind == "award.report_submitted"
    with django_capture_on_commit_callbacks(execute=True):
        reports.report_accept(actor=world.user("district_officer"), report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED and report.accepted_by == world.user("district_officer")
    assert set(told[-1].recipients) == {world.user("officer_a").pk, world.user("head_a").pk}
    assert told[-1].reason == events.Reason.DONE
    assert len({event.key for event in told}) == len(told)  # one key per transition
    actions = list(
        AuditEntry.objects.filter(action__startswith="award.report_")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["award.report_saved", "award.report_submitted", "award.report_accepted"]


def test_a_returned_report_keeps_the_comment_and_goes_back_to_the_officer(
    world, entry_a, told, django_capture_on_commit_callbacks
):
    report = draft(world, entry_a)
    reports.report_submit(actor=world.user("head_a"), report=report)
    with django_capture_on_commit_callbacks(execute=True):
        reports.report_return(
            actor=world.user("district_officer"), report=report, comment="Bổ sung minh chứng."
        )
    assert told[-1].reason == events.Reason.RETURNED
    assert set(told[-1].recipients) == {world.user("officer_a").pk, world.user("head_a").pk}
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.version == 2
    draft(world, entry_a, characteristics="Thị trấn có 6 công chức; đã bổ sung minh chứng.")
    reports.report_submit(actor=world.user("head_a"), report=report)
    reports.report_return(actor=world.user("district_officer"), report=report, comment="Còn thiếu ảnh.")
    assert list(report.returns.values_list("version", "comment")) == [
        (1, "Bổ sung minh chứng."),
        (2, "Còn thiếu ảnh."),
    ]


@pytest.mark.parametrize(
    "move",
    [
        "head_drafts",
        "other_officer_drafts",
        "officer_submits",
        "head_b_submits",
        "officer_accepts",
        "head_accepts",
        "accept_a_draft",
        "return_without_comment",
        "unknown_target",
        "submit_twice",
    ],
)
def test_refused_moves_say_why_and_change_nothing(world, entry_a, move):
    report = draft(world, entry_a)
    if move == "submit_twice":
        reports.report_submit(actor=world.user("head_a"), report=report)
    before = snapshot(report)
    audits = AuditEntry.objects.count()
    attempts = {
        "head_drafts": lambda: reports.report_save(
            actor=world.user("head_a"), entry=entry_a, characteristics="x", narratives={}
        ),
        "other_officer_drafts": lambda: reports.report_save(
            actor=world.user("officer_b"), entry=entry_a, characteristics="x", narratives={}
        ),
        "officer_submits": lambda: reports.report_submit(actor=world.user("officer_a"), report=report),
        "head_b_submits": lambda: reports.report_submit(actor=world.user("head_b"), report=report),
        "officer_accepts": lambda: reports.report_accept(actor=world.user("officer_a"), report=report),
        "head_accepts": lambda: reports.report_accept(actor=world.user("head_a"), report=report),
        "accept_a_draft": lambda: reports.report_accept(actor=world.user("district_officer"), report=report),
        "return_without_comment": lambda: reports.report_return(
            actor=world.user("district_officer"), report=report, comment="  "
        ),
        "unknown_target": lambda: draft(world, entry_a, narratives={"no-such-target": "x"}),
        "submit_twice": lambda: reports.report_submit(actor=world.user("head_a"), report=report),
    }
    with pytest.raises(ValidationError) as refused:
        attempts[move]()
    assert refused.value.messages and all(message.strip() for message in refused.value.messages)
    assert snapshot(report) == before
    assert AuditEntry.objects.count() == audits


def test_the_frozen_figures_are_not_the_reports_to_change(world, entry_a):
    figure = EvaluationFigure.objects.get(entry=entry_a, kind="target", code="office_culture")
    before = (figure.value, figure.status, figure.evidence_url)
    report = draft(world, entry_a, narratives={"office_culture": "Đạt 90%, vượt chỉ tiêu."})
    figure.refresh_from_db()
    assert (figure.value, figure.status, figure.evidence_url) == before
    line = next(
        line for line in reports.report_lines(entry_a, report) if line.figure.code == "office_culture"
    )
    assert line.narrative == "Đạt 90%, vượt chỉ tiêu." and line.figure.condition  # frozen with the round


def test_the_council_waits_for_every_candidates_accepted_report(world, opened_round, entry_a, council):
    officer = world.user("district_officer")
    services.entry_propose(actor=officer, entry=entry_a)
    report = draft(world, entry_a)
    reports.report_submit(actor=world.user("head_a"), report=report)
    with pytest.raises(ValidationError, match="84"):
        services.round_propose(actor=officer, evaluation_round=opened_round)
    opened_round.refresh_from_db()
    assert opened_round.status == RoundStatus.APPRAISAL and not opened_round.notices.exists()
    # an exception admits an ineligible unit; it does not waive the report
    entry_b = EvaluationEntry.objects.get(round=opened_round, unit=world.unit_b)
    services.entry_propose(actor=officer, entry=entry_b, exception_reason="Mô hình được tỉnh công nhận")
    reports.report_accept(actor=officer, report=report)
    with pytest.raises(ValidationError, match="84"):
        services.round_propose(actor=officer, evaluation_round=opened_round)
    accepted_report(world, entry_b, "unit_b")
    services.round_propose(actor=officer, evaluation_round=opened_round)
    opened_round.refresh_from_db()
    assert opened_round.status == RoundStatus.PROPOSED
    notice = opened_round.notices.get()
    assert notice.number.endswith("/TB-UBND") or "/TB-" in notice.number
    assert [item["unit"] for item in notice.units] == [world.unit_a.official_name, world.unit_b.official_name]


def test_after_appraisal_the_report_can_no_longer_change(world, proposed_round):
    report = AchievementReport.objects.get(entry__round=proposed_round, entry__unit=world.unit_a)
    before = snapshot(report)
    with pytest.raises(ValidationError):
        draft(world, report.entry, characteristics="Sửa sau khi đã gửi Hội đồng")
    assert snapshot(report) == before


# --- pages ------------------------------------------------------------------------------------------------------

STAFF = {"district_officer", "inspector", "council_member", "chairman", "viewer"}


def report_url(entry):
    return f"/awards/entries/{entry.pk}/report/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_report_page_is_for_the_unit_and_the_authoritys_staff(client_as, entry_a, persona):
    response = client_as(persona).get(report_url(entry_a))
    expected = 302 if persona == "anonymous" else 200 if persona in STAFF | {"officer_a", "head_a"} else 404
    assert response.status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_units_officer_saves_the_report(world, client_as, entry_a, persona):
    response = client_as(persona).post(
        report_url(entry_a), {"characteristics": "Đặc điểm", "award_proposed": "Giấy khen"}
    )
    expected = {
        "anonymous": 302,
        "officer_a": 302,
        "head_a": 403,
        **dict.fromkeys(STAFF, 403),
    }.get(persona, 404)
    assert response.status_code == expected
    assert AchievementReport.objects.filter(entry=entry_a).exists() == (persona == "officer_a")


def test_the_report_workflow_through_the_pages(world, client_as, entry_a):
    page = client_as("officer_a").get(report_url(entry_a)).content.decode()
    assert 'name="narrative-office_culture"' in page and 'name="value' not in page
    assert world.unit_a.official_name in page  # part I is pre-filled
    client_as("officer_a").post(
        report_url(entry_a),
        {"characteristics": "Đặc điểm", "award_proposed": "Giấy khen", "narrative-office_culture": "Tốt"},
    )
    assert client_as("head_b").post(f"{report_url(entry_a)}submit/").status_code == 404
    assert client_as("officer_a").post(f"{report_url(entry_a)}submit/").status_code == 403
    client_as("head_a").post(f"{report_url(entry_a)}submit/")
    assert client_as("head_a").post(f"{report_url(entry_a)}accept/").status_code == 403
    client_as("district_officer").post(f"{report_url(entry_a)}return/", {"comment": "Bổ sung"})
    report = AchievementReport.objects.get(entry=entry_a)
    assert report.status == ReportStatus.RETURNED
    page = client_as("officer_a").get(report_url(entry_a)).content.decode()
    assert "Bổ sung" in page and "style=" not in page


def test_another_units_report_document_answers_404(world, client_as, entry_a):
    draft(world, entry_a)
    url = f"/awards/entries/{entry_a.pk}/bao-cao-thanh-tich.docx"
    assert client_as("officer_b").get(url).status_code == 404
    assert client_as("head_a").get(url).status_code == 200


def test_the_start_page_tells_each_person_their_step(world, client_as, entry_a):
    assert "/report/" in client_as("officer_a").get("/").content.decode()
    report = draft(world, entry_a)
    head_home = client_as("head_a").get("/").content.decode()
    assert report_url(entry_a) in head_home
    reports.report_submit(actor=world.user("head_a"), report=report)
    assert report_url(entry_a) in client_as("district_officer").get("/").content.decode()
    assert report_url(entry_a) not in client_as("officer_b").get("/").content.decode()


# --- the document -----------------------------------------------------------------------------------------------


def pdf_text(docx_bytes: bytes) -> str:
    from thidua.core.pdf import docx_to_pdf

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(docx_to_pdf(docx_bytes))
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout


def test_the_report_document_prints_the_frozen_figures_and_the_narrative(world, entry_a):
    report = draft(world, entry_a, narratives={"office_culture": "Tự kiểm tra hằng quý."})
    reports.report_submit(actor=world.user("head_a"), report=report)
    text = pdf_text(report_docx(report))
    for expected in ["BÁO CÁO", "ĐẶC ĐIỂM, TÌNH HÌNH", "THÀNH TÍCH ĐẠT ĐƯỢC", "HÌNH THỨC KHEN THƯỞNG", "Đạt"]:
        assert expected in text
    assert "Tự kiểm tra hằng quý." in text and "6 công chức" in text
    assert entry_a.status == EntryStatus.ASSESSED
