"""Paper-form import: template, row-by-row errors in Vietnamese, all or nothing, progress on the command line."""

import io
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from thidua.core.models import AuditEntry
from thidua.surveys import imports
from thidua.surveys.models import DailyTotal, ImportBatch, MonthlyCount, Response

HEADER = [
    "ngay",
    "ma_ho_so",
    "overall",
    "access",
    "procedure",
    "civil_servant",
    "result",
    "feedback",
    "ly_do",
    "y_kien",
]


def xlsx(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, point, content, name="phieu.xlsx"):
    return client.post(
        f"/satisfaction/units/{point.unit.code}/import/",
        {"point": point.pk, "file": SimpleUploadedFile(name, content)},
    )


def nothing_stored():
    return (
        Response.objects.count() == 0 and DailyTotal.objects.count() == 0 and ImportBatch.objects.count() == 0
    )


def test_template_has_the_questionnaires_columns(client_as, point_a):
    reply = client_as("officer_a").get(f"/satisfaction/points/{point_a.pk}/template.xlsx")
    workbook = load_workbook(io.BytesIO(reply.content))
    assert [cell.value for cell in workbook.worksheets[0][1]] == HEADER
    assert "Huong dan" in workbook.sheetnames


def test_a_valid_xlsx_is_imported_with_aggregates_and_an_audit_entry(client_as, point_a):
    content = xlsx(
        [
            ["01/03/2021", "H48.25.10-260125-0001", 5, 4, None, None, None, None, None, "Tốt"],
            ["02/03/2021", None, 2, None, None, None, None, None, "Phải đi lại nhiều lần", None],
            ["02/03/2021", None, "4", None, None, None, None, 3, None, None],
        ]
    )
    reply = upload(client_as("officer_a"), point_a, content)
    assert reply.status_code == 302
    assert Response.objects.filter(source="paper").count() == 3
    assert sorted(DailyTotal.objects.values_list("responses", flat=True)) == [1, 2]
    assert MonthlyCount.objects.filter(question__code="overall").count() == 3  # levels 5, 2, 4
    assert Response.objects.get(overall_level=2).reasons == ["Phải đi lại nhiều lần"]
    entry = AuditEntry.objects.get(action="rating.imported")
    assert entry.data["rows"] == 3


def test_csv_with_semicolons_and_a_bom_is_accepted(client_as, point_a):
    content = ("\ufeff" + ";".join(HEADER) + "\n01/03/2021;;5;;;;;;;\n2021-03-02;;1;;;;;;;Chờ lâu\n").encode()
    reply = upload(client_as("district_officer"), point_a, content, name="phieu.csv")
    assert reply.status_code == 302
    assert Response.objects.count() == 2


def test_one_bad_row_imports_nothing_and_errors_name_row_and_column_in_vietnamese(client_as, point_a):
    content = xlsx(
        [
            ["01/03/2021", None, 5, None, None, None, None, None, None, None],
            ["31/02/2021", None, 5, None, None, None, None, None, None, None],
            ["01/03/2021", "x", 9, None, None, None, None, None, "lý do lạ", None],
            ["01/03/2021", None, None, None, None, None, None, None, None, None],
        ]
    )
    reply = upload(client_as("officer_a"), point_a, content)
    assert reply.status_code == 400
    html = reply.content.decode()
    assert "không nhập phiếu nào" in html or "chưa nhập phiếu nào" in html
    assert "<td>3</td><td>ngay</td><td>Ghi ngày theo dạng dd/mm/yyyy.</td>" in html
    assert "<td>4</td><td>overall</td><td>Chọn một mức từ 1 đến 5.</td>" in html
    assert "<td>4</td><td>ma_ho_so</td>" in html
    assert "<td>4</td><td>ly_do</td><td>Chọn lý do trong danh sách.</td>" in html
    assert "<td>5</td><td>overall</td><td>Xin trả lời câu hỏi này.</td>" in html
    assert nothing_stored()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Tệp"),
        (b"PK\x03\x04garbage", "Không đọc được tệp"),
        (b"\xff\xfe\x00bad", "Không đọc được tệp"),
        (b"ngay,overall,la\n01/01/2021,5,1\n", "Cột không có trong mẫu"),
        (b"ma_ho_so\nX\n", "Thiếu cột ngày"),
        (b"ngay,overall\n", "Tệp không có dòng nào"),
    ],
)
def test_unreadable_or_misshaped_files_are_refused_in_vietnamese(client_as, point_a, content, message):
    reply = upload(client_as("officer_a"), point_a, content, name="x.csv")
    assert reply.status_code == 400
    assert message in reply.content.decode()
    assert nothing_stored()


def test_failure_while_storing_rolls_everything_back(point_a, monkeypatch):
    from thidua.surveys import services, storage

    parsed = imports.parse_file(xlsx([["01/03/2021", None, 5] + [None] * 7] * 5), point_a)
    assert len(parsed.rows) == 5

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(storage, "add_to_aggregates", explode)
    with pytest.raises(RuntimeError):
        services.ratings_import(
            actor=None, point=point_a, rows=parsed.rows, filename="x", sha256=parsed.sha256
        )
    assert nothing_stored()


def test_import_command_prints_progress_and_imports(point_a, tmp_path):
    path = tmp_path / "phieu.xlsx"
    path.write_bytes(xlsx([["01/03/2021", None, 4] + [None] * 7] * 25))
    out = StringIO()
    call_command("import_ratings", point_a.token, str(path), stdout=out)
    assert "stored 25 / 25" in out.getvalue()
    assert Response.objects.count() == 25


def test_import_command_refuses_a_bad_file_and_stores_nothing(point_a, tmp_path):
    path = tmp_path / "phieu.csv"
    path.write_text("ngay,overall\n01/03/2021,8\n")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_ratings", point_a.token, str(path), stdout=out)
    assert "row 2, column overall" in out.getvalue()
    assert nothing_stored()


def test_head_of_unit_may_not_import(client_as, point_a):
    reply = upload(client_as("head_a"), point_a, xlsx([["01/03/2021", None, 5] + [None] * 7]))
    assert reply.status_code == 403
    assert nothing_stored()
