"""Table exporters: one small class per table, written out as XLSX or CSV.

An XLSX is what an office prints and files as an annex (phụ lục): a title block (what the table is, the unit or
scope, the period or filters, when and by whom it was exported), an STT column, a frozen header row repeated on
every printed page, widths and number formats, totals where a column declares they mean something, and A4 print
setup (landscape when the table is wide, fit to the page width, page numbers). A CSV stays plain: the header and
the rows, for people who process the data further.

CSV cells that a spreadsheet would run as a formula are neutralised; XLSX cells are always written as values.
Every text cell, headers and title block included, passes through ``printable()``: XML cannot hold control
characters, so one stored in any row (legacy data, an old import) would otherwise fail the whole export.

A table longer than ``EXPORT_INLINE_MAX_ROWS`` is not written inside the web request: ``response()`` hands it to
the deferral a higher layer registered (the jobs app's export job), which answers with a redirect to the job.
"""

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from thidua.core.text import printable

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Number formats. Excel and LibreOffice show "," and "." in a format code with the reader's own separators, so a
# Vietnamese installation shows 1.234 and 84,67 while the cell holds the number.
INTEGER = "#,##0"
DECIMAL = "#,##0.00"
# Values already in percent (84.67 for 84,67 %): the sign is literal, the cell keeps the figure the page shows.
PERCENT = '0.00"%"'
DATE = "dd/mm/yyyy"
DATETIME = "dd/mm/yyyy hh:mm"

# Rows of the title block; the header row follows an empty row.
TITLE_ROWS = 4
HEADER_ROW = TITLE_ROWS + 2
# Wider than this (in character widths, STT included) a table prints in landscape.
PORTRAIT_MAX_WIDTH = 100
# Neither Excel nor LibreOffice grows a row for wrapped text in a file they did not lay out themselves, so a row
# whose text needs several lines gets its height here: points per line, and at most this many lines.
LINE_HEIGHT = 15
MAX_LINES = 12
# A column width counts widths of the digit "0"; ordinary Vietnamese text fits about 1.1 letters in each
# (measured on the district table rendered by LibreOffice).
CHARACTERS_PER_WIDTH = 1.1

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def csv_safe(value: Any) -> Any:
    """Prefix text that a spreadsheet would evaluate with an apostrophe (OWASP CSV injection advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, int | float | Decimal | date):
        # Numbers stay numbers (openpyxl writes Decimal as a number), so a sheet can sum them.
        return value
    return printable(str(value))


def _lines(text: str, width: float, per_width: float = CHARACTERS_PER_WIDTH) -> int:
    """Lines a wrapped text takes in a column of ``width`` character widths (an estimate, erring on more)."""
    per_line = max(1, int(width * per_width))
    return sum(-(-len(part) // per_line) or 1 for part in text.split("\n"))


def _set_height(sheet: Any, row_number: int, lines: int) -> None:
    if lines > 1:
        sheet.row_dimensions[row_number].height = LINE_HEIGHT * min(lines, MAX_LINES)


def _default_format(value: Any) -> str | None:
    if isinstance(value, datetime):
        return DATETIME
    if isinstance(value, date):
        return DATE
    if isinstance(value, float | Decimal):
        return DECIMAL
    return None  # whole numbers without a declared format are codes or years: no thousands separator


@dataclass(frozen=True)
class Column:
    header: Any  # a lazy translation usually
    value: Callable[[Any], Any]
    width: int = 18
    # An XLSX number format (INTEGER, DECIMAL, PERCENT, …); without one, dates, datetimes and decimals get theirs.
    number_format: str | None = None
    # Sum the column in a totals row: counts and amounts, never percentages or indices.
    total: bool = False


def _display(value: Any) -> str:
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if timezone.is_aware(value) else str(value)
        )
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    return str(value)


def describe_filters(form: Any, *, skip: Iterable[str] = ()) -> str:
    """The filters a bound, valid form applied, as "label: value; …" (empty when none was set)."""
    if form is None or not form.is_bound or not form.is_valid():
        return ""
    parts = []
    skipped = set(skip)
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if name in skipped or value in (None, "", [], ()):
            continue
        choices = dict(getattr(field, "choices", None) or ()) if not hasattr(field, "queryset") else {}
        shown = choices.get(value, value) if choices else value
        parts.append(f"{field.label or name}: {_display(shown)}")
    return "; ".join(parts)


def exported_by_label(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return printable((user.get_full_name() or user.username).strip())


_deferral: Callable[[HttpRequest, "Exporter", str, int], HttpResponse] | None = None


def register_export_deferral(deferral: Callable[[HttpRequest, "Exporter", str, int], HttpResponse]) -> None:
    """The jobs app registers how a table too long for a web request is exported instead (core knows no jobs)."""
    global _deferral
    _deferral = deferral


def inline_max_rows() -> int:
    return int(getattr(settings, "EXPORT_INLINE_MAX_ROWS", 5000))


class Exporter:
    """Subclasses set ``filename``, ``sheet_title``, ``title`` and ``columns``, implement ``items()`` and
    ``describe_scope()``, and say the period or filters in ``describe_period()``."""

    filename = "export"
    sheet_title: Any = "Data"
    # What the table is, printed at its head (a lazy translation).
    title: Any = ""
    columns: list[Column] = []
    # None: landscape when the columns are wider than a portrait A4 page.
    landscape: bool | None = None
    # Who exports it (set by response() from the request); shown in the title block.
    exported_by: Any = None
    # Called with the number of rows written so far, every few thousand rows (an export job's progress).
    on_progress: Callable[[int], None] | None = None

    def items(self) -> Iterable[Any]:
        raise NotImplementedError

    def describe_scope(self) -> str:
        """The unit or units the table covers."""
        return ""

    def describe_period(self) -> str:
        """The period and the filters that chose the rows."""
        return ""

    def count(self) -> int | None:
        """How many rows the table has, when that is cheap to know (None otherwise: it is then written inline)."""
        items = self.items()
        if isinstance(items, QuerySet):
            return items.count()
        if hasattr(items, "__len__"):
            return len(items)
        return None

    def headers(self) -> list[str]:
        return [printable(str(column.header)) for column in self.columns]

    def rows(self) -> Iterator[list[Any]]:
        for item in self.items():
            yield [_plain(column.value(item)) for column in self.columns]

    def title_block(self) -> list[str]:
        """The lines above the table: what, which unit, which period, when and by whom."""
        scope = self.describe_scope()
        period = self.describe_period()
        stamp = timezone.localtime().strftime("%d/%m/%Y %H:%M")
        by = exported_by_label(self.exported_by)
        exported = (
            gettext("Exported: %(when)s by %(who)s") % {"when": stamp, "who": by}
            if by
            else gettext("Exported: %(when)s") % {"when": stamp}
        )
        return [
            printable(str(self.title or self.sheet_title)).upper(),
            printable(gettext("Unit: %(scope)s") % {"scope": scope}) if scope else "",
            printable(period) if period else gettext("All records (no filter)"),
            exported,
        ]

    def is_landscape(self) -> bool:
        if self.landscape is not None:
            return self.landscape
        return 6 + sum(column.width for column in self.columns) > PORTRAIT_MAX_WIDTH

    def to_xlsx_bytes(self) -> bytes:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=printable(str(self.sheet_title))[:31])
        last_column = get_column_letter(len(self.columns) + 1)
        self._set_up_page(sheet)

        # The title block, each line merged across the table's width.
        sizes = (14, 11, 11, 10)
        for row_number, (line, size) in enumerate(zip(self.title_block(), sizes, strict=True), start=1):
            cell = WriteOnlyCell(sheet, value=line)
            cell.data_type = "s"
            cell.font = Font(bold=row_number == 1, italic=row_number == TITLE_ROWS, size=size)
            cell.alignment = _CENTER
            sheet.append([cell])
            sheet.merged_cells.add(f"A{row_number}:{last_column}{row_number}")
        sheet.append([])

        header_cells = []
        headers = [gettext("No."), *self.headers()]
        widths = [6, *(column.width for column in self.columns)]
        _set_height(
            sheet,
            HEADER_ROW,
            # Bold headers are wider than body text, and break at words rather than letters.
            max(_lines(header, width, 0.8) for header, width in zip(headers, widths, strict=True)),
        )
        for header in headers:
            cell = WriteOnlyCell(sheet, value=header)
            cell.data_type = "s"
            cell.font = Font(bold=True)
            cell.fill = _HEADER_FILL
            cell.border = _BORDER
            cell.alignment = _CENTER
            header_cells.append(cell)
        sheet.append(header_cells)

        formats = [column.number_format for column in self.columns]
        totals: dict[int, Any] = {index: 0 for index, column in enumerate(self.columns) if column.total}
        styles: dict[tuple, Any] = {}
        number = 0
        for number, row in enumerate(self.rows(), start=1):
            cells = [_cell(sheet, number, None, styles)]
            lines = 1
            for index, value in enumerate(row):
                cells.append(_cell(sheet, value, formats[index], styles))
                if isinstance(value, str):
                    if len(value) > widths[index + 1] * CHARACTERS_PER_WIDTH or "\n" in value:
                        lines = max(lines, _lines(value, widths[index + 1]))
                elif index in totals and isinstance(value, int | float | Decimal):
                    totals[index] += value  # booleans never get here: they are written as "x"
            row_number = HEADER_ROW + number
            _set_height(sheet, row_number, lines)
            sheet.append(cells)
            # The row is written; its dimension is not needed again (a long table would keep them all).
            sheet.row_dimensions.pop(row_number, None)
            if self.on_progress is not None and number % 2000 == 0:
                self.on_progress(number)
        if totals:
            self._append_totals(sheet, totals, formats)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def _set_up_page(self, sheet: Any) -> None:
        """Widths, frozen header and print setup: written before the first row in a streamed sheet."""
        sheet.column_dimensions["A"].width = 6
        for index, column in enumerate(self.columns):
            sheet.column_dimensions[get_column_letter(index + 2)].width = column.width
        sheet.freeze_panes = f"A{HEADER_ROW + 1}"
        sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape" if self.is_landscape() else "portrait"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0  # as many pages tall as the rows need
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.horizontalCentered = True
        sheet.page_margins.left = sheet.page_margins.right = 0.5
        sheet.page_margins.top = sheet.page_margins.bottom = 0.6
        sheet.page_margins.header = sheet.page_margins.footer = 0.3
        sheet.oddFooter.left.text = printable(str(self.title or self.sheet_title))[:120].replace("&", "&&")
        sheet.oddFooter.left.size = 8
        sheet.oddFooter.right.text = gettext("Page &P of &N")
        sheet.oddFooter.right.size = 8

    def _append_totals(self, sheet: Any, totals: dict[int, Any], formats: list[str | None]) -> None:
        label = WriteOnlyCell(sheet, value=gettext("Total"))
        label.font = Font(bold=True)
        label.border = _BORDER
        cells = [label]
        for index in range(len(self.columns)):
            cell = WriteOnlyCell(sheet, value=totals.get(index))
            cell.border = _BORDER
            if index in totals:
                cell.font = Font(bold=True)
                cell.number_format = formats[index] or INTEGER
            cells.append(cell)
        sheet.append(cells)

    def to_csv_text(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([csv_safe(header) for header in self.headers()])
        for row in self.rows():
            writer.writerow(
                [csv_safe(value.strftime("%d/%m/%Y") if isinstance(value, date) else value) for value in row]
            )
        return buffer.getvalue()

    def file_name(self, file_format: str) -> str:
        stamp = timezone.localdate().strftime("%Y%m%d")
        # Printable and on one line, whatever stored text (a unit code) went into the name.
        filename = "".join(printable(str(self.filename)).split())
        return f"{filename}-{stamp}.{'csv' if file_format == 'csv' else 'xlsx'}"

    def content(self, file_format: str) -> bytes:
        if file_format == "csv":
            # A byte-order mark makes Excel open UTF-8 Vietnamese text correctly.
            return ("\ufeff" + self.to_csv_text()).encode("utf-8")
        return self.to_xlsx_bytes()

    def response(self, file_format: str, request: HttpRequest | None = None) -> HttpResponse:
        """The file as a download; a table longer than EXPORT_INLINE_MAX_ROWS becomes a job (a redirect to it).

        With the request, the title block names who exported the table.
        """
        if request is not None:
            self.exported_by = request.user
            self.on_progress = getattr(request, "export_progress", None)
            if _deferral is not None and not getattr(request, "export_in_job", False):
                rows = self.count()
                if rows is not None and rows > inline_max_rows():
                    return _deferral(request, self, file_format, rows)
        if file_format == "csv":
            response = HttpResponse(self.content("csv"), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(self.content("xlsx"), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.file_name(file_format)}"'
        return response


def _cell(sheet: Any, value: Any, number_format: str | None, styles: dict[tuple, Any]) -> WriteOnlyCell:
    """A data cell. Its style (border, alignment, number format) is built once per kind of cell and then shared:
    assigning styles one by one costs more than writing the cell itself in a table of 100,000 rows."""
    cell = WriteOnlyCell(sheet, value=value)
    is_text = isinstance(value, str)
    if is_text:
        # openpyxl reads a leading "=" as a formula; user text is never a formula.
        cell.data_type = "s"
    key = ("s",) if is_text else ("n", number_format or _default_format(value))
    style = styles.get(key)
    if style is None:
        if is_text:
            cell.alignment = _WRAP
        else:
            if key[1]:
                cell.number_format = key[1]
            cell.alignment = _TOP
        cell.border = _BORDER
        styles[key] = style = cell._style
    cell._style = style
    return cell
