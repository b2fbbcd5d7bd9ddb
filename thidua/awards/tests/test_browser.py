"""The award journey in the browser: the standing office opens and appraises the round, calls the council, a
member votes on a phone-sized screen, the chair counts, and the Chairman approves."""

import io
import subprocess
import tempfile
from pathlib import Path

import pytest
from docx import Document

from thidua.awards.models import (
    AchievementReport,
    AwardDecision,
    EntryStatus,
    EvaluationEntry,
    EvaluationFigure,
    EvaluationRound,
    ReportStatus,
    RoundStatus,
    SessionStatus,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page):
    page.context.clear_cookies()


def download(page, selector: str) -> bytes:
    with page.expect_download(timeout=120000) as info:
        page.click(selector, timeout=120000)
    return Path(info.value.path()).read_bytes()


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def pdf_pages(content: bytes) -> list[str]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        text = subprocess.run(
            ["pdftotext", "-layout", handle.name, "-"], capture_output=True, text=True, check=True
        ).stdout
    return text.split("\f")[:-1]


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_from_the_frozen_round_to_the_chairmans_decision(
    world, council, award_type, rubric, measured_world, browser_page, browser_login
):
    page = browser_page

    # 1. The standing office opens the 2021 round: every figure is computed and frozen.
    browser_login("district_officer")
    page.goto("/awards/rounds/")
    page.select_option("#id_campaign", str(world.campaign.pk))
    page.fill("#id_year", "2021")
    page.select_option("#id_award_type", str(award_type.pk))
    page.fill("#id_planned_decision_date", "2022-02-15")
    page.click("#main form button[type=submit]")
    page.wait_for_url("**/awards/rounds/*/")
    evaluation_round = EvaluationRound.objects.get()

    # 2. It adjusts unit A's manual criterion with evidence and a reason, and proposes unit A.
    page.goto(f"/awards/rounds/{evaluation_round.pk}/units/{world.unit_a.code}/")
    manual = EvaluationFigure.objects.get(entry__unit=world.unit_a, code="initiative")
    page.click(f"details:has(#points-{manual.pk}) summary")
    page.fill(f"#points-{manual.pk}", "8")
    page.fill(f"#reason-{manual.pk}", "Sáng kiến được công nhận")
    page.fill(f"#evidence-{manual.pk}", "https://example.org/sang-kien")
    page.click(f"form:has(#points-{manual.pk}) button[type=submit]")
    page.wait_for_load_state()
    page.click("form[action$='/propose/'] button[type=submit]")
    page.wait_for_load_state()
    entry = EvaluationEntry.objects.get(round=evaluation_round, unit=world.unit_a)
    assert (str(entry.score), entry.status) == ("73.00", EntryStatus.PROPOSED)

    # 2b. Unit A's officer writes the achievement report beside the frozen figures (from the start page), its
    #     head submits it, the standing office accepts it: the council waits for the candidates' reports.
    sign_out(page)
    browser_login("officer_a")
    page.goto("/")
    page.click(f"a[href='/awards/entries/{entry.pk}/report/']")
    page.fill("#id_characteristics", "Thị trấn có Bộ phận một cửa với 6 công chức.")
    page.fill("#id_narrative-office_culture", "Tự kiểm tra văn hóa công sở hằng quý.")
    page.click("#main form button[type=submit]")
    page.wait_for_load_state()
    sign_out(page)
    browser_login("head_a")
    page.goto("/")
    page.click(f"a[href='/awards/entries/{entry.pk}/report/']")
    page.click("form[action$='/report/submit/'] button")
    page.wait_for_load_state()
    sign_out(page)
    browser_login("district_officer")
    page.goto("/")
    page.click(f"a[href='/awards/entries/{entry.pk}/report/']")
    page.click("form[action$='/report/accept/'] button")
    page.wait_for_load_state()
    report = AchievementReport.objects.get(entry=entry)
    assert (report.status, report.narratives) == (
        ReportStatus.ACCEPTED,
        {"office_culture": "Tự kiểm tra văn hóa công sở hằng quý."},
    )

    # 3. The candidates go to the council; the council is called, everyone attends, the vote opens.
    page.goto(f"/awards/rounds/{evaluation_round.pk}/")
    page.click(f"form[action='/awards/rounds/{evaluation_round.pk}/propose/'] button")
    page.wait_for_load_state()
    page.goto(f"/awards/rounds/{evaluation_round.pk}/sessions/new/")
    page.fill("#id_held_on", "2022-01-20")
    page.fill("#id_place", "Hội trường UBND huyện")
    page.click("#main form button[type=submit]")
    page.wait_for_url("**/awards/sessions/*/")
    session = evaluation_round.sessions.get()
    for member in session.members.all():
        page.select_option(f"#attendance-{member.pk}", "present")
    page.click("form[action$='/attendance/'] button[type=submit]")
    page.wait_for_load_state()
    page.click("form[action$='/open/'] button[type=submit]")
    page.wait_for_load_state()
    session.refresh_from_db()
    assert session.status == SessionStatus.VOTING
    sign_out(page)

    # 4. Three members vote on a phone; the page fits a 360 px screen.
    page.set_viewport_size({"width": 360, "height": 740})
    for username in ["council_member", "hoidong2", "hoidong3"]:
        browser_login(username)
        page.goto("/")
        page.click(f"a[href='/awards/sessions/{session.pk}/']")
        page.wait_for_load_state()
        assert fits_the_screen(page)
        if username == "council_member":
            for url in [
                f"/awards/rounds/{evaluation_round.pk}/",
                f"/awards/rounds/{evaluation_round.pk}/units/{world.unit_a.code}/",
            ]:
                page.goto(url)
                assert fits_the_screen(page), url
            page.goto(f"/awards/sessions/{session.pk}/")
        page.check(f"input[name='choice-{entry.pk}'][value='agree']")
        page.click("form[action$='/vote/'] button[type=submit]")
        page.wait_for_load_state()
        sign_out(page)

    # 5. The chairman closes the vote, the standing office submits the proposal, the chairman approves.
    page.set_viewport_size({"width": 1280, "height": 900})
    browser_login("chairman")
    page.goto(f"/awards/sessions/{session.pk}/")
    page.click("form[action$='/close/'] button[type=submit]")
    page.wait_for_load_state()
    sign_out(page)
    browser_login("district_officer")
    page.goto(f"/awards/rounds/{evaluation_round.pk}/")
    page.fill("#proposal-day", "2022-02-01")
    page.click("form[action$='/submit/'] button[type=submit]")
    page.wait_for_load_state()
    sign_out(page)
    browser_login("chairman")
    page.goto("/")
    page.click(f"a[href='/awards/rounds/{evaluation_round.pk}/']")
    page.fill("#decision-day", "2022-02-15")
    page.click("form[action$='/approve/'] button[type=submit]")
    page.wait_for_load_state()
    evaluation_round.refresh_from_db()
    decision = AwardDecision.objects.get()
    assert evaluation_round.status == RoundStatus.DECIDED
    assert list(decision.awarded.values_list("unit__code", flat=True)) == [world.unit_a.code]

    # 5b. The decision and the certificate download from the round's page, ready to sign: the decision names
    #     unit A under its number, and there is one certificate, for unit A, on one page.
    page.set_default_timeout(120000)  # LibreOffice makes the PDF copies
    page.goto(f"/awards/rounds/{evaluation_round.pk}/")
    decision_text = docx_text(download(page, f"a[href='/awards/decisions/{decision.pk}/quyet-dinh.docx']"))
    assert decision.number in decision_text and world.unit_a.official_name in decision_text
    decision_pdf = download(page, f"a[href='/awards/decisions/{decision.pk}/quyet-dinh.pdf']")
    assert decision_pdf.startswith(b"%PDF")
    assert world.unit_a.official_name.upper() in " ".join(pdf_pages(decision_pdf)).upper()
    certificates = pdf_pages(download(page, f"a[href='/awards/decisions/{decision.pk}/giay-khen.pdf']"))
    assert len(certificates) == 1
    assert world.unit_a.official_name.upper() in " ".join(certificates[0].split()).upper()
    page.set_default_timeout(15000)
    sign_out(page)

    # 6. Anyone sees the awarded unit and why.
    page.goto("/awards/awarded/2021/")
    assert decision.number in page.content()
