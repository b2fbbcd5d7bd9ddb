"""Paper forms from XLSX or CSV: read, validate every row, report errors by row and column in Vietnamese.

Nothing is written here; ``services.ratings_import`` stores the validated rows in one transaction, so a file
with a single bad row imports nothing.
"""

import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from thidua.core.exports import XLSX_CONTENT_TYPE
from thidua.core.text import fold, printable
from thidua.surveys.caches import question_specs
from thidua.surveys.models import CollectionPoint
from thidua.surveys.ratings import RatingInput, clean_rating

DATE_COLUMN = "ngay"
DOSSIER_COLUMN = "ma_ho_so"
REASONS_COLUMN = "ly_do"
COMMENT_COLUMN = "y_kien"
MAX_ERRORS_SHOWN = 200
TEMPLATE_SHEET = "Phiếu"
GUIDE_SHEET = "Hướng dẫn"
# Excel counts days from 30/12/1899 (its 1900 leap-year bug included); 36526 is 01/01/2000.
EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_SERIAL_RANGE = (20000, 80000)
PROGRESS_EVERY = 1000

# The template's column headers: Vietnamese with diacritics. The importer also accepts the codes of the earlier
# template (ngay, ma_ho_so, overall, …, ly_do, y_kien) and headers typed without diacritics.
FIXED_HEADERS = {
    DATE_COLUMN: "Ngày",
    DOSSIER_COLUMN: "Mã hồ sơ",
    REASONS_COLUMN: "Lý do",
    COMMENT_COLUMN: "Ý kiến",
}
OVERALL_HEADER = "Hài lòng chung"


@dataclass
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    message: str


@dataclass
class ParsedFile:
    rows: list[tuple[date, RatingInput]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    sha256: str = ""
    row_numbers: list[int] = field(default_factory=list)  # spreadsheet row of each entry in ``rows``

    def add_error(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_SHOWN:
            self.errors.append(RowError(row, column, message))


def question_header(spec) -> str:
    if spec.is_overall:
        return OVERALL_HEADER
    if spec.code == spec.element:  # the desk rating asks one question per element
        return spec.text.split(" (", 1)[0]
    return f"Câu {spec.code.upper()}"


def template_columns(point: CollectionPoint) -> list[tuple[str, str]]:
    """(code, header) of each column of the template, in order."""
    specs = question_specs(point.questionnaire)
    return [
        (DATE_COLUMN, FIXED_HEADERS[DATE_COLUMN]),
        (DOSSIER_COLUMN, FIXED_HEADERS[DOSSIER_COLUMN]),
        *[(spec.code, question_header(spec)) for spec in specs],
        (REASONS_COLUMN, FIXED_HEADERS[REASONS_COLUMN]),
        (COMMENT_COLUMN, FIXED_HEADERS[COMMENT_COLUMN]),
    ]


def _header_key(text: str) -> str:
    return fold(text).replace("_", " ")


def column_lookup(point: CollectionPoint) -> dict[str, str]:
    """Folded header text → column code, for the Vietnamese headers and the earlier template's codes."""
    lookup = {}
    for code, header in template_columns(point):
        lookup[_header_key(header)] = code
        lookup[_header_key(code)] = code
    return lookup


def template_xlsx(point: CollectionPoint) -> bytes:
    """A workbook with the header row and a sheet explaining each column in Vietnamese."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = TEMPLATE_SHEET
    columns = template_columns(point)
    sheet.append([header for _code, header in columns])
    for position, (code, header) in enumerate(columns, start=1):
        width = (
            14
            if code == DATE_COLUMN
            else 24
            if code in {DOSSIER_COLUMN, REASONS_COLUMN, COMMENT_COLUMN}
            else 12
        )
        sheet.column_dimensions[get_column_letter(position)].width = max(width, len(header) + 2)
        sheet.cell(row=1, column=position).font = Font(bold=True)
    sheet.freeze_panes = "A2"
    # Dates typed into the date column stay dates; Excel shows them as dd/mm/yyyy.
    for row in range(2, 1002):
        sheet.cell(row=row, column=1).number_format = "DD/MM/YYYY"
    guide = workbook.create_sheet(GUIDE_SHEET)
    guide.append(["Cột", "Nội dung"])
    guide["A1"].font = guide["B1"].font = Font(bold=True)
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["B"].width = 100
    guide.append(
        [FIXED_HEADERS[DATE_COLUMN], "Ngày ghi trên phiếu (dd/mm/yyyy, hoặc ô kiểu ngày của Excel), bắt buộc"]
    )
    guide.append([FIXED_HEADERS[DOSSIER_COLUMN], "Mã hồ sơ (không bắt buộc)"])
    for spec in question_specs(point.questionnaire):
        required = "bắt buộc" if spec.required else "không bắt buộc"
        guide.append(
            [
                question_header(spec),
                f"{printable(spec.text)} — mức 1 (rất không hài lòng) đến 5 (rất hài lòng), {required}",
            ]
        )
    guide.append(
        [
            FIXED_HEADERS[REASONS_COLUMN],
            "Lý do khi điểm thấp, cách nhau bởi dấu chấm phẩy: "
            + "; ".join(printable(reason) for reason in point.questionnaire.reasons),
        ]
    )
    guide.append([FIXED_HEADERS[COMMENT_COLUMN], "Ý kiến, mong muốn (không bắt buộc)"])
    guide.append([])
    guide.append(
        ["", "Mỗi dòng là một phiếu. Ô có công thức phải có giá trị (dán giá trị, không dán công thức)."]
    )
    guide.append(["", "Cũng có thể lưu thành CSV UTF-8 (Excel: Lưu thành → CSV UTF-8)."])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class UnreadableFile(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _unreadable_message() -> str:
    return _(
        "The file cannot be read. Save it as XLSX (Excel workbook) or as CSV UTF-8 "
        "(in Excel: Save as → CSV UTF-8) and upload it again."
    )


def _encoding_message() -> str:
    return _(
        "The CSV file is not in UTF-8 (it may be Windows-1258 or TCVN3). In Excel choose Save as → "
        "CSV UTF-8, or save it as XLSX, and upload it again."
    )


def _sheet_has_formulas(content: bytes) -> bool:
    """Does the first sheet hold any formula? Read from the raw XML, so a workbook without one (nearly all)
    is read once."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = sorted(name for name in archive.namelist() if name.startswith("xl/worksheets/sheet"))
            if not names:
                return False
            with archive.open(names[0]) as sheet_xml:
                tail = b""
                while chunk := sheet_xml.read(1 << 20):
                    if b"<f>" in tail + chunk or b"<f " in tail + chunk:
                        return True
                    tail = chunk[-3:]
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    return False


def _formula_cells(content: bytes) -> dict[int, list[int]]:
    """Row → columns (0-based) of every formula cell on the first sheet (only read when there is one)."""
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        found: dict[int, list[int]] = {}
        for row_number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            for column_number, value in enumerate(row):
                if isinstance(value, str) and value.startswith("="):
                    found.setdefault(row_number, []).append(column_number)
        return found
    finally:
        workbook.close()


def _rows_from_xlsx(content: bytes):
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        # Without this openpyxl first reads the whole sheet to size it when the file has no <dimension>.
        sheet.reset_dimensions()
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _rows_from_csv(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(_encoding_message()) from None
    if "\x00" in text:
        raise UnreadableFile(_unreadable_message())
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def estimate_rows(content: bytes) -> int | None:
    """Data rows in the file, for the progress bar: the first sheet's <row> elements for XLSX (read from the raw
    XML, since files written by scripts often carry no <dimension>), line count for CSV."""
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = sorted(name for name in archive.namelist() if name.startswith("xl/worksheets/sheet"))
                if not names:
                    return None
                rows, tail = 0, b""
                with archive.open(names[0]) as sheet_xml:
                    while chunk := sheet_xml.read(1 << 20):
                        rows += (tail + chunk).count(b"<row ") - tail.count(b"<row ")
                        tail = chunk[-4:]
        except (zipfile.BadZipFile, KeyError, OSError):
            return None  # an unreadable file is reported by parse_file
        return max(0, rows - 1)
    return max(0, content.count(b"\n") - 1 + (0 if content.endswith(b"\n") else 1))


class DateProblem(ValueError):
    """The cell holds a date in the right form that the calendar does not have (31/02/2021)."""


def _parse_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if EXCEL_SERIAL_RANGE[0] <= value < EXCEL_SERIAL_RANGE[1] and float(value).is_integer():
            return EXCEL_EPOCH + timedelta(days=int(value))
        return None
    if isinstance(value, str):
        value = value.strip()
        if value.isdigit() and len(value) == 5:  # a serial number that reached a CSV as text
            return _parse_date(int(value))
        for separator in "/-.":
            parts = value.split(separator)
            if len(parts) == 3 and all(part.isdigit() for part in parts):
                if len(parts[2]) == 4 and len(parts[0]) <= 2 and len(parts[1]) <= 2:
                    day, month, year = int(parts[0]), int(parts[1]), int(parts[2])
                elif len(parts[0]) == 4 and len(parts[1]) <= 2 and len(parts[2]) <= 2:
                    year, month, day = int(parts[0]), int(parts[1]), int(parts[2])
                else:
                    return None
                try:
                    return date(year, month, day)
                except ValueError:
                    raise DateProblem(value) from None
    return None


def parse_file(content: bytes, point: CollectionPoint, progress=None) -> ParsedFile:
    """Read every row and validate it. The result holds either clean rows or the errors, never both used.

    ``progress(rows_read)`` is called every PROGRESS_EVERY rows.
    """
    parsed = ParsedFile(sha256=hashlib.sha256(content).hexdigest())
    max_rows = settings.SURVEY_IMPORT_MAX_ROWS
    specs = question_specs(point.questionnaire)
    allowed_reasons = point.questionnaire.reasons
    is_xlsx = content.startswith(b"PK\x03\x04")
    formulas: dict[int, list[int]] = {}
    try:
        if is_xlsx and _sheet_has_formulas(content):
            formulas = _formula_cells(content)
        rows = _rows_from_xlsx(content) if is_xlsx else _rows_from_csv(content)
        header = next(rows, None)
    except UnreadableFile as error:
        parsed.add_error(1, "", error.message)
        return parsed
    except Exception:  # openpyxl and zipfile raise many kinds on a damaged workbook; all mean "unreadable"
        parsed.add_error(1, "", _unreadable_message())
        return parsed
    if not header:
        parsed.add_error(1, "", _("The file is empty: the first row must hold the column names."))
        return parsed
    lookup = column_lookup(point)
    headers = dict(template_columns(point))
    columns = []
    for cell in header:
        text = str(cell).strip() if cell is not None else ""
        code = lookup.get(_header_key(text)) if text else ""
        if text and code is None:
            parsed.add_error(1, text, _("Unknown column; download the template for this desk."))
        columns.append(code or "")
    if DATE_COLUMN not in columns:
        parsed.add_error(1, headers[DATE_COLUMN], _("The date column is missing."))
    for spec in specs:
        if spec.required and spec.code not in columns:
            parsed.add_error(1, headers[spec.code], _("This required question has no column."))
    if len(set(filter(None, columns))) != len([name for name in columns if name]):
        parsed.add_error(1, "", _("A column name appears twice."))
    if parsed.error_count:
        return parsed
    index = {name: position for position, name in enumerate(columns) if name}
    today = timezone.localdate()
    earliest = date(2000, 1, 1)
    row_number = 1
    try:
        for raw in rows:
            row_number += 1
            if progress is not None and row_number % PROGRESS_EVERY == 0:
                progress(row_number - 1)
            if raw is None or all(
                cell is None or (isinstance(cell, str) and not cell.strip()) for cell in raw
            ):
                continue
            if len(parsed.rows) + parsed.error_count >= max_rows:
                parsed.add_error(
                    row_number, "", _("Too many rows: at most %(max)s per file.") % {"max": max_rows}
                )
                break
            formula_problem = False
            for formula_column in formulas.get(row_number, ()):
                value = raw[formula_column] if formula_column < len(raw) else None
                if value is None or value == "":
                    formula_problem = True
                    parsed.add_error(
                        row_number,
                        headers.get(columns[formula_column], "") if formula_column < len(columns) else "",
                        _(
                            "This cell holds a formula with no computed value. Copy the column and paste "
                            "it as values, then upload again."
                        ),
                    )

            def cell(name, raw=raw):
                position = index.get(name)
                return raw[position] if position is not None and position < len(raw) else None

            day = None
            try:
                day = _parse_date(cell(DATE_COLUMN))
            except DateProblem as problem:
                parsed.add_error(
                    row_number,
                    headers[DATE_COLUMN],
                    _("The date %(value)s does not exist in the calendar.") % {"value": str(problem)},
                )
            else:
                if day is None:
                    parsed.add_error(row_number, headers[DATE_COLUMN], _("Write the date as dd/mm/yyyy."))
                elif not earliest <= day <= today:
                    parsed.add_error(
                        row_number, headers[DATE_COLUMN], _("The date must be between 01/01/2000 and today.")
                    )
            answers = {spec.code: cell(spec.code) for spec in specs}
            rating, errors = clean_rating(
                questions=specs,
                answers=answers,
                dossier_code=cell(DOSSIER_COLUMN),
                reasons=str(cell(REASONS_COLUMN) or ""),
                comment=cell(COMMENT_COLUMN),
                allowed_reasons=allowed_reasons,
            )
            column_names = {
                "dossier_code": headers[DOSSIER_COLUMN],
                "reasons": headers[REASONS_COLUMN],
                "comment": headers[COMMENT_COLUMN],
            }
            for field_name, message in errors.items():
                parsed.add_error(
                    row_number, column_names.get(field_name, headers.get(field_name, field_name)), message
                )
            if not errors and day is not None and not formula_problem and not parsed.error_count:
                parsed.rows.append((day, rating))
                parsed.row_numbers.append(row_number)
    except Exception:  # a damaged sheet part discovered while streaming
        parsed.add_error(row_number, "", _unreadable_message())
    if progress is not None:
        progress(row_number - 1)
    if parsed.error_count:
        parsed.rows = []
        parsed.row_numbers = []
    elif not parsed.rows:
        parsed.add_error(2, "", _("The file has no rows to import."))
    return parsed


TEMPLATE_CONTENT_TYPE = XLSX_CONTENT_TYPE
