"""The report journey in the browser: the officer writes, the head submits, the standing office returns it with a
comment, the officer revises, the head submits again and the office accepts; the compiled report then downloads as
DOCX, PDF and XLSX. Each page fits a 360 px screen with tap targets of 44 px.

``REPORT_SCREENSHOTS=<folder>`` saves the pages at 360 and 1280 px, and the compiled PDF.
"""

import io
import os
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from thidua.core.tests.test_phone_walk import MEASURE
from thidua.notifications.models import Notification
from thidua.reports.models import ReportStatus, UnitReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def sign_out(page):
    page.context.clear_cookies()


def check_page(page, name: str) -> None:
    """The page fits a phone, its targets are big enough; saved at both widths when asked."""
    folder = os.environ.get("REPORT_SCREENSHOTS")
    page.set_viewport_size(PHONE)
    problems = page.evaluate(MEASURE)
    assert not problems, f"{name}: {problems}"
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        for label, size in (("360", PHONE), ("1280", DESKTOP)):
            page.set_viewport_size(size)
            height = min(page.evaluate("document.documentElement.scrollHeight"), 3 * PHONE["height"])
            page.screenshot(
                path=str(Path(folder) / f"{name}-{label}.png"),
                full_page=True,
                clip={"x": 0, "y": 0, "width": size["width"], "height": height},
            )
        page.set_viewport_size(PHONE)


def follows_notification(page, user, kind: str, url: str) -> None:
    """The person was told once: the bell counts their unread notifications, the list names this one, and opening
    it marks it read and leads to the report."""
    waiting = Notification.objects.filter(recipient=user, kind=kind, url=url, read_at__isnull=True)
    assert waiting.count() == 1, (user.username, kind, list(waiting.values_list("title", flat=True)))
    notification = waiting.get()
    page.goto("/")
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    assert page.inner_text(".bell-count").split()[0] == str(unread)
    page.goto("/notifications/")
    item = page.locator(".notification-list li.unread", has_text=notification.title)
    item.locator("button.notification-title").click()
    page.wait_for_url(f"**{url}")
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert Notification.objects.filter(recipient=user, kind=kind, url=url).count() == 1


def download(page, selector: str) -> bytes:
    with page.expect_download(timeout=120000) as info:
        page.click(selector, timeout=120000)
    return Path(info.value.path()).read_bytes()


def test_officer_head_office_return_revise_accept_and_the_compiled_report(
    world, period, browser_page, browser_login
):
    page = browser_page
    page.set_default_timeout(60000)  # the shared machine is slow at times; LibreOffice makes the PDF
    page.set_viewport_size(PHONE)
    report_url = f"/reports/periods/{period.pk}/units/{world.unit_a.code}/"

    # 1. The officer finds the report on the start page, writes two sections and sends it to the head.
    browser_login("officer_a")
    page.goto("/")
    page.click(f"a[href='{report_url}']")
    page.wait_for_url(f"**{report_url}")
    page.fill("#id_section_1", "Đã ban hành kế hoạch cải cách hành chính năm 2022.")
    page.fill("#id_section_2", "Duy trì mô hình một cửa thân thiện.")
    page.click("#narratives button[type=submit]")
    page.wait_for_load_state()
    check_page(page, "report-officer")
    page.click("#send")
    page.wait_for_load_state()
    assert UnitReport.objects.get(period=period, unit=world.unit_a).status == ReportStatus.READY
    page.goto("/reports/")
    check_page(page, "periods-officer")
    sign_out(page)

    # 2. The head was told; the notification leads to the report, which he signs and submits.
    browser_login("head_a")
    follows_notification(page, world.user("head_a"), "report.ready", report_url)
    page.click("#submit")
    page.wait_for_load_state()
    assert UnitReport.objects.get(period=period, unit=world.unit_a).status == ReportStatus.SUBMITTED
    sign_out(page)

    # 3. The standing office returns it with a comment.
    browser_login("district_officer")
    follows_notification(page, world.user("district_officer"), "report.submitted", report_url)
    page.goto(f"/reports/periods/{period.pk}/")
    check_page(page, "board")
    page.click(f"#board a[href='{report_url}']")
    check_page(page, "report-office")
    page.fill("#id_comment", "Bổ sung số hồ sơ giải quyết đúng hạn ở mục II.")
    page.click("#return")
    page.wait_for_load_state()
    assert UnitReport.objects.get(period=period, unit=world.unit_a).status == ReportStatus.RETURNED
    sign_out(page)

    # 4. The officer reads the comment in the thread, revises and sends again; the head submits again.
    browser_login("officer_a")
    follows_notification(page, world.user("officer_a"), "report.returned", report_url)
    assert "Bổ sung số hồ sơ giải quyết đúng hạn" in page.inner_text("#thread")
    page.fill("#id_section_2", "Duy trì mô hình một cửa thân thiện; 98% hồ sơ giải quyết đúng hạn.")
    page.click("#narratives button[type=submit]")
    page.wait_for_load_state()
    page.click("#send")
    page.wait_for_load_state()
    sign_out(page)
    browser_login("head_a")
    page.goto(report_url)
    page.click("#submit")
    page.wait_for_load_state()
    sign_out(page)

    # 5. The standing office accepts; the status shows it.
    browser_login("district_officer")
    page.goto(report_url)
    page.click("#accept")
    page.wait_for_load_state()
    report = UnitReport.objects.get(period=period, unit=world.unit_a)
    assert report.status == ReportStatus.ACCEPTED and report.comments.count() == 1
    assert "Đã tiếp nhận" in page.inner_text("#report-status")
    # The officer and the head are told it was accepted; the office, who accepted it, is not told of its own move.
    for persona in ("officer_a", "head_a"):
        assert Notification.objects.filter(recipient=world.user(persona), kind="report.accepted").count() == 1
    assert not Notification.objects.filter(
        recipient=world.user("district_officer"), kind="report.accepted"
    ).exists()

    # 6. The compiled report: edited once (a version), then downloaded as DOCX, PDF and XLSX.
    page.goto(f"/reports/periods/{period.pk}/compiled/")
    page.fill("#id_section_4", "Nhân rộng mô hình một cửa thân thiện.")
    page.click("#compiled-form button[type=submit]:not([name])")
    page.wait_for_load_state()
    assert "1" in page.inner_text("#versions")
    check_page(page, "compiled")
    docx = Document(io.BytesIO(download(page, "#downloads a[href$='.docx']")))
    text = "\n".join(paragraph.text for paragraph in docx.paragraphs)
    assert "98% hồ sơ giải quyết đúng hạn" in text and "Nhân rộng mô hình một cửa thân thiện." in text
    pdf = download(page, "#downloads a[href$='.pdf']")
    assert pdf.startswith(b"%PDF")
    sheet = load_workbook(io.BytesIO(download(page, "#downloads a[href$='.xlsx']"))).active
    assert any(world.unit_a.name in str(row) for row in sheet.iter_rows(values_only=True))
    folder = os.environ.get("REPORT_SCREENSHOTS")
    if folder:
        (Path(folder) / "compiled.pdf").write_bytes(pdf)
