"""Table exporters: one small class per table, written out as XLSX or CSV.

CSV cells that a spreadsheet would run as a formula are neutralised; XLSX cells are always written as values.
Every text cell, headers and sheet title included, passes through ``printable()``: XML cannot hold control
characters, so one stored in any row (legacy data, an old import) would otherwise fail the whole export.
"""

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from thidua.core.text import printable

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


@dataclass(frozen=True)
class Column:
    header: Any  # a lazy translation usually
    value: Callable[[Any], Any]
    width: int = 18


class Exporter:
    """Subclasses set ``filename``, ``sheet_title`` and ``columns`` and implement ``items()``."""

    filename = "export"
    sheet_title = "Data"
    columns: list[Column] = []

    def items(self) -> Iterable[Any]:
        raise NotImplementedError

    def headers(self) -> list[str]:
        return [printable(str(column.header)) for column in self.columns]

    def rows(self) -> Iterator[list[Any]]:
        for item in self.items():
            yield [_plain(column.value(item)) for column in self.columns]

    def to_xlsx_bytes(self) -> bytes:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=printable(str(self.sheet_title))[:31])
        for index, column in enumerate(self.columns):
            sheet.column_dimensions[get_column_letter(index + 1)].width = column.width
        header_cells = []
        for header in self.headers():
            cell = WriteOnlyCell(sheet, value=header)
            cell.font = Font(bold=True)
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in self.rows():
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    # openpyxl reads a leading "=" as a formula; user text is never a formula.
                    cell.data_type = "s"
                cells.append(cell)
            sheet.append(cells)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def to_csv_text(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([csv_safe(header) for header in self.headers()])
        for row in self.rows():
            writer.writerow(
                [csv_safe(value.strftime("%d/%m/%Y") if isinstance(value, date) else value) for value in row]
            )
        return buffer.getvalue()

    def response(self, file_format: str) -> HttpResponse:
        stamp = timezone.localdate().strftime("%Y%m%d")
        if file_format == "csv":
            # A byte-order mark makes Excel open UTF-8 Vietnamese text correctly.
            response = HttpResponse("\ufeff" + self.to_csv_text(), content_type="text/csv; charset=utf-8")
            extension = "csv"
        else:
            response = HttpResponse(self.to_xlsx_bytes(), content_type=XLSX_CONTENT_TYPE)
            extension = "xlsx"
        # Printable and on one line, whatever stored text (a unit code) went into the name.
        filename = "".join(printable(str(self.filename)).split())
        response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.{extension}"'
        return response
