"""Reading a rendered document back: PDF conversion and the Decree 30 layout checks every document test shares."""

import os
import re
import shutil
import subprocess

import pytest

from thidua.core.documents import NATIONAL_MOTTO, NATIONAL_NAME
from thidua.core.pdf import docx_to_pdf, pdf_available

TOOLS_PRESENT = pdf_available() and shutil.which("pdftotext") is not None

# CI installs LibreOffice and poppler, so there a missing tool is a failure, not a skip.
needs_pdf_tools = pytest.mark.skipif(
    not TOOLS_PRESENT and not os.environ.get("CI"), reason="LibreOffice or poppler-utils not installed"
)


def pdf_pages(pdf: bytes) -> list[list[str]]:
    """The text of each page (``pdftotext -layout``), as lines with trailing spaces removed."""
    text = subprocess.run(  # noqa: S603 - fixed command
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode()
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [[line.rstrip() for line in page.splitlines()] for page in pages]


def render_pages(docx: bytes) -> list[list[str]]:
    return pdf_pages(docx_to_pdf(docx))


def _squash(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip()


def assert_decree_30_layout(
    pages: list[list[str]], *, number: str, date_line: str, closing_marker: str
) -> None:
    """The national heading and motto each on one line, the number and the date line on page 1, page numbers
    from page 2 only, and the page that starts the closing block also holding body text above it."""
    first = [_squash(line) for line in pages[0]]
    assert any(NATIONAL_NAME in line for line in first), "the national heading wraps"
    assert any(NATIONAL_MOTTO in line for line in first)
    number_line = next(line for line in first if "Số:" in line)
    assert f"Số: {number}" in number_line
    assert any(date_line in line for line in first), f"no date line {date_line!r} on page 1"
    assert not next(line for line in first if line).isdigit(), "page 1 carries a page number"
    for index, page in enumerate(pages[1:], start=2):
        top = next(line for line in page if line.strip())
        assert top.strip() == str(index), f"page {index} has no page number at the top"
    closing_page = next(
        index for index, page in enumerate(pages) if any(closing_marker in line for line in page)
    )
    page = pages[closing_page]
    marker_at = next(position for position, line in enumerate(page) if closing_marker in line)
    body_above = [line for line in page[:marker_at] if line.strip() and not line.strip().isdigit()]
    assert body_above, f"page {closing_page + 1} holds only the signature and recipients"
