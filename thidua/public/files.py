"""A dataset as a file: CSV (UTF-8 with a byte-order mark, so Excel opens Vietnamese intact) or JSON."""

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from thidua.core.exports import csv_safe
from thidua.core.text import printable
from thidua.public.datasets import Dataset

BYTE_ORDER_MARK = "\ufeff"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
JSON_MEDIA_TYPE = "application/json"


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, int | Decimal):
        return value
    return csv_safe(printable(str(value)))


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        # Figures are percentages and amounts with at most four decimals: a float shows them exactly.
        return float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):
        return printable(value)
    return value


def dataset_csv(dataset: Dataset) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(dataset.column_names)
    for row in dataset.rows():
        writer.writerow([_csv_value(row[name]) for name in dataset.column_names])
    return (BYTE_ORDER_MARK + buffer.getvalue()).encode("utf-8")


def dataset_json(dataset: Dataset, *, metadata: dict) -> bytes:
    document = {
        **metadata,
        "columns": dataset.dictionary(),
        "data": [{name: _json_value(row[name]) for name in dataset.column_names} for row in dataset.rows()],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
