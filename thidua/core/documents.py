"""Official documents in the Decree 30/2020/NĐ-CP format, written with python-docx.

A4 portrait, margins 20/20/30/15 mm, Times New Roman in black, the issuing body at top left and the national
heading at top right, number and place-date lines, a signature block, and "Nơi nhận:" at bottom left. Page
numbers are centred in the top margin from page 2 on. Every document the product issues starts from
``OfficialDocument`` so the format lives in one place.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"


def vietnamese_date_line(place: str, day: date) -> str:
    """ "Long Phú, ngày 28 tháng 4 năm 2021": Decree 30 writes days below 10 and months below 3 with a leading 0."""
    day_text = f"{day.day:02d}" if day.day < 10 else str(day.day)
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day_text} tháng {month_text} năm {day.year}"


def add_page_number_field(run) -> None:
    """Append a PAGE field to a run: Word fills in the page number when the document is shown or printed."""
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


@dataclass
class Header:
    """The top block: issuing body (parent line and own line), number, place and date."""

    parent_body: str  # e.g. "ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG" or "" when the issuer is the top body
    issuing_body: str  # e.g. "ỦY BAN NHÂN DÂN HUYỆN LONG PHÚ"
    number: str  # e.g. "Số: 12/BB-UBND"
    place: str
    day: date


@dataclass
class Signature:
    authority: str = ""  # e.g. "TM. ỦY BAN NHÂN DÂN" or "KT. CHỦ TỊCH"
    title: str = ""  # e.g. "CHỦ TỊCH"
    name: str = ""


@dataclass
class OfficialDocument:
    header: Header
    kind: str  # e.g. "BIÊN BẢN", "QUYẾT ĐỊNH"
    subject: str  # the "trích yếu" line under the kind
    recipients: Sequence[str] = field(default_factory=list)
    document: Document = field(init=False)

    def __post_init__(self) -> None:
        self.document = Document()
        self._page_setup()
        self._styles()
        self._header_block()
        self._title()

    # --- layout -------------------------------------------------------------------------------------------
    def _page_setup(self) -> None:
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_page_number_field(paragraph.add_run())

    def _styles(self) -> None:
        style = self.document.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(14)
        # East-Asian font slot too, or Word substitutes a font for Vietnamese letters.
        style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        style.paragraph_format.space_after = Pt(6)

    def _cell_paragraph(
        self, cell, text: str, *, bold=False, italic=False, size=13, underline=False, first=False
    ):
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        run.font.size = Pt(size)
        run.font.name = FONT
        return paragraph

    def _header_block(self) -> None:
        header = self.header
        table = self.document.add_table(rows=2, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        left, right = table.rows[0].cells
        left.width, right.width = Mm(70), Mm(95)
        first = True
        if header.parent_body:
            self._cell_paragraph(left, header.parent_body.upper(), size=13, first=True)
            first = False
        self._cell_paragraph(left, header.issuing_body.upper(), bold=True, size=13, first=first)
        self._cell_paragraph(left, "_______", bold=True, size=13)
        self._cell_paragraph(right, NATIONAL_NAME, bold=True, size=12, first=True)
        self._cell_paragraph(right, NATIONAL_MOTTO, bold=True, size=13)
        self._cell_paragraph(right, "_______________________", bold=True, size=13)
        number_cell, date_cell = table.rows[1].cells
        self._cell_paragraph(number_cell, header.number, size=13, first=True)
        self._cell_paragraph(
            date_cell, vietnamese_date_line(header.place, header.day), italic=True, size=14, first=True
        )

    def _title(self) -> None:
        self.document.add_paragraph()
        kind = self.document.add_paragraph()
        kind.alignment = WD_ALIGN_PARAGRAPH.CENTER
        kind.paragraph_format.space_after = Pt(0)
        run = kind.add_run(self.kind.upper())
        run.bold = True
        subject = self.document.add_paragraph()
        subject.alignment = WD_ALIGN_PARAGRAPH.CENTER
        subject_run = subject.add_run(self.subject)
        subject_run.bold = True
        rule = self.document.add_paragraph()
        rule.alignment = WD_ALIGN_PARAGRAPH.CENTER
        rule.add_run("________")

    # --- content ------------------------------------------------------------------------------------------
    def paragraph(self, text: str, *, bold: bool = False, italic: bool = False, indent: bool = True):
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            paragraph.paragraph_format.first_line_indent = Mm(10)
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        return paragraph

    def heading(self, text: str):
        return self.paragraph(text, bold=True, indent=False)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[object]], widths_mm: Sequence[int] = ()):
        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            self._cell_paragraph(cell, str(text), bold=True, size=12, first=True)
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                paragraph = cell.paragraphs[0]
                run = paragraph.add_run("" if value is None else str(value))
                run.font.size = Pt(12)
        if widths_mm:
            for row in table.rows:
                for cell, width in zip(row.cells, widths_mm, strict=False):
                    cell.width = Mm(width)
        return table

    def signatures(self, *signatures: Signature) -> None:
        """One signature block per column, e.g. the inspected unit's head and the head of the inspection team."""
        self.document.add_paragraph()
        table = self.document.add_table(rows=1, cols=len(signatures))
        for cell, signature in zip(table.rows[0].cells, signatures, strict=True):
            first = True
            for line, bold in ((signature.authority, True), (signature.title, True)):
                if line:
                    self._cell_paragraph(cell, line, bold=bold, size=14, first=first)
                    first = False
            for _ in range(3):
                cell.add_paragraph()
            if signature.name:
                self._cell_paragraph(cell, signature.name, bold=True, size=14)

    def recipients_block(self) -> None:
        if not self.recipients:
            return
        self.document.add_paragraph()
        label = self.document.add_paragraph()
        label.paragraph_format.space_after = Pt(0)
        run = label.add_run("Nơi nhận:")
        run.bold, run.italic = True, True
        run.font.size = Pt(12)
        for recipient in self.recipients:
            line = self.document.add_paragraph()
            line.paragraph_format.space_after = Pt(0)
            line_run = line.add_run(
                f"- {recipient};" if not recipient.startswith("Lưu") else f"- {recipient}."
            )
            line_run.font.size = Pt(11)

    def to_bytes(self) -> bytes:
        self.recipients_block()
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def issuing_body_lines(unit) -> tuple[str, str]:
    """The two header lines for a document issued by ``unit``: its parent's name and its own, in capitals."""
    own = (unit.official_name or unit.name).upper()
    parent = (unit.parent.official_name or unit.parent.name).upper() if unit.parent_id else ""
    return parent, own
