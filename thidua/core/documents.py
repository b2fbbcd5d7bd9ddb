"""Official documents in the Decree 30/2020/NĐ-CP format: the one builder every DOCX of the product comes from.

A4 portrait, margins 20/20/30/15 mm, Times New Roman in black. The header is a borderless table: the issuing body
at left (superior body regular, own name bold, a short rule below) and the national heading at right (on one line,
12 pt bold; the motto 13 pt bold with a rule as wide as the motto), then "Số: 01/BB-UBND" under the body and the
place and date in italics under the motto. Page numbers are centred in the top margin from page 2 on. The
signature block and "Nơi nhận:" close the document and are kept with its last paragraph, so no page holds only
the signature. Data tables have fixed column widths sized to their content, the header row repeated on every page
and rows that never split.

The builder takes plain values (strings, dates): callers turn their units and people into issuing-body lines,
numbers and signatures, so the core knows nothing of the domain. Every string written goes through
``printable()``, so a stored control character can never make a document fail.

See docs/documents.md for how to write a new document.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from thidua.core.text import printable

FONT = "Times New Roman"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 20, 20, 30, 15
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 165
# The national heading needs about 96 mm at 12 pt bold; the issuing body takes the rest.
HEADER_LEFT_MM, HEADER_RIGHT_MM = 65, 100
BODY_SIZE, TABLE_SIZE, RECIPIENTS_SIZE = 14, 12, 11

ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def vietnamese_date_line(place: str, day: date) -> str:
    """ "An Thạnh, ngày 28 tháng 4 năm 2021": Decree 30 writes days below 10 and months below 3 with a leading 0."""
    return f"{place}, {vietnamese_date(day)}"


def vietnamese_date(day: date) -> str:
    """ "ngày 05 tháng 02 năm 2022", "ngày 28 tháng 4 năm 2021" (Decree 30/2020, annex I)."""
    day_text = f"{day.day:02d}" if day.day < 10 else str(day.day)
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day_text} tháng {month_text} năm {day.year}"


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


# Average advance widths of Times New Roman, in ems, for estimating how wide a line is (rules, column widths).
def text_width_mm(text: str, size: float, *, bold: bool = False) -> float:
    """A close estimate of the printed width of ``text`` in Times New Roman at ``size`` points."""
    ems = 0.0
    for character in text:
        if character == " ":
            ems += 0.25
        elif character.isupper():
            ems += 0.72 if bold else 0.68
        elif character.isdigit():
            ems += 0.5
        elif character.isalpha():
            ems += 0.5 if bold else 0.46
        else:
            ems += 0.33
    return ems * size * 25.4 / 72


def _twips(millimetres: float) -> str:
    return str(round(millimetres * 1440 / 25.4))


@dataclass(frozen=True)
class IssuingBody:
    """The top-left block: the superior body's lines (regular) above the issuer's own lines (bold), in capitals.

    E.g. ``IssuingBody(name_lines=["ỦY BAN NHÂN DÂN", "HUYỆN AN THẠNH"])`` or
    ``IssuingBody(superior_lines=["ỦY BAN NHÂN DÂN", "HUYỆN AN THẠNH"], name_lines=["PHÒNG NỘI VỤ"])``.
    """

    name_lines: Sequence[str]
    superior_lines: Sequence[str] = ()


@dataclass(frozen=True)
class Signature:
    """A signature block: the capacity lines in capitals, a space to sign, the signer's name.

    ``Signature.on_behalf("ỦY BAN NHÂN DÂN", "CHỦ TỊCH")`` gives "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH";
    with ``deputy="PHÓ CHỦ TỊCH"`` it gives "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH".
    ``Signature.head("TRƯỞNG PHÒNG")`` signs for a body led by its head; ``Signature(["TRƯỞNG ĐOÀN KIỂM TRA"])``
    is any other capacity.
    """

    capacity: Sequence[str]
    name: str = ""
    note: str = ""  # e.g. "(Ký, ghi rõ họ tên)"

    @classmethod
    def on_behalf(
        cls, body: str, title: str, *, deputy: str = "", name: str = "", note: str = ""
    ) -> "Signature":
        lines = [f"TM. {body}", f"KT. {title}", deputy] if deputy else [f"TM. {body}", title]
        return cls([line.upper() for line in lines], name=name, note=note)

    @classmethod
    def head(cls, title: str, *, deputy: str = "", name: str = "", note: str = "") -> "Signature":
        lines = [f"KT. {title}", deputy] if deputy else [title]
        return cls([line.upper() for line in lines], name=name, note=note)


@dataclass(frozen=True)
class GroupRow:
    """A table row spanning every column, e.g. a group heading inside a checklist."""

    text: str


@dataclass
class OfficialDocument:
    """One official document. Build it top to bottom, then call ``to_bytes()``.

    ``number`` is what follows "Số:" ("01/BB-UBND", or "     /BB-UBND" before the number is issued).
    """

    issuer: IssuingBody
    number: str
    place: str
    day: date
    kind: str  # e.g. "BIÊN BẢN", "QUYẾT ĐỊNH"
    subject: str = ""  # the "trích yếu" under the kind
    note: str = ""  # an italic line under the subject, e.g. "(Dữ liệu minh họa — demo)"
    document: DocxDocument = field(init=False, repr=False)
    _closed: bool = field(init=False, default=False, repr=False)

    def __post_init__(self) -> None:
        self.document = Document()
        self._page_setup()
        self._styles()
        self._header_block()
        self._title()

    # --- low-level writers ----------------------------------------------------------------------------------
    @staticmethod
    def _run(paragraph: Paragraph, text: str, *, bold=False, italic=False, size: float = BODY_SIZE):
        run = paragraph.add_run(printable(text))
        run.bold, run.italic = bold, italic
        run.font.size = Pt(size)
        run.font.name = FONT
        # East-Asian and complex-script slots too, or Word substitutes another face for Vietnamese letters.
        fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), FONT)
        fonts.set(qn("w:cs"), FONT)
        return run

    @staticmethod
    def _format(paragraph: Paragraph, *, align="left", space_before=0, space_after=0, keep_with_next=False):
        paragraph.alignment = ALIGNMENTS[align]
        paragraph_format = paragraph.paragraph_format
        paragraph_format.space_before = Pt(space_before)
        paragraph_format.space_after = Pt(space_after)
        if keep_with_next:
            paragraph_format.keep_with_next = True
        return paragraph

    def _line(
        self,
        container,
        text: str,
        *,
        bold=False,
        italic=False,
        size: float = BODY_SIZE,
        align="center",
        first=False,
        space_before=0,
        space_after=0,
        keep_with_next=False,
    ) -> Paragraph:
        """One paragraph holding one run, in a cell or the body; ``first`` reuses a cell's empty paragraph."""
        paragraph = container.paragraphs[0] if first else container.add_paragraph()
        self._format(
            paragraph,
            align=align,
            space_before=space_before,
            space_after=space_after,
            keep_with_next=keep_with_next,
        )
        if text:
            self._run(paragraph, text, bold=bold, italic=italic, size=size)
        return paragraph

    def _rule(self, container, width_mm: float, column_mm: float, *, space_after: float = 0) -> Paragraph:
        """A short horizontal rule, centred: the top border of an empty, narrow paragraph (not underscores)."""
        paragraph = container.add_paragraph()
        # The border goes in first: python-docx then places spacing, indents and alignment after it, in the
        # order the schema demands.
        borders = OxmlElement("w:pBdr")
        top = OxmlElement("w:top")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            top.set(qn(key), value)
        borders.append(top)
        paragraph._p.get_or_add_pPr().append(borders)
        # Space before keeps the rule clear of the descenders of the line above.
        self._format(paragraph, align="center", space_before=3, space_after=space_after)
        paragraph_format = paragraph.paragraph_format
        indent = max((column_mm - width_mm) / 2, 0)
        paragraph_format.left_indent = paragraph_format.right_indent = Mm(indent)
        paragraph_format.line_spacing = Pt(4)
        return paragraph

    def _layout_table(self, widths_mm: Sequence[float], rows: int = 1) -> Table:
        """A borderless table with fixed column widths and no cell padding, for header and signature blocks."""
        table = self._fixed_table(widths_mm, rows=rows, borders=False)
        margins = OxmlElement("w:tblCellMar")
        for edge in ("left", "right"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:w"), "0")
            element.set(qn("w:type"), "dxa")
            margins.append(element)
        table._tbl.tblPr.append(margins)
        return table

    def _fixed_table(self, widths_mm: Sequence[float], *, rows: int, borders: bool) -> Table:
        table = self.document.add_table(rows=0, cols=len(widths_mm))
        if borders:
            table.style = "Table Grid"
        properties = table._tbl.tblPr
        width = OxmlElement("w:tblW")
        width.set(qn("w:w"), _twips(sum(widths_mm)))
        width.set(qn("w:type"), "dxa")
        properties.append(width)
        if not borders:
            border_element = OxmlElement("w:tblBorders")
            for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
                element = OxmlElement(f"w:{edge}")
                element.set(qn("w:val"), "nil")
                border_element.append(element)
            properties.append(border_element)
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        properties.append(layout)
        table.autofit = False
        for column, width_mm in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
            column.w = Mm(width_mm)
        for _ in range(rows):
            self._add_row(table, widths_mm)
        return table

    @staticmethod
    def _add_row(table: Table, widths_mm: Sequence[float], *, span: bool = False) -> list[_Cell]:
        """Append a row that never splits across pages; with ``span`` one cell covers every column."""
        tr = table._tbl.add_tr()
        properties = tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        cells = []
        for width_mm in [sum(widths_mm)] if span else widths_mm:
            tc = tr.add_tc()
            tc.width = Mm(width_mm)
            cells.append(_Cell(tc, table))
        if span:
            grid_span = OxmlElement("w:gridSpan")
            grid_span.set(qn("w:val"), str(len(widths_mm)))
            tr.tc_lst[0].get_or_add_tcPr().append(grid_span)
        return cells

    # --- layout -------------------------------------------------------------------------------------------
    def _page_setup(self) -> None:
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
        section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
        section.header_distance = Mm(10)
        # Page 1 has its own, empty header: the number appears from page 2 on.
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_page_number_field(self._run(paragraph, "", size=13))

    def _styles(self) -> None:
        style = self.document.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(BODY_SIZE)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), FONT)
        fonts.set(qn("w:cs"), FONT)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.line_spacing = 1.0

    def _header_block(self) -> None:
        issuer = self.issuer
        table = self._layout_table((HEADER_LEFT_MM, HEADER_RIGHT_MM), rows=2)
        left, right = table.rows[0].cells
        first = True
        for line in issuer.superior_lines:
            self._line(left, line.upper(), size=13, first=first)
            first = False
        for line in issuer.name_lines:
            self._line(left, line.upper(), bold=True, size=13, first=first)
            first = False
        widest = max((text_width_mm(line.upper(), 13, bold=True) for line in issuer.name_lines), default=30)
        # Decree 30: the rule under the issuing body is a third to a half of the line above it.
        self._rule(left, min(max(widest * 0.45, 18), HEADER_LEFT_MM * 0.6), HEADER_LEFT_MM)
        self._line(right, NATIONAL_NAME, bold=True, size=12, first=True)
        self._line(right, NATIONAL_MOTTO, bold=True, size=13)
        self._rule(right, text_width_mm(NATIONAL_MOTTO, 13, bold=True), HEADER_RIGHT_MM)
        number_cell, date_cell = table.rows[1].cells
        self._line(number_cell, f"Số: {self.number}", size=13, first=True, space_before=4)
        self._line(
            date_cell,
            vietnamese_date_line(self.place, self.day),
            italic=True,
            size=14,
            first=True,
            space_before=4,
        )

    def _title(self) -> None:
        self._line(self.document, self.kind.upper(), bold=True, size=14, space_before=18, keep_with_next=True)
        if self.subject:
            self._line(self.document, self.subject, bold=True, size=14, keep_with_next=True)
        width = text_width_mm(self.subject or self.kind, 14, bold=True)
        self._rule(self.document, min(max(width * 0.35, 25), 60), TEXT_WIDTH_MM, space_after=0)
        if self.note:
            self._line(self.document, self.note, italic=True, size=12)
        self._line(self.document, "", size=6, space_after=0)

    # --- content ------------------------------------------------------------------------------------------
    def paragraph(
        self,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        indent: bool = True,
        align: str = "justify",
        size: float = BODY_SIZE,
    ) -> Paragraph:
        """A body paragraph, justified with a first-line indent; ``text`` may hold several lines."""
        paragraph = self.document.add_paragraph()
        self._format(paragraph, align=align, space_after=6)
        if indent:
            paragraph.paragraph_format.first_line_indent = Mm(10)
        self._run(paragraph, text, bold=bold, italic=italic, size=size)
        return paragraph

    def paragraphs(self, text: str, **options) -> list[Paragraph]:
        """One paragraph per line of a stored multi-line text (blank lines dropped)."""
        return [self.paragraph(line, **options) for line in printable(text).splitlines() if line.strip()]

    def labelled(self, label: str, value: str) -> Paragraph:
        """ "Label: value" with the label in bold, e.g. the facts at the top of a record."""
        paragraph = self.document.add_paragraph()
        self._format(paragraph, align="justify", space_after=4)
        paragraph.paragraph_format.first_line_indent = Mm(10)
        self._run(paragraph, f"{label}: ", bold=True)
        self._run(paragraph, value)
        return paragraph

    def heading(self, text: str) -> Paragraph:
        """A section heading ("1. Vấn đề cần giải quyết"), kept on the page of what follows it."""
        paragraph = self.paragraph(text, bold=True, indent=False, align="left")
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.space_before = Pt(6)
        return paragraph

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[object] | GroupRow],
        *,
        widths_mm: Sequence[float] = (),
        align: Sequence[str] = (),
        size: float = TABLE_SIZE,
    ) -> Table:
        """A bordered data table: fixed widths (given, or sized to the content), the header row repeated on
        every page, rows that never split. ``align`` gives each column's alignment ("left", "center", "right")."""
        widths = list(widths_mm) if widths_mm else column_widths(headers, rows, TEXT_WIDTH_MM, size=size)
        alignment = list(align) or ["left"] * len(headers)
        table = self._fixed_table(widths, rows=0, borders=True)
        header_cells = self._add_row(table, widths)
        table._tbl.tr_lst[0].get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for cell, text in zip(header_cells, headers, strict=True):
            self._line(cell, str(text), bold=True, size=size, first=True)
        for row in rows:
            if isinstance(row, GroupRow):
                (cell,) = self._add_row(table, widths, span=True)
                self._line(cell, row.text, bold=True, size=size, align="left", first=True)
                continue
            for cell, value, column_align in zip(self._add_row(table, widths), row, alignment, strict=True):
                _fill_cell(cell, "" if value is None else str(value), size=size, align=column_align)
        # Breathing space after the table, which a following paragraph's "space before" cannot give in Word.
        self._line(self.document, "", size=6)
        return table

    def page_break(self) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)
        self._format(paragraph)

    def annex(self, title: str, subject: str = "", attached_to: str = "") -> None:
        """Start an annex on a new page: "Phụ lục" (with its number), its title, "(Kèm theo …)" in italics."""
        self.page_break()
        self._line(self.document, title, bold=True, size=14, keep_with_next=True)
        if subject:
            self._line(self.document, subject.upper(), bold=True, size=14, keep_with_next=True)
        if attached_to:
            self._line(self.document, f"({attached_to})", italic=True, size=14, keep_with_next=True)
        self._rule(self.document, 30, TEXT_WIDTH_MM, space_after=6)

    def closing(
        self,
        signatures: Sequence[Signature],
        recipients: Sequence[str] = (),
        *,
        archive: str = "VT",
    ) -> None:
        """The signature block(s) and "Nơi nhận:" (bottom left, ending "- Lưu: VT, …"), kept with the last
        paragraph above them. One signature sits at right beside the recipients; several sit side by side."""
        self._keep_last_paragraph_with_closing()
        recipient_lines = [f"- {printable(name)};" for name in recipients] + [f"- Lưu: {archive}."]
        if len(signatures) == 1:
            table = self._layout_table((TEXT_WIDTH_MM - 90, 90))
            left, right = table.rows[0].cells
            self._recipients(left, recipient_lines, first=True)
            self._signature(right, signatures[0])
        else:
            width = TEXT_WIDTH_MM / len(signatures)
            table = self._layout_table([width] * len(signatures))
            for cell, signature in zip(table.rows[0].cells, signatures, strict=True):
                # 13 pt (Decree 30 allows 13–14) so that two capacities side by side each keep to one line.
                self._signature(cell, signature, size=13)
            self._recipients(self.document, recipient_lines, first=False)
        self._closed = True

    def _keep_last_paragraph_with_closing(self) -> None:
        """Keep the last content (a paragraph, or a table's last row) on the page of the signature."""
        body = self.document.element.body
        for element in reversed(body[:-1]):  # the last child is the section properties
            if element.tag == qn("w:tbl"):
                last_row = element.findall(qn("w:tr"))[-1]
                for paragraph in last_row.iter(qn("w:p")):
                    Paragraph(paragraph, self.document).paragraph_format.keep_with_next = True
                return
            if element.tag != qn("w:p"):
                return
            paragraph = Paragraph(element, self.document)
            paragraph.paragraph_format.keep_with_next = True
            if paragraph.text.strip():
                return

    def _signature(self, cell: _Cell, signature: Signature, *, size: float = 14) -> None:
        first = True
        for line in signature.capacity:
            space_before = 12 if first else 0
            self._line(
                cell, line, bold=True, size=size, first=first, space_before=space_before, keep_with_next=True
            )
            first = False
        if signature.note:
            self._line(cell, signature.note, italic=True, size=13, keep_with_next=True)
        # Room to sign and stamp.
        self._line(cell, "", size=14, space_after=64, keep_with_next=True)
        self._line(cell, signature.name, bold=True, size=14)

    def _recipients(self, container, lines: Sequence[str], *, first: bool) -> None:
        space_before = 12
        self._line(
            container,
            "Nơi nhận:",
            bold=True,
            italic=True,
            size=12,
            align="left",
            first=first,
            space_before=space_before,
            keep_with_next=True,
        )
        for index, line in enumerate(lines):
            self._line(
                container, line, size=RECIPIENTS_SIZE, align="left", keep_with_next=index < len(lines) - 1
            )

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _fill_cell(cell: _Cell, text: str, *, size: float, align: str) -> None:
    """Write one plain table cell straight into the XML: python-docx's run API costs ~1 ms per cell, which a
    100-unit annex of five columns would feel."""
    paragraph = cell._tc.p_lst[0]
    properties = OxmlElement("w:pPr")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    properties.append(spacing)
    if align != "left":
        justification = OxmlElement("w:jc")
        justification.set(qn("w:val"), {"center": "center", "right": "right", "justify": "both"}[align])
        properties.append(justification)
    paragraph.append(properties)
    text = printable(text)
    if not text:
        return
    run = OxmlElement("w:r")
    run_properties = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), FONT)
    run_properties.append(fonts)
    font_size = OxmlElement("w:sz")
    font_size.set(qn("w:val"), str(round(size * 2)))
    run_properties.append(font_size)
    run.append(run_properties)
    for index, line in enumerate(text.split("\n")):
        if index:
            run.append(OxmlElement("w:br"))
        element = OxmlElement("w:t")
        element.set(qn("xml:space"), "preserve")
        element.text = line
        run.append(element)
    paragraph.append(run)


def column_widths(
    headers: Sequence[str], rows: Sequence[Sequence[object] | GroupRow], total_mm: float, *, size: float
) -> list[float]:
    """Column widths (mm) summing to ``total_mm``, sized to the content.

    Each column is at least as wide as its longest word (a short column, such as "Kết quả", as wide as its longest
    value, so it never wraps); the remaining width goes to the columns in proportion to how much text they hold
    on average, none wider than its longest value needs.
    """
    padding = 4.0  # cell margins, both sides
    short_column_mm = 28.0
    columns = len(headers)
    minimum = [0.0] * columns
    natural = [0.0] * columns
    total = [0.0] * columns
    samples: list[list[object]] = [list(row) for row in rows if not isinstance(row, GroupRow)]
    table_rows: list[list[object]] = [list(headers), *samples]
    for row_index, row in enumerate(table_rows):
        bold = row_index == 0
        for index, value in enumerate(row):
            text = printable("" if value is None else str(value))
            longest_word = max((text_width_mm(word, size, bold=bold) for word in text.split()), default=0)
            width = text_width_mm(text, size, bold=bold)
            minimum[index] = max(minimum[index], longest_word + padding)
            natural[index] = max(natural[index], width + padding)
            if not bold:
                total[index] += width
    # A column of notes keeps room for a few words a line, however little it holds on average.
    minimum = [max(minimum[index], min(natural[index], 22.0)) for index in range(columns)]
    widths: list[float] = [0.0] * columns
    free = []
    for index in range(columns):
        if natural[index] <= short_column_mm:
            widths[index] = natural[index]
        else:
            free.append(index)
    remaining = total_mm - sum(widths)
    weights = [max(total[index], 1.0) for index in range(columns)]
    # Share the width in proportion to each column's amount of text, within [longest word, longest value].
    while free:
        share = sum(weights[index] for index in free)
        targets = {index: remaining * weights[index] / share for index in free}
        bounded = {
            index: minimum[index] if target < minimum[index] else natural[index]
            for index, target in targets.items()
            if target < minimum[index] or target > natural[index]
        }
        if not bounded:
            for index, target in targets.items():
                widths[index] = target
            return widths
        for index, width in bounded.items():
            widths[index] = width
            remaining -= width
            free.remove(index)
    # Everything fits (or nothing does): scale all columns alike to the text width.
    scale = total_mm / sum(widths)
    return [width * scale for width in widths]
