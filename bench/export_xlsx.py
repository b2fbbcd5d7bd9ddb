"""An XLSX export of 100,000 rows through the shared exporter, timed: what a big table costs the job that
writes it (exports above EXPORT_INLINE_MAX_ROWS run as jobs). No database: the rows are made in memory.

    .venv/bin/python bench/export_xlsx.py [--rows 100000] [--repeat 3]
"""

import argparse
import os
import sys
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from thidua.core import exports  # noqa: E402
from thidua.core.exports import Column, Exporter  # noqa: E402

EXTRA = {}
if hasattr(exports, "INTEGER"):
    EXTRA = {
        "count": {"number_format": exports.INTEGER, "total": True},
        "percent": {"number_format": exports.PERCENT},
    }


class BenchExporter(Exporter):
    filename = "bench"
    sheet_title = "Bench"
    title = "Bench"
    columns = [
        Column("Code", lambda row: f"xa-{row % 300}", 16),
        Column("Unit", lambda row: f"UBND xã Đại Ngãi số {row % 300}", 40),
        Column("Date", lambda row: date(2021, 1 + row % 12, 1 + row % 28), 12),
        Column("Responses", lambda row: row % 97, 10, **EXTRA.get("count", {})),
        Column("Index (%)", lambda row: Decimal(row % 10000) / 100, 10, **EXTRA.get("percent", {})),
        Column("Status", lambda row: "Đã duyệt" if row % 2 else "Chờ duyệt", 14),
        Column("Note", lambda row: "Giảm thời gian chờ của người dân tại bộ phận một cửa", 40),
        Column("At", lambda row: datetime(2021, 5, 1, 8, row % 60), 18),
    ]

    def __init__(self, count):
        self.count_ = count

    def items(self):
        return range(self.count_)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    times, cpu_times = [], []
    for _ in range(arguments.repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        content = BenchExporter(arguments.rows).to_xlsx_bytes()
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
    # CPU time too: the machine is shared, so the wall clock also measures the neighbours.
    print(
        f"{arguments.rows} rows × {len(BenchExporter.columns)} columns: wall best {min(times):.2f} s, "
        f"CPU best {min(cpu_times):.2f} s, median {sorted(cpu_times)[len(cpu_times) // 2]:.2f} s, "
        f"{len(content) / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
