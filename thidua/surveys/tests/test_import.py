"""Paper-form import as a background job: template, row-by-row errors in Vietnamese, all or nothing, never twice."""

import io
import zipfile
from datetime import date, datetime
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from thidua.core.models import AuditEntry
from thidua.jobs.models import Job, JobState
from thidua.jobs.services import job_enqueue
from thidua.jobs.testing import run_queued_jobs
from thidua.surveys import imports
from thidua.surveys.models import DailyTotal, ImportBatch, MonthlyCount, Response

# The earlier template's codes: still accepted.
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
VIETNAMESE_HEADER = [
    "Ngày",
    "Mã hồ sơ",
    "Hài lòng chung",
    "Tiếp cận dịch vụ",
    "Thủ tục hành chính",
    "Công chức tiếp nhận, giải quyết",
    "Kết quả",
    "Tiếp nhận góp ý, phản ánh",
    "Lý do",
    "Ý kiến",
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


def upload_and_run(client, point, content, name="phieu.xlsx") -> Job:
    reply = upload(client, point, content, name)
    assert reply.status_code == 302, reply.content.decode()[:2000]
    job = Job.objects.get()
    assert reply["Location"] == f"/jobs/{job.pk}/"
    run_queued_jobs()
    job.refresh_from_db()
    return job


def nothing_stored():
    return (
        Response.objects.count() == 0 and DailyTotal.objects.count() == 0 and ImportBatch.objects.count() == 0
    )


def error_cells(job):
    return {(error["row"], error["column"], error["message"]) for error in job.errors}


def test_template_speaks_vietnamese_with_diacritics(client_as, point_a):
    reply = client_as("officer_a").get(f"/satisfaction/points/{point_a.pk}/template.xlsx")
    workbook = load_workbook(io.BytesIO(reply.content))
    assert workbook.sheetnames == ["Phiếu", "Hướng dẫn"]
    assert [cell.value for cell in workbook.worksheets[0][1]] == VIETNAMESE_HEADER
    assert workbook.worksheets[0].freeze_panes == "A2"


def test_the_upload_answers_with_the_job_page_and_the_worker_imports(client_as, point_a):
    content = xlsx(
        [
            ["01/03/2021", "H48.25.10-260125-0001", 5, 4, None, None, None, None, None, "Tốt"],
            ["02/03/2021", None, 2, None, None, None, None, None, "Phải đi lại nhiều lần", None],
            ["02/03/2021", None, "4", None, None, None, None, 3, None, None],
        ],
        header=VIETNAMESE_HEADER,
    )
    reply = upload(client_as("officer_a"), point_a, content)
    assert reply.status_code == 302
    assert Response.objects.count() == 0  # nothing is stored inside the web request
    job = Job.objects.get()
    assert (job.state, job.kind, job.unit_id) == (JobState.QUEUED, "surveys.import", point_a.unit_id)
    run_queued_jobs()
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.message
    assert job.result["rows"] == 3
    assert (job.done, job.total) == (3, 3)
    assert job.message == "Đã nhập 3 phiếu."
    assert Response.objects.filter(source="paper").count() == 3
    assert sorted(DailyTotal.objects.values_list("responses", flat=True)) == [1, 2]
    assert MonthlyCount.objects.filter(question__code="overall").count() == 3  # levels 5, 2, 4
    assert Response.objects.get(overall_level=2).reasons == ["Phải đi lại nhiều lần"]
    assert AuditEntry.objects.get(action="rating.imported").data["rows"] == 3
    page = client_as("officer_a").get(f"/jobs/{job.pk}/").content.decode()
    assert "Đã nhập 3 phiếu." in page


def test_the_earlier_templates_codes_and_csv_with_semicolons_and_a_bom_are_accepted(client_as, point_a):
    content = ("\ufeff" + ";".join(HEADER) + "\n01/03/2021;;5;;;;;;;\n2021-03-02;;1;;;;;;;Chờ lâu\n").encode()
    job = upload_and_run(client_as("district_officer"), point_a, content, name="phieu.csv")
    assert job.state == JobState.DONE
    assert Response.objects.count() == 2


def test_excel_serial_dates_and_date_cells_are_accepted(client_as, point_a):
    content = xlsx(
        [
            [44314, None, 5] + [None] * 7,
            [datetime(2021, 4, 29), None, 4] + [None] * 7,
            [date(2021, 4, 30), None, 3] + [None] * 7,
        ]
    )
    job = upload_and_run(client_as("officer_a"), point_a, content)
    assert job.state == JobState.DONE, job.errors
    assert sorted(Response.objects.values_list("day", flat=True)) == [
        date(2021, 4, 28),
        date(2021, 4, 29),
        date(2021, 4, 30),
    ]


def test_one_bad_row_imports_nothing_and_errors_name_row_and_column_in_vietnamese(client_as, point_a):
    content = xlsx(
        [
            ["01/03/2021", None, 5, None, None, None, None, None, None, None],
            ["31/02/2021", None, 5, None, None, None, None, None, None, None],
            ["01/03/2021", "x", 9, None, None, None, None, None, "lý do lạ", None],
            ["01/03/2021", None, None, None, None, None, None, None, None, None],
            ["1 tháng 3", None, 5, None, None, None, None, None, None, None],
        ]
    )
    job = upload_and_run(client_as("officer_a"), point_a, content)
    assert job.state == JobState.FAILED
    assert "không nhập phiếu nào" in job.message
    cells = error_cells(job)
    assert (3, "Ngày", "Ngày 31/02/2021 không có trong lịch.") in cells
    assert (4, "Hài lòng chung", "Chọn một mức từ 1 đến 5.") in cells
    assert (4, "Lý do", "Chọn lý do trong danh sách.") in cells
    assert any(row == 4 and column == "Mã hồ sơ" for row, column, _message in cells)
    assert (5, "Hài lòng chung", "Xin trả lời câu hỏi này.") in cells
    assert (6, "Ngày", "Ghi ngày theo dạng dd/mm/yyyy.") in cells
    assert nothing_stored()
    page = client_as("officer_a").get(f"/jobs/{job.pk}/").content.decode()
    assert "Ngày 31/02/2021 không có trong lịch." in page


def _with_cached_value(content: bytes, cached: str) -> bytes:
    """Give the workbook's formula a computed value, as Excel does when it saves."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<v></v>", f"<v>{cached}</v>".encode()).replace(
                    b'<c r="J2"', b'<c r="J2" t="str"'
                )
            target.writestr(item, data)
    return out.getvalue()


def test_a_formula_without_a_computed_value_is_a_row_error_never_a_silent_empty(client_as, point_a):
    content = xlsx(
        [["01/03/2021", None, 5, None, None, None, None, None, None, '=HYPERLINK("http://x","Tốt")']]
    )
    job = upload_and_run(client_as("officer_a"), point_a, content)
    assert job.state == JobState.FAILED
    [(row, column, message)] = error_cells(job)
    assert (row, column) == (2, "Ý kiến")
    assert "công thức" in message
    assert nothing_stored()


def test_a_formula_with_a_computed_value_uses_that_value(client_as, point_a):
    content = _with_cached_value(
        xlsx([["01/03/2021", None, 5, None, None, None, None, None, None, '=HYPERLINK("http://x","Tot")']]),
        "Tot",
    )
    job = upload_and_run(client_as("officer_a"), point_a, content)
    assert job.state == JobState.DONE, job.errors
    assert Response.objects.get().comment == "Tot"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04garbage", "XLSX"),
        ("ngay,overall,y_kien\n01/03/2021,5,T\u00f4\u0301t\n".encode("cp1258"), "UTF-8"),
        (b"ngay,overall,la\n01/01/2021,5,1\n", "Cột không có trong mẫu"),
        (b"ma_ho_so\nX\n", "Thiếu cột ngày"),
        (b"ngay,overall\n", "Tệp không có dòng nào"),
    ],
)
def test_unreadable_or_misshaped_files_are_refused_in_plain_vietnamese(client_as, point_a, content, message):
    job = upload_and_run(client_as("officer_a"), point_a, content, name="x.csv")
    assert job.state == JobState.FAILED
    text = " ".join(
        [job.message, *(error["message"] for error in job.errors), *(error["column"] for error in job.errors)]
    )
    assert message in text
    assert "Error" not in text and "(" + "Unicode" not in text  # no Python names
    assert nothing_stored()


def test_the_progress_total_is_the_files_data_rows(point_a):
    assert imports.estimate_rows(xlsx([["01/03/2021", None, 5] + [None] * 7] * 7)) == 7
    assert imports.estimate_rows(b"ngay,overall\n01/03/2021,5\n02/03/2021,4") == 2
    assert imports.estimate_rows(b"PK\x03\x04garbage") is None


def test_an_empty_upload_is_refused_on_the_form_and_no_job_starts(client_as, point_a):
    reply = upload(client_as("officer_a"), point_a, b"", name="x.csv")
    assert reply.status_code == 400
    assert Job.objects.count() == 0
    assert nothing_stored()


def test_a_windows_1258_csv_gets_advice_to_save_as_utf8(client_as, point_a):
    content = "ngay,overall,y_kien\n01/03/2021,5,Ph\u00f4\u0300ng ti\u00ea\u0301p\n".encode("cp1258")
    job = upload_and_run(client_as("officer_a"), point_a, content, name="x.csv")
    [error] = job.errors
    assert "CSV UTF-8" in error["message"] and "Windows-1258" in error["message"]


def test_the_same_file_twice_is_refused_naming_the_earlier_import_and_the_count_does_not_move(
    client_as, point_a
):
    content = xlsx([["01/03/2021", None, 5] + [None] * 7])
    upload_and_run(client_as("officer_a"), point_a, content)
    assert Response.objects.count() == 1
    reply = upload(client_as("district_officer"), point_a, content)
    assert reply.status_code == 400
    html = reply.content.decode()
    assert "đã được nhập" in html and "Người dùng officer_a" in html and "(1 phiếu)" in html
    assert Response.objects.count() == 1
    assert ImportBatch.objects.count() == 1
    assert Job.objects.count() == 1


def test_two_racing_uploads_of_one_file_store_it_once(world, point_a):
    content = xlsx([["01/03/2021", None, 5] + [None] * 7])
    for _attempt in range(2):
        job_enqueue(
            actor=world.user("officer_a"),
            kind="surveys.import",
            unit=world.unit_a,
            params={"point": point_a.pk},
            input_bytes=content,
            input_name="phieu.xlsx",
        )
    run_queued_jobs()
    assert sorted(Job.objects.values_list("state", flat=True)) == [JobState.DONE, JobState.FAILED]
    assert "đã được nhập" in Job.objects.get(state=JobState.FAILED).message
    assert Response.objects.count() == 1


def test_rows_identical_to_stored_forms_need_a_confirmation(client_as, point_a):
    upload_and_run(client_as("officer_a"), point_a, xlsx([["01/03/2021", "H-0001", 5] + [None] * 7]))
    again = xlsx([["01/03/2021", "H-0001", 5] + [None] * 7, ["02/03/2021", "H-0002", 4] + [None] * 7])
    reply = upload(client_as("officer_a"), point_a, again)
    job = Job.objects.get(pk=reply["Location"].split("/")[2])
    run_queued_jobs()
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.error_count == 1 and job.errors[0]["row"] == 2
    assert Response.objects.count() == 1
    page = client_as("officer_a").get(f"/jobs/{job.pk}/").content.decode()
    assert job.result["confirm_url"] in page
    # Someone else may not confirm it.
    assert client_as("officer_b").post(job.result["confirm_url"]).status_code == 404
    assert Response.objects.count() == 1
    confirmed = client_as("officer_a").post(job.result["confirm_url"])
    assert confirmed.status_code == 302
    run_queued_jobs()
    assert Job.objects.get(pk=confirmed["Location"].split("/")[2]).state == JobState.DONE
    assert Response.objects.count() == 3


def test_an_unknown_collection_point_gets_a_plain_message(client_as, point_a, point_b):
    reply = client_as("officer_a").post(
        f"/satisfaction/units/{point_a.unit.code}/import/",
        {
            "point": point_b.pk,
            "file": SimpleUploadedFile("x.xlsx", xlsx([["01/03/2021", None, 5] + [None] * 7])),
        },
    )
    assert reply.status_code == 400
    assert "Điểm thu thập ý kiến này không có" in reply.content.decode()
    assert Job.objects.count() == 0


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
    with pytest.raises(CommandError, match="already imported"):
        call_command("import_ratings", point_a.token, str(path), stdout=StringIO())
    assert Response.objects.count() == 25


def test_import_command_refuses_a_bad_file_and_stores_nothing(point_a, tmp_path):
    path = tmp_path / "phieu.csv"
    path.write_text("ngay,overall\n01/03/2021,8\n")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_ratings", point_a.token, str(path), stdout=out)
    assert "row 2, column Hài lòng chung" in out.getvalue()
    assert nothing_stored()


def test_a_point_token_never_reads_as_a_command_line_option():
    from thidua.surveys.models import new_point_token

    assert not any(new_point_token().startswith("-") for _ in range(2000))


def test_head_of_unit_may_not_import(client_as, point_a):
    reply = upload(client_as("head_a"), point_a, xlsx([["01/03/2021", None, 5] + [None] * 7]))
    assert reply.status_code == 403
    assert nothing_stored()
    assert Job.objects.count() == 0
