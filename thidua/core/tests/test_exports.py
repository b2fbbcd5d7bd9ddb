import csv
import io

from openpyxl import load_workbook

from thidua.core.exports import Column, Exporter, csv_safe


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
    assert [cell.value for cell in sheet[1]] == ["Tên", "Số"]
    assert sheet["A2"].value == "=1+1"
    assert sheet["A2"].data_type == "s"
    assert sheet["A3"].value == "Đại Ngãi"
    assert sheet["B3"].value == 3


def test_response_names_the_file_and_sets_the_type():
    response = RowsExporter([("a", 1)]).response("csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="test-')
    assert response.content.decode("utf-8").startswith("\ufeffTên,Số")


def test_xlsx_keeps_decimals_as_numbers():
    from decimal import Decimal

    data = RowsExporter([("Chỉ số", Decimal("91.25"))]).to_xlsx_bytes()
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["B2"].value == 91.25
    assert sheet["B2"].data_type == "n"
