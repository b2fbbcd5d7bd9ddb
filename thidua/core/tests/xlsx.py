"""Reading an exported XLSX in tests the way a person reads the printed table."""

import io

from openpyxl import load_workbook

from thidua.core.exports import HEADER_ROW


def table_of(content: bytes) -> list[tuple]:
    """The header row then the data rows, without the title block above, the STT column or the totals row."""
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))
    header, body = rows[0], rows[1:]
    data = [row for row in body if isinstance(row[0], int)]  # the totals row has a label where STT stands
    return [header[1:], *(row[1:] for row in data)]


def totals_of(content: bytes) -> tuple | None:
    """The totals row (without its label), or None when the table has none."""
    sheet = load_workbook(io.BytesIO(content)).active
    last = list(sheet.iter_rows(min_row=sheet.max_row, values_only=True))[0]
    return None if isinstance(last[0], int) or sheet.max_row <= HEADER_ROW else last[1:]
