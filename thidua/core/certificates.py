"""Certificates (Giấy khen) on the one document builder: the full-colour page, the print-on-blank page and the
alignment test sheet.

The full-colour certificate follows the layout of domain.md §5 on A4 portrait with a decorative page border: the
national emblem at top centre; the national heading and the motto (black, bold, a rule under the motto); the
signer's title in red capitals; "TẶNG" in black; "GIẤY KHEN" in red; then in black the recipient, its address or
managing body and the achievement; bottom left, bold italic, the decision's number and date and "Số sổ vàng: N";
bottom right the place and date, the signer's capacity, room to sign and seal, the name. The middle block has a
fixed height, so a long name or achievement never pushes a certificate onto a second page; the achievement's
type gets smaller when it would need more than four lines.

Offices print on pre-printed blanks (phôi) that already carry the emblem, the headings, "TẶNG", "GIẤY KHEN" and
the border. ``blank_docx`` writes only the variable fields, each in a paragraph anchored to the page
(``w:framePr`` with x/y in twips from the page's top-left corner), at the offsets of a ``BlankLayout``;
``alignment_sheet_docx`` outlines the same boxes with their names over a millimetre ruler, to print on plain
paper and hold against a blank.

Like ``OfficialDocument`` this module takes plain values (``CertificateText``, ``BlankLayout``) and knows nothing
of the domain. It reuses the builder's writers (font in every slot, ``printable()`` on every string, rules,
borderless layout tables) and its Decree 30 date helpers rather than copying them.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor
from docx.text.paragraph import Paragraph

from thidua.core.documents import (
    ALIGNMENTS,
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    OfficialDocument,
    _twips,
    text_width_mm,
    vietnamese_date,
    vietnamese_date_line,
)
from thidua.core.text import printable

# Our own simplified drawing of the national emblem (national-emblem.svg), rendered to PNG by
# ``manage.py render_emblem``: python-docx cannot embed SVG.
EMBLEM_SVG = Path(__file__).parent / "static" / "core" / "national-emblem.svg"
EMBLEM_PNG = EMBLEM_SVG.with_suffix(".png")

RED = RGBColor(0xFF, 0x00, 0x00)
BORDER_COLOUR = "C00000"
KIND = "GIẤY KHEN"
GIVES = "TẶNG"

# Full-colour page: A4 portrait inside a decorative border 8 mm from the paper's edge.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_SIDE_MM = 16, 12, 20
TEXT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_SIDE_MM  # 170
EMBLEM_HEIGHT_MM = 32
MIDDLE_HEIGHT_MM = 84  # recipient, address, achievement
BOTTOM_LEFT_MM, BOTTOM_RIGHT_MM = 78, 92
ACHIEVEMENT_SIZE, ACHIEVEMENT_SMALL_SIZE = 15, 13


@dataclass(frozen=True)
class CertificateText:
    """What one certificate prints. ``authority_title`` is line 3 ("CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN AN THẠNH");
    ``signer_capacity`` the lines above the signature ("CHỦ TỊCH")."""

    authority_title: str
    recipient: str
    address: str
    achievement: str
    decision_number: str
    decision_day: date
    register_number: str
    place: str
    day: date
    signer_capacity: Sequence[str]
    signer_name: str = ""

    @property
    def decision_lines(self) -> list[str]:
        """ "Quyết định số 12/QĐ-UBND" / "ngày 15 tháng 02 năm 2022" (Decree 30 date)."""
        return [f"Quyết định số {self.decision_number}", vietnamese_date(self.decision_day)]

    @property
    def register_line(self) -> str:
        return f"Số sổ vàng: {self.register_number}"

    @property
    def date_line(self) -> str:
        return vietnamese_date_line(self.place, self.day)

    def field_lines(self, name: str) -> list[str]:
        """The lines of one variable field of a print-on-blank page (see ``BLANK_FIELDS``)."""
        return {
            "authority_title": [self.authority_title.upper()],
            "recipient": [self.recipient],
            "address": [self.address],
            "achievement": [self.achievement],
            "decision": self.decision_lines,
            "register": [self.register_line],
            "place_date": [self.date_line],
            "signer_title": [line.upper() for line in self.signer_capacity],
            "signer_name": [self.signer_name],
        }[name]


# --- print-on-blank -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldStyle:
    label: str  # the Vietnamese name printed on the alignment sheet
    bold: bool = False
    italic: bool = False
    lines: int = 1  # how many lines the alignment sheet's box allows


# The variable fields a blank may leave empty, in reading order, with their fixed typographic style.
BLANK_FIELDS: dict[str, FieldStyle] = {
    "authority_title": FieldStyle("Chức danh người ký (dòng 3)", bold=True),
    "recipient": FieldStyle("Tên tập thể", bold=True, lines=2),
    "address": FieldStyle("Địa chỉ / cơ quan quản lý"),
    "achievement": FieldStyle("Thành tích", lines=4),
    "decision": FieldStyle("Số, ngày quyết định", bold=True, italic=True, lines=2),
    "register": FieldStyle("Số sổ vàng", bold=True, italic=True),
    "place_date": FieldStyle("Địa danh, ngày tháng", italic=True),
    "signer_title": FieldStyle("Chức vụ người ký", bold=True),
    "signer_name": FieldStyle("Họ tên người ký", bold=True),
}
FIELD_ALIGNMENTS = ("left", "center", "right")


@dataclass(frozen=True)
class BlankField:
    """Where one field goes on the blank: x/y of its box's top-left corner from the paper's top-left corner, in
    mm; the box's width; the type size; the alignment in the box; ``printed`` False when the blank carries it."""

    x: float
    y: float
    width: float
    size: float
    align: str = "center"
    printed: bool = True


@dataclass(frozen=True)
class BlankLayout:
    name: str
    page_width_mm: float
    page_height_mm: float
    fields: dict[str, BlankField] = field(default_factory=dict)
    version: str = ""


# A4 portrait: about where the full-colour layout prints each field, with room for a two-line name and a
# four-line achievement; line 3 is taken as pre-printed. Every office calibrates its own with the alignment sheet.
DEFAULT_BLANK_FIELDS: dict[str, BlankField] = {
    "authority_title": BlankField(20, 74, 170, 15, printed=False),
    "recipient": BlankField(20, 134, 170, 18),
    "address": BlankField(20, 151, 170, 14),
    "achievement": BlankField(25, 160, 160, 15),
    "decision": BlankField(20, 208, 78, 13, align="left"),
    "register": BlankField(20, 221, 78, 13, align="left"),
    "place_date": BlankField(98, 200, 92, 14),
    "signer_title": BlankField(98, 207, 92, 14),
    "signer_name": BlankField(98, 244, 92, 14),
}


# --- writing ---------------------------------------------------------------------------------------------------


class _Writer:
    """A DOCX being written with the official-document builder's own writers (shared, not copied)."""

    _run = staticmethod(OfficialDocument._run)
    _format = staticmethod(OfficialDocument._format)
    _line = OfficialDocument._line
    _rule = OfficialDocument._rule
    _layout_table = OfficialDocument._layout_table
    _fixed_table = OfficialDocument._fixed_table
    _add_row = staticmethod(OfficialDocument._add_row)
    _styles = OfficialDocument._styles

    def __init__(self, width_mm: float, height_mm: float, margins_mm: tuple[float, float, float, float]):
        self.document = Document()
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE if width_mm > height_mm else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)
        top, right, bottom, left = margins_mm
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)
        section.header_distance = section.footer_distance = Mm(0)
        self._styles()
        self.pages = 0

    def new_page(self) -> Paragraph:
        """The first paragraph of a page: after the first page it starts a new one (never an empty page)."""
        paragraph = self.document.add_paragraph()
        self._format(paragraph)
        paragraph.paragraph_format.page_break_before = self.pages > 0
        self.pages += 1
        return paragraph

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _red(paragraph: Paragraph) -> Paragraph:
    for run in paragraph.runs:
        run.font.color.rgb = RED
    return paragraph


def _lines(writer: _Writer, paragraph: Paragraph, lines: Sequence[str], **style) -> None:
    """Several lines in one paragraph, separated by line breaks."""
    for index, line in enumerate(lines):
        run = writer._run(paragraph, line, **style)
        if index < len(lines) - 1:
            run.add_break()


def _page_border(writer: _Writer) -> None:
    """A double red border 8 mm inside the paper's edge on every page."""
    properties = writer.document.sections[0]._sectPr
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for edge in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "thinThickSmallGap"), ("w:sz", "24"), ("w:space", "22")):
            element.set(qn(key), value)
        element.set(qn("w:color"), BORDER_COLOUR)
        borders.append(element)
    # The schema wants pgBorders after the page margins.
    properties.find(qn("w:pgMar")).addnext(borders)


def achievement_size(text: str, width_mm: float = TEXT_WIDTH_MM - 10) -> float:
    """15 pt, or 13 pt when the achievement would take more than four lines at 15 pt."""
    lines = text_width_mm(printable(text), ACHIEVEMENT_SIZE) / (width_mm * 0.92)
    return ACHIEVEMENT_SIZE if lines <= 4 else ACHIEVEMENT_SMALL_SIZE


def _colour_page(writer: _Writer, text: CertificateText, emblem: Path) -> None:
    document = writer.document
    top = writer.new_page()
    writer._format(top, align="center", space_after=2)
    top.add_run().add_picture(str(emblem), height=Mm(EMBLEM_HEIGHT_MM))
    writer._line(document, NATIONAL_NAME, bold=True, size=13)
    writer._line(document, NATIONAL_MOTTO, bold=True, size=14)
    writer._rule(document, text_width_mm(NATIONAL_MOTTO, 14, bold=True), TEXT_WIDTH_MM, space_after=34)
    _red(writer._line(document, text.authority_title.upper(), bold=True, size=15, space_after=14))
    writer._line(document, GIVES, bold=True, size=16, space_after=8)
    _red(writer._line(document, KIND, bold=True, size=44, space_after=12))

    # The middle block has a fixed height, so no text can push the bottom block to a second page.
    middle = writer._layout_table([TEXT_WIDTH_MM], rows=1)
    row = middle.rows[0]
    row.height, row.height_rule = Mm(MIDDLE_HEIGHT_MM), WD_ROW_HEIGHT_RULE.EXACTLY
    cell = row.cells[0]
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    writer._line(cell, text.recipient, bold=True, size=18, first=True, space_after=4)
    if text.address:
        writer._line(cell, text.address, size=14, space_after=8)
    size = achievement_size(text.achievement)
    achievement = writer._line(cell, text.achievement, size=size)
    achievement.paragraph_format.left_indent = achievement.paragraph_format.right_indent = Mm(5)

    bottom = writer._layout_table([BOTTOM_LEFT_MM, BOTTOM_RIGHT_MM], rows=1)
    left, right = bottom.rows[0].cells
    decision = writer._line(left, "", align="left", first=True, space_before=22)
    _lines(writer, decision, text.decision_lines, bold=True, italic=True, size=13)
    writer._line(left, text.register_line, bold=True, italic=True, size=13, align="left", space_before=4)
    writer._line(right, text.date_line, italic=True, size=14, first=True)
    for line in text.signer_capacity:
        writer._line(right, line.upper(), bold=True, size=14)
    writer._line(right, "", size=14, space_after=76)  # room to sign and seal
    writer._line(right, text.signer_name, bold=True, size=14)


def certificates_docx(texts: Sequence[CertificateText], *, emblem: Path = EMBLEM_PNG) -> bytes:
    """The full-colour certificates, one page each."""
    writer = _Writer(
        PAGE_WIDTH_MM, PAGE_HEIGHT_MM, (MARGIN_TOP_MM, MARGIN_SIDE_MM, MARGIN_BOTTOM_MM, MARGIN_SIDE_MM)
    )
    _page_border(writer)
    for text in texts:
        _colour_page(writer, text, emblem)
    return writer.to_bytes()


def _frame(
    writer: _Writer,
    box: BlankField,
    *,
    height_mm: float | None = None,
    border: str = "",
    sides: Sequence[str] = ("top", "left", "bottom", "right"),
) -> Paragraph:
    """A paragraph whose box is anchored to the page at (x, y) mm, ``box.width`` mm wide; with ``border`` (a
    colour) its box is outlined."""
    paragraph = writer.document.add_paragraph()
    writer._format(paragraph, align=box.align if box.align in ALIGNMENTS else "left")
    properties = paragraph._p.get_or_add_pPr()
    frame = OxmlElement("w:framePr")
    frame.set(qn("w:w"), _twips(box.width))
    if height_mm is not None:
        frame.set(qn("w:h"), _twips(height_mm))
        frame.set(qn("w:hRule"), "exact")
    for key, value in (
        ("w:wrap", "notBeside"),
        ("w:hAnchor", "page"),
        ("w:vAnchor", "page"),
        ("w:x", _twips(box.x)),
        ("w:y", _twips(box.y)),
    ):
        frame.set(qn(key), value)
    # framePr comes first in a paragraph's properties (pStyle aside, which these paragraphs have not).
    properties.insert(0, frame)
    if border:
        borders = OxmlElement("w:pBdr")
        for edge in sides:
            element = OxmlElement(f"w:{edge}")
            for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", border)):
                element.set(qn(key), value)
            borders.append(element)
        properties.insert(1, borders)
    return paragraph


def _anchor(writer: _Writer) -> None:
    """LibreOffice anchors framed paragraphs to the paragraph after them: close each page's boxes with one, or
    they would land on the next page."""
    writer._format(writer.document.add_paragraph())


def _blank_page(writer: _Writer, layout: BlankLayout, text: CertificateText) -> None:
    writer.new_page()
    for name, style in BLANK_FIELDS.items():
        box = layout.fields.get(name)
        if box is None or not box.printed:
            continue
        lines = [line for line in text.field_lines(name) if line]
        if not lines:
            continue
        paragraph = _frame(writer, box)
        _lines(writer, paragraph, lines, bold=style.bold, italic=style.italic, size=box.size)
    _anchor(writer)


def blank_docx(layout: BlankLayout, texts: Sequence[CertificateText]) -> bytes:
    """Only the variable fields, at the blank's offsets, one page per certificate: to print on the phôi."""
    writer = _Writer(layout.page_width_mm, layout.page_height_mm, (0, 0, 0, 0))
    for text in texts:
        _blank_page(writer, layout, text)
    return writer.to_bytes()


RULER_COLOUR = "000000"
BOX_COLOUR = "0050B4"


def _tick(writer: _Writer, x: float, y: float, length: float, label: str, *, along: str) -> None:
    """A ruler mark: the left edge of a box ``length`` mm tall on the top ruler, the top edge of a box ``length``
    mm wide on the left ruler, with its number beside it."""
    if along == "top":
        box, height, side = BlankField(x, y, 8, 6, align="left"), length, "left"
    else:
        box, height, side = BlankField(x, y, length, 6, align="left"), 3.5, "top"
    paragraph = _frame(writer, box, height_mm=height, border=RULER_COLOUR, sides=[side])
    if label:
        writer._run(paragraph, label, size=6)


def alignment_sheet_docx(layout: BlankLayout, *, title: str) -> bytes:
    """One page for plain paper: every field's box outlined with its name, a millimetre ruler along the top and
    left edges (a mark each 5 mm, numbered each 10 mm) and a crosshair at the centre of the page."""
    writer = _Writer(layout.page_width_mm, layout.page_height_mm, (0, 0, 0, 0))
    writer.new_page()
    width, height = layout.page_width_mm, layout.page_height_mm
    # Printers leave the outer 4 mm blank: the marks start there.
    for x in range(10, int(width) - 4, 5):
        _tick(writer, x, 4, 4 if x % 10 == 0 else 2, str(x) if x % 10 == 0 else "", along="top")
    for y in range(10, int(height) - 4, 5):
        _tick(writer, 4, y, 8 if y % 10 == 0 else 4, str(y) if y % 10 == 0 else "", along="left")
    centre_x, centre_y = width / 2, height / 2
    _frame(
        writer, BlankField(centre_x - 10, centre_y, 20, 6), height_mm=1, border=RULER_COLOUR, sides=["top"]
    )
    _frame(
        writer, BlankField(centre_x, centre_y - 10, 10, 6), height_mm=20, border=RULER_COLOUR, sides=["left"]
    )
    caption = _frame(writer, BlankField(20, 12, width - 40, 10), border="")
    _lines(
        writer,
        caption,
        [
            title,
            "In trên giấy trắng, tỷ lệ 100% (không co giãn theo trang); đặt chồng lên phôi trước nguồn sáng rồi "
            "điều chỉnh tọa độ (mm, tính từ góc trên bên trái tờ giấy) cho khớp.",
        ],
        size=10,
    )
    for name, style in BLANK_FIELDS.items():
        box = layout.fields.get(name)
        if box is None:
            continue
        line_mm = box.size * 25.4 / 72 * 1.17
        label = f"{style.label} · x {box.x:g}, y {box.y:g}, rộng {box.width:g} mm, {box.size:g} pt"
        if not box.printed:
            label += " (in sẵn trên phôi)"
        paragraph = _frame(writer, box, height_mm=line_mm * style.lines, border=BOX_COLOUR)
        writer._run(paragraph, label, size=min(box.size, 9), italic=not box.printed)
    _anchor(writer)
    return writer.to_bytes()
