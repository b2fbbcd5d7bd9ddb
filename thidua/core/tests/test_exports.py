import csv
import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from thidua.core.exports import DATE, DECIMAL, INTEGER, PERCENT, Column, Exporter, csv_safe


class RowsExporter(Exporter):
    filename = "test"
    sheet_title = "Test"
    columns = [Column("Tên", lambda row: row[0]), Column("Số", lambda row: row[1])]

    def __init__(self, rows):
        self._rows = rows

    def items(self):
        return self._rows


DANGEROUS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd"]


def test_csv_neutralises_every_formula_prefix():
    text = RowsExporter([(value, 1) for value in DANGEROUS]).to_csv_text()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Tên", "Số"]
    assert [row[0] for row in rows[1:]] == ["'" + value for value in DANGEROUS]


def test_csv_leaves_ordinary_text_and_numbers_alone():
    assert csv_safe("Văn hóa công sở") == "Văn hóa công sở"
    assert csv_safe(-5) == -5


def test_xlsx_writes_user_text_as_text_never_as_formula():
    data = RowsExporter([("=1+1", 7), ("Đại Ngãi", 3)]).to_xlsx_bytes()
    sheet = load_workbook(io.BytesIO(data)).active
    assert [cell.value for cell in sheet[6]] == ["STT", "Tên", "Số"]
    assert sheet["B7"].value == "=1+1"
    assert sheet["B7"].data_type == "s"
    assert sheet["B8"].value == "Đại Ngãi"
    assert sheet["C8"].value == 3


def test_response_names_the_file_and_sets_the_type():
    response = RowsExporter([("a", 1)]).response("csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="test-')
    assert response.content.decode("utf-8").startswith("\ufeffTên,Số")


def test_xlsx_keeps_decimals_as_numbers():
    data = RowsExporter([("Chỉ số", Decimal("91.25"))]).to_xlsx_bytes()
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["C7"].value == 91.25
    assert sheet["C7"].data_type == "n"
    assert sheet["C7"].number_format == DECIMAL


class CountsExporter(Exporter):
    """A table with a count to total, a percentage not to total, a date, and a unit and period of its own."""

    filename = "counts"
    sheet_title = "Counts"
    title = "Chỉ số hài lòng"
    columns = [
        Column("Đơn vị", lambda row: row[0], 30),
        Column("Số phiếu", lambda row: row[1], 10, number_format=INTEGER, total=True),
        Column("Chỉ số (%)", lambda row: row[2], 10, number_format=PERCENT),
        Column("Ngày", lambda row: row[3], 12),
    ]

    def __init__(self, rows, *, columns=None):
        self._rows = rows
        if columns is not None:
            self.columns = columns

    def items(self):
        return self._rows

    def describe_scope(self):
        return "UBND huyện Long Phú"

    def describe_period(self):
        return "Năm 2021"


COUNT_ROWS = [
    ("UBND thị trấn Long Phú", 1200, Decimal("84.67"), date(2021, 4, 28)),
    ("UBND xã Long Phú", 35, Decimal("91.5"), date(2021, 12, 1)),
]


def test_an_xlsx_opens_with_its_title_block_above_the_table():
    sheet = load_workbook(io.BytesIO(CountsExporter(COUNT_ROWS).to_xlsx_bytes())).active
    assert sheet["A1"].value == "CHỈ SỐ HÀI LÒNG"
    assert sheet["A2"].value == "Đơn vị: UBND huyện Long Phú"
    assert sheet["A3"].value == "Năm 2021"
    assert sheet["A4"].value.startswith("Ngày xuất: ")
    assert {"A1:E1", "A2:E2", "A3:E3", "A4:E4"} == {str(merged) for merged in sheet.merged_cells.ranges}
    assert sheet["A5"].value is None


def test_an_xlsx_numbers_its_rows_and_freezes_the_header():
    sheet = load_workbook(io.BytesIO(CountsExporter(COUNT_ROWS).to_xlsx_bytes())).active
    assert [cell.value for cell in sheet[6]] == ["STT", "Đơn vị", "Số phiếu", "Chỉ số (%)", "Ngày"]
    assert [sheet["A7"].value, sheet["A8"].value] == [1, 2]
    assert sheet.freeze_panes == "A7"
    assert sheet.print_title_rows == "$6:$6"


def test_an_xlsx_keeps_numbers_numeric_under_their_display_formats():
    sheet = load_workbook(io.BytesIO(CountsExporter(COUNT_ROWS).to_xlsx_bytes())).active
    assert (sheet["C7"].value, sheet["C7"].number_format) == (1200, INTEGER)
    assert (sheet["D7"].value, sheet["D7"].number_format) == (84.67, PERCENT)
    assert (sheet["E7"].value.date(), sheet["E7"].number_format) == (date(2021, 4, 28), DATE)


def test_an_xlsx_totals_the_counts_and_never_the_percentages():
    sheet = load_workbook(io.BytesIO(CountsExporter(COUNT_ROWS).to_xlsx_bytes())).active
    assert sheet.max_row == 9
    assert [cell.value for cell in sheet[9]] == ["Tổng cộng", None, 1235, None, None]


def test_a_table_without_a_declared_total_has_no_totals_row():
    columns = [Column("Đơn vị", lambda row: row[0]), Column("Chỉ số (%)", lambda row: row[2])]
    sheet = load_workbook(io.BytesIO(CountsExporter(COUNT_ROWS, columns=columns).to_xlsx_bytes())).active
    assert sheet.max_row == 8
    assert sheet["A8"].value == 2


def test_an_xlsx_prints_on_a4_fitted_to_the_width_with_page_numbers():
    sheet = load_workbook(io.BytesIO(CountsExporter(COUNT_ROWS).to_xlsx_bytes())).active
    assert sheet.page_setup.paperSize == 9
    assert sheet.page_setup.orientation == "portrait"  # 6 + 62 character widths
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.oddFooter.right.text == "Trang &P/&N"


def test_a_wide_table_prints_in_landscape():
    wide = [Column(f"Cột {index}", lambda row: row[0], 20) for index in range(6)]
    sheet = load_workbook(io.BytesIO(CountsExporter(COUNT_ROWS, columns=wide).to_xlsx_bytes())).active
    assert sheet.page_setup.orientation == "landscape"


def test_an_empty_table_still_prints_its_title_and_header():
    sheet = load_workbook(io.BytesIO(CountsExporter([]).to_xlsx_bytes())).active
    assert sheet["A1"].value == "CHỈ SỐ HÀI LÒNG"
    assert sheet["A6"].value == "STT"
    assert [cell.value for cell in sheet[7]] == ["Tổng cộng", None, 0, None, None]


def test_csv_stays_plain_without_title_block_or_row_numbers():
    rows = list(csv.reader(io.StringIO(CountsExporter(COUNT_ROWS).to_csv_text())))
    assert rows == [
        ["Đơn vị", "Số phiếu", "Chỉ số (%)", "Ngày"],
        ["UBND thị trấn Long Phú", "1200", "84.67", "28/04/2021"],
        ["UBND xã Long Phú", "35", "91.5", "01/12/2021"],
    ]


def test_the_title_block_holds_no_control_characters_from_a_stored_scope():
    class LegacyScopeExporter(CountsExporter):
        def describe_scope(self):
            return "UBND xã\x01 Long Phú"

    sheet = load_workbook(io.BytesIO(LegacyScopeExporter(COUNT_ROWS).to_xlsx_bytes())).active
    assert sheet["A2"].value == "Đơn vị: UBND xã Long Phú"


def test_a_long_xlsx_reports_its_progress_every_two_thousand_rows():
    reported = []
    exporter = CountsExporter([("Xã", 1, Decimal("50"), date(2021, 1, 1))] * 4500)
    exporter.on_progress = reported.append
    sheet = load_workbook(io.BytesIO(exporter.to_xlsx_bytes())).active
    assert reported == [2000, 4000]
    assert sheet.max_row == 6 + 4500 + 1  # title block and empty row, header, rows, totals
