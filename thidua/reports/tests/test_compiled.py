"""The compiled report: regenerated from the units' reports, edited in versions, issued with a BC number, and
downloaded as DOCX, PDF (read back with pdftotext), XLSX and JSON."""

import io
import json
import shutil
import subprocess
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from thidua.reports import services
from thidua.reports.models import CompiledReport

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def reports(world, period):
    office = world.user("district_officer")
    for unit, text, day in (
        (world.unit_a, "Thị trấn ban hành kế hoạch tuyên truyền văn hóa công sở.", 15),
        (world.unit_b, "Xã tổ chức kiểm tra đột xuất giờ giấc làm việc.", 19),
    ):
        report = services.report_save(
            actor=None, period=period, unit=unit, narratives={"1": text, "3": "Ưu điểm."}
        )
        report = services.report_send_to_head(actor=None, report=report)
        report = services.report_submit(
            actor=None, report=report, at=datetime(2022, 12, day, 10, tzinfo=HANOI)
        )
        services.report_accept(actor=office, report=report)
    return period


def _download(client, period, file_format):
    url = reverse("reports-compiled-download", kwargs={"period_id": period.pk, "file_format": file_format})
    response = client.get(url)
    assert response.status_code == 200, file_format
    return response


def test_the_compiled_narrative_gathers_each_units_gist_section_by_section(world, reports):
    narratives = services.compiled_narratives(reports)
    assert "Thị trấn ban hành kế hoạch" in narratives["1"] and "Xã tổ chức kiểm tra" in narratives["1"]
    assert narratives["3"].count("Ưu điểm.") == 2
    assert narratives["2"] == ""


def test_edits_make_versions_with_author_and_issuing_numbers_it_once(world, reports):
    office = world.user("district_officer")
    first = services.compiled_regenerate(actor=office, period=reports)
    edited = services.compiled_edit(actor=office, period=reports, narratives={"1": "Tổng hợp đã biên tập."})
    assert (first.number, edited.number) == (1, 2) and edited.author == office and not edited.regenerated
    assert first.narratives["1"] != "Tổng hợp đã biên tập."  # the earlier version is kept as it was
    with pytest.raises(ValidationError, match="Không có thay đổi"):
        services.compiled_edit(actor=office, period=reports, narratives={"1": "Tổng hợp đã biên tập."})
    world.district.document_abbreviation = "UBND"
    world.district.save()
    compiled = services.compiled_issue(actor=office, period=reports)
    assert compiled.number.endswith("/BC-UBND")
    before = CompiledReport.objects.get(pk=compiled.pk).versions.count()
    for call in (
        lambda: services.compiled_edit(
            actor=office, period=reports, narratives={"1": "Sửa sau khi ban hành"}
        ),
        lambda: services.compiled_regenerate(actor=office, period=reports),
        lambda: services.compiled_issue(actor=office, period=reports),
    ):
        with pytest.raises(ValidationError):
            call()
    assert CompiledReport.objects.get(pk=compiled.pk).versions.count() == before


def test_the_compiled_page_edits_and_lists_versions(world, reports, client_as):
    office = client_as("district_officer")
    url = reverse("reports-compiled", kwargs={"period_id": reports.pk})
    assert office.post(url, {"section_1": "Biên tập lần một."}).status_code == 302
    page = office.get(url).content.decode()
    assert "Biên tập lần một." in page and 'id="versions"' in page
    assert client_as("viewer").post(url, {"section_1": "x"}).status_code == 403
    assert client_as("officer_a").get(url).status_code == 403


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="LibreOffice"
)
def test_downloads_hold_every_units_figures_and_narratives(world, reports, client_as, tmp_path):
    office = world.user("district_officer")
    services.compiled_edit(
        actor=office, period=reports, narratives={"4": "Nhiệm vụ kỳ tới: nhân rộng mô hình."}
    )
    client = client_as("district_officer")
    docx = Document(io.BytesIO(_download(client, reports, "docx").content))
    text = "\n".join(paragraph.text for paragraph in docx.paragraphs)
    assert "BÁO CÁO" in text and "Nhiệm vụ kỳ tới: nhân rộng mô hình." in text

    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(_download(client, reports, "pdf").content)
    printed = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        "BÁO CÁO",
        "Kết quả thực hiện Kế hoạch số 47/KH-UBND năm 2022",
        "I. Công tác chỉ đạo, điều hành",
        "Thị trấn ban hành kế hoạch tuyên truyền",
        "Xã tổ chức kiểm tra đột xuất",
        "Phụ lục I",
        "Đúng hạn",
        "Trễ hạn",
        "Chưa gửi",  # the agency sent nothing
        "Phòng Tư pháp",
    ):
        assert expected in printed, expected

    sheet = load_workbook(io.BytesIO(_download(client, reports, "xlsx").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    names = [row[1] for row in rows]
    assert sheet["A1"].value == "PHỤ LỤC BÁO CÁO TỔNG HỢP: CÁC CHỈ TIÊU THEO ĐƠN VỊ"
    assert world.unit_a.name in names and world.agency.name in names

    body = json.loads(_download(client, reports, "json").content)
    assert set(body["Header"]) >= {"Version", "Tran_Code", "Export_Date", "Msg_ID", "Path"}
    assert {row["Unit_Code"] for row in body["Body"]} == {
        world.unit_a.code,
        world.unit_b.code,
        world.agency.code,
    }
    by_code = {row["Unit_Code"]: row for row in body["Body"]}
    assert by_code[world.unit_a.code]["On_Time"] is True and by_code[world.unit_b.code]["On_Time"] is False
    assert by_code[world.agency.code]["Status"] == "missing"
