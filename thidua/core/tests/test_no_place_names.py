"""The product serves any authority: no place of the demo is named in product code (issue 13, item 4).

Demo data, tests and migrations may name them; code, templates and scripts may not, in either spelling (with or
without tone marks)."""

from pathlib import Path

from thidua.core.text import fold

ROOT = Path(__file__).resolve().parents[3]
SEARCHED = ("thidua", "config", "templates")
SUFFIXES = {".py", ".html", ".js", ".css", ".txt"}
PLACES = ("long phu", "soc trang", "can tho")


def product_files():
    for top in SEARCHED:
        for path in (ROOT / top).rglob("*"):
            if not path.is_file() or path.suffix not in SUFFIXES:
                continue
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts or "demo" in path.stem or "vendor" in parts:
                continue
            yield path


def test_the_walk_reads_the_product_code():
    names = {path.relative_to(ROOT).as_posix() for path in product_files()}
    assert {"thidua/organizations/models.py", "templates/base.html"} <= names
    assert not any("/tests/" in name or "demo" in name for name in names)


def test_no_product_file_names_the_demo_places():
    found = []
    for path in product_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            folded = fold(line)
            found.extend(f"{path.relative_to(ROOT)}:{number}: {place}" for place in PLACES if place in folded)
    assert found == []
