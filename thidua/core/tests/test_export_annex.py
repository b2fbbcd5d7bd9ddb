"""Every XLSX table export of the product, downloaded from the demo district, is a printable annex."""

import io
from datetime import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from thidua.core.exports import DATE, DATETIME, DECIMAL, HEADER_ROW, INTEGER, PERCENT, Exporter
from thidua.core.tests.test_control_characters import _exporter_key, _exports, _subclasses
from thidua.organizations.models import User

pytestmark = pytest.mark.django_db

TITLES = {
    "initiatives.ModelRegisterExporter": "SỔ THEO DÕI MÔ HÌNH CẢI CÁCH HÀNH CHÍNH",
    "organizations.AuditExporter": "NHẬT KÝ HỆ THỐNG",
    "organizations.UnitExporter": "DANH SÁCH ĐƠN VỊ",
    "campaigns.ProgressExporter": "TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH THI ĐUA",
    "campaigns.RegistrationExporter": "DANH SÁCH ĐĂNG KÝ THI ĐUA",
    "inspections.InspectionExporter": "DANH SÁCH CUỘC KIỂM TRA VĂN HÓA CÔNG SỞ",
    "inspections.FindingExporter": "KẾT QUẢ KIỂM TRA VĂN HÓA CÔNG SỞ",
    "inspections.RemediationExporter": "THEO DÕI KHẮC PHỤC SAU KIỂM TRA",
    "surveys.DistrictExporter": "MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN ĐỐI VỚI CÁC ĐƠN VỊ",
    "surveys.UnitExporter": "MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN THEO TỪNG THÁNG",
    "surveys.CommentsExporter": "Ý KIẾN CỦA NGƯỜI DÂN VỀ VIỆC PHỤC VỤ CỦA ĐƠN VỊ",
    "awards.AwardRegisterExporter": "TRÍCH SỔ KHEN THƯỞNG (SỔ VÀNG)",
    "awards.PayoutExporter": "DANH SÁCH CHI TIỀN THƯỞNG KÈM THEO QUYẾT ĐỊNH",
    "awards.AppraisalExporter": "PHIẾU THẨM ĐỊNH",
    "campaigns.DashboardCoverageExporter": "ĐỘ BAO PHỦ MÔ HÌNH CẢI CÁCH HÀNH CHÍNH THEO ĐƠN VỊ",
    "campaigns.DashboardTargetExporter": "KẾT QUẢ CỦA CÁC ĐƠN VỊ SO VỚI CHỈ TIÊU KẾ HOẠCH",
    "campaigns.DashboardMonthlyExporter": "CHỈ SỐ THEO TỪNG THÁNG",
    "campaigns.DashboardOverdueExporter": "VIỆC QUÁ HẠN THEO ĐƠN VỊ",
    "campaigns.DashboardAwardsExporter": "CÁC ĐƠN VỊ ĐƯỢC KHEN THƯỞNG TRONG NĂM",
    "campaigns.UnitIndicatorsExporter": "KẾT QUẢ CỦA ĐƠN VỊ SO VỚI TỪNG CHỈ TIÊU",
    "reports.StatusBoardExporter": "TÌNH HÌNH GỬI BÁO CÁO ĐỊNH KỲ CỦA CÁC ĐƠN VỊ",
    "reports.CompiledAnnexExporter": "PHỤ LỤC BÁO CÁO TỔNG HỢP: CÁC CHỈ TIÊU THEO ĐƠN VỊ",
}


@pytest.fixture
def demo(empty_database, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", force=True, stdout=io.StringIO())


def _xlsx_exports() -> dict[str, list[str]]:
    return {
        name: [url for url in urls if "format=csv" not in url and not url.endswith(".csv")]
        for name, urls in _exports().items()
        if name in TITLES
    }


def _sheets():
    officer = User.objects.get(username="noivu")
    client = Client()
    client.force_login(officer)
    for name, urls in _xlsx_exports().items():
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            yield name, url, officer, load_workbook(io.BytesIO(response.content)).active


def test_every_table_exporter_of_the_product_has_a_title_here():
    exporters = {_exporter_key(cls) for cls in _subclasses(Exporter) if cls.__module__.startswith("thidua.")}
    assert exporters == set(TITLES)


def _check_title_block(name, url, officer, sheet):
    assert sheet["A1"].value == TITLES[name], url
    assert sheet["A2"].value.startswith("Đơn vị: ") and len(sheet["A2"].value) > len("Đơn vị: "), url
    assert sheet["A3"].value, url
    assert sheet["A4"].value.startswith("Ngày xuất: "), url
    assert sheet["A4"].value.endswith(f"Người xuất: {officer.get_full_name() or officer.username}"), url


def _check_numbered_frozen_repeated_header(url, sheet):
    assert sheet[f"A{HEADER_ROW}"].value == "STT", url
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}", url
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}", url
    numbers = [row[0] for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    numbered = [number for number in numbers if isinstance(number, int)]
    assert numbered, f"{url} has no rows in the demo district"
    assert numbered == list(range(1, len(numbered) + 1)), url


def _check_print_setup(url, sheet):
    assert sheet.page_setup.paperSize == 9, url
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0), url
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True, url
    assert sheet.oddFooter.right.text == "Trang &P/&N", url
    width = sum(sheet.column_dimensions[letter].width for letter in sheet.column_dimensions)
    assert sheet.page_setup.orientation == ("landscape" if width > 100 else "portrait"), url


def _check_number_formats(url, sheet) -> set[str]:
    seen = set()
    headers = [cell.value for cell in sheet[HEADER_ROW]]
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
        for header, cell in zip(headers, row, strict=True):
            if isinstance(cell.value, datetime):
                assert cell.number_format in {DATE, DATETIME}, (url, header)
                seen.add("date")
            elif isinstance(cell.value, float) and "(%)" in str(header):
                assert cell.number_format == PERCENT, (url, header)
                seen.add("percent")
            elif isinstance(cell.value, float):
                assert cell.number_format in {DECIMAL, INTEGER, PERCENT}, (url, header)
                seen.add("decimal")
    return seen


def test_every_xlsx_export_is_an_annex_with_title_block_numbered_rows_print_setup_and_formats(demo):
    seen = set()
    for name, url, officer, sheet in _sheets():
        _check_title_block(name, url, officer, sheet)
        _check_numbered_frozen_repeated_header(url, sheet)
        _check_print_setup(url, sheet)
        seen |= _check_number_formats(url, sheet)
    assert seen == {"date", "percent", "decimal"}


def test_the_district_satisfaction_xlsx_totals_the_responses_only(demo):
    client = Client()
    client.force_login(User.objects.get(username="noivu"))
    sheet = load_workbook(io.BytesIO(client.get("/satisfaction/?year=2021&format=xlsx").content)).active
    headers = [cell.value for cell in sheet[HEADER_ROW]]
    body = list(sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    rows, totals = body[:-1], body[-1]
    assert totals[0] == "Tổng cộng"
    responses = headers.index("Số phiếu")
    assert totals[responses] == sum(row[responses] for row in rows) > 0
    assert [value for value in totals[1:] if value is not None] == [totals[responses]]
