"""Import 100,000 paper-form rows from one XLSX file through ``manage.py import_ratings`` (the same parse,
validation and all-or-nothing store as the page). Goal (product.md): < 60 s.

    .venv/bin/python bench/import_xlsx.py [--rows 100000] [--db sqlite postgres]
"""

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent))

from surveys_common import manage, prepare, scratch_env  # noqa: E402

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


def make_file(rows: int, path: Path) -> None:
    rng = random.Random(4)  # noqa: S311
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Phieu")
    sheet.append(HEADER)
    first = date(2022, 1, 1)
    for number in range(rows):
        overall = rng.choice([5, 5, 5, 4, 4, 3, 2])
        sheet.append(
            [
                (first + timedelta(days=number % 365)).strftime("%d/%m/%Y"),
                f"H48.25.10-220101-{number:06d}",
                overall,
                rng.randint(3, 5),
                rng.randint(3, 5),
                rng.randint(2, 5),
                None,
                None,
                "Phải đi lại nhiều lần" if overall <= 3 else None,
                "Phiếu giấy (bench)" if number % 50 == 0 else None,
            ]
        )
    workbook.save(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="bench-import-")) / "phieu.xlsx"
    began = time.perf_counter()
    make_file(args.rows, path)
    print(
        f"wrote {args.rows:,} rows to {path.name} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - began:.1f} s"
    )
    for kind in args.db:
        env = scratch_env(kind, "import")
        setup = prepare(env)
        began = time.perf_counter()
        output = manage(env, "import_ratings", setup["points"][0], str(path))
        seconds = time.perf_counter() - began
        verify = manage(env, "survey_aggregates").strip().splitlines()[-1]
        print(
            f"{kind}: imported in {seconds:.1f} s (goal < 60 s) — {output.strip().splitlines()[-1]} — {verify}"
        )


if __name__ == "__main__":
    main()
