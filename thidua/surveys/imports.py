"""Paper forms from XLSX or CSV: read, validate every row, report errors by row and column in Vietnamese.

Nothing is written here; ``services.ratings_import`` stores the validated rows in one transaction, so a file
with a single bad row imports nothing.
"""

import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from thidua.core.exports import XLSX_CONTENT_TYPE
from thidua.core.text import printable
from thidua.surveys.caches import question_specs
from thidua.surveys.models import CollectionPoint
from thidua.surveys.ratings import RatingInput, clean_rating

DATE_COLUMN = "ngay"
DOSSIER_COLUMN = "ma_ho_so"
REASONS_COLUMN = "ly_do"
COMMENT_COLUMN = "y_kien"
MAX_ERRORS_SHOWN = 200


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

    def add_error(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_SHOWN:
            self.errors.append(RowError(row, column, message))


def template_columns(point: CollectionPoint) -> list[str]:
    codes = [spec.code for spec in question_specs(point.questionnaire)]
    return [DATE_COLUMN, DOSSIER_COLUMN, *codes, REASONS_COLUMN, COMMENT_COLUMN]


def template_xlsx(point: CollectionPoint) -> bytes:
    """A workbook with the header row and a sheet explaining each column in Vietnamese."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phieu"
    sheet.append(template_columns(point))
    guide = workbook.create_sheet("Huong dan")
    guide.append(["Cột", "Nội dung"])
    guide.append([DATE_COLUMN, "Ngày ghi trên phiếu (dd/mm/yyyy), bắt buộc"])
    guide.append([DOSSIER_COLUMN, "Mã hồ sơ (không bắt buộc)"])
    for spec in question_specs(point.questionnaire):
        required = "bắt buộc" if spec.required else "không bắt buộc"
        guide.append(
            [
                spec.code,
                f"{printable(spec.text)} — mức 1 (rất không hài lòng) đến 5 (rất hài lòng), {required}",
            ]
        )
    guide.append(
        [
            REASONS_COLUMN,
            "Lý do khi điểm thấp, cách nhau bởi dấu chấm phẩy: "
            + "; ".join(printable(reason) for reason in point.questionnaire.reasons),
        ]
    )
    guide.append([COMMENT_COLUMN, "Ý kiến, mong muốn (không bắt buộc)"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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
    text = content.decode("utf-8-sig")
    if "\x00" in text:
        raise ValueError("nul")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _parse_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        value = value.strip()
        parts = value.split("/")
        if len(parts) == 3 and all(part.isdigit() for part in parts) and len(parts[2]) == 4:
            try:
                return date(int(parts[2]), int(parts[1]), int(parts[0]))
            except ValueError:
                return None
        for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
            try:
                return datetime.strptime(value, pattern).date()  # noqa: DTZ007 (a calendar date, no time)
            except ValueError:
                continue
    return None


def parse_file(content: bytes, point: CollectionPoint, progress=None) -> ParsedFile:
    """Read every row and validate it. The result holds either clean rows or the errors, never both used."""
    parsed = ParsedFile(sha256=hashlib.sha256(content).hexdigest())
    max_rows = settings.SURVEY_IMPORT_MAX_ROWS
    specs = question_specs(point.questionnaire)
    allowed_reasons = point.questionnaire.reasons
    is_xlsx = content.startswith(b"PK\x03\x04")
    try:
        rows = _rows_from_xlsx(content) if is_xlsx else _rows_from_csv(content)
        header = next(rows, None)
    except (
        zipfile.BadZipFile,
        UnicodeDecodeError,
        ValueError,
        KeyError,
        OSError,
        TypeError,
        csv.Error,
    ) as error:
        parsed.add_error(
            1,
            "",
            _("The file cannot be read as XLSX or UTF-8 CSV (%(error)s).") % {"error": type(error).__name__},
        )
        return parsed
    except Exception:  # openpyxl raises many kinds on a damaged workbook; all mean "unreadable"
        parsed.add_error(1, "", _("The file cannot be read as XLSX or UTF-8 CSV."))
        return parsed
    if not header:
        parsed.add_error(1, "", _("The file is empty: the first row must hold the column names."))
        return parsed
    columns = [str(cell).strip().lower() if cell is not None else "" for cell in header]
    expected = template_columns(point)
    unknown = [name for name in columns if name and name not in expected]
    for name in unknown:
        parsed.add_error(1, name, _("Unknown column; download the template for this desk."))
    if DATE_COLUMN not in columns:
        parsed.add_error(1, DATE_COLUMN, _("The date column is missing."))
    for spec in specs:
        if spec.required and spec.code not in columns:
            parsed.add_error(1, spec.code, _("This required question has no column."))
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
            if raw is None or all(
                cell is None or (isinstance(cell, str) and not cell.strip()) for cell in raw
            ):
                continue
            if len(parsed.rows) + parsed.error_count >= max_rows:
                parsed.add_error(
                    row_number, "", _("Too many rows: at most %(max)s per file.") % {"max": max_rows}
                )
                break

            def cell(name, raw=raw):
                position = index.get(name)
                return raw[position] if position is not None and position < len(raw) else None

            day = _parse_date(cell(DATE_COLUMN))
            if day is None:
                parsed.add_error(row_number, DATE_COLUMN, _("Write the date as dd/mm/yyyy."))
            elif not earliest <= day <= today:
                parsed.add_error(row_number, DATE_COLUMN, _("The date must be between 01/01/2000 and today."))
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
                "dossier_code": DOSSIER_COLUMN,
                "reasons": REASONS_COLUMN,
                "comment": COMMENT_COLUMN,
            }
            for field_name, message in errors.items():
                parsed.add_error(row_number, column_names.get(field_name, field_name), message)
            if not errors and day is not None and not parsed.error_count:
                parsed.rows.append((day, rating))
            if progress is not None and row_number % 10000 == 0:
                progress(row_number)
    except Exception:  # a damaged sheet part discovered while streaming
        parsed.add_error(row_number, "", _("The file cannot be read as XLSX or UTF-8 CSV."))
    if parsed.error_count:
        parsed.rows = []
    elif not parsed.rows:
        parsed.add_error(2, "", _("The file has no rows to import."))
    return parsed


TEMPLATE_CONTENT_TYPE = XLSX_CONTENT_TYPE
