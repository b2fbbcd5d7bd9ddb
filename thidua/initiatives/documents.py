"""The DOCX record of one model for the unit's dossier, in the basic format of Decree 30/2020/NĐ-CP."""

import io
from decimal import Decimal

from django.utils import timezone
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from thidua.core.documents import add_page_number_field
from thidua.core.text import printable
from thidua.initiatives.models import ReformModel

FONT = "Times New Roman"


def _font(run, size=13, bold=False, italic=False):
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    # East-Asian fallback font too, so Word never substitutes another face for Vietnamese text.
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return run


def _paragraph(container, text="", *, size=13, bold=False, italic=False, align=None, space_after=4):
    paragraph = container.add_paragraph()
    if text:
        _font(paragraph.add_run(printable(text)), size=size, bold=bold, italic=italic)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    return paragraph


def _page_number_header(section) -> None:
    """Page numbers centred in the top margin, none on the first page (Decree 30/2020, annex I)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_page_number_field(_font(paragraph.add_run(), size=13))


def vietnamese_number(value) -> str:
    """12000000 → "12.000.000", 7.5 → "7,5" (Vietnamese separators)."""
    number = Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number):,}".replace(",", ".")
    integer, fraction = f"{number.normalize():f}".split(".")
    return f"{int(integer):,}".replace(",", ".") + "," + fraction


def _issuer_lines(model: ReformModel) -> tuple[str, str]:
    parent = model.unit.parent
    upper = (parent.official_name if parent else "").upper()
    return upper, model.unit.official_name.upper()


def model_record_docx(model: ReformModel) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    _page_number_header(section)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)

    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    left.width, right.width = Mm(65), Mm(100)
    upper, own = _issuer_lines(model)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if upper:
        _font(left.paragraphs[0].add_run(printable(upper)), size=12)
        _paragraph(left, own, size=12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    else:
        _font(left.paragraphs[0].add_run(printable(own)), size=12, bold=True)
    _paragraph(left, "________", size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), size=12, bold=True)
    _paragraph(
        right,
        "Độc lập - Tự do - Hạnh phúc",
        size=13,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=0,
    )
    _paragraph(right, "________________________", size=13, align=WD_ALIGN_PARAGRAPH.CENTER)

    today = timezone.localdate()
    place = model.unit.parent.name if model.unit.parent else model.unit.name
    line = document.add_table(rows=1, cols=2)
    number_cell, date_cell = line.rows[0].cells
    number_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(number_cell.paragraphs[0].add_run("Số:      /BC-" + model.unit.code.upper()[:12]), size=13)
    date_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(
        date_cell.paragraphs[0].add_run(
            printable(f"{place}, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}")
        ),
        size=13,
        italic=True,
    )

    _paragraph(document, "BÁO CÁO", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _paragraph(
        document,
        "Mô hình cải cách hành chính gắn với văn hóa công sở",
        size=14,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=0,
    )
    _paragraph(
        document, f"“{model.title}”", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12
    )

    facts = [
        ("Đơn vị", model.unit.official_name),
        ("Kế hoạch", f"{model.campaign.number} — năm {model.year}"),
        ("Lĩnh vực", str(model.get_category_display())),
        ("Ngày bắt đầu áp dụng", model.started_on.strftime("%d/%m/%Y")),
        ("Trạng thái", str(model.get_status_display())),
    ]
    if model.source_id:
        facts.append(
            ("Nhân rộng từ mô hình của", f"{model.source.unit.official_name} — {model.source.title}")
        )
    for label, value in facts:
        paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        _font(paragraph.add_run(f"{label}: "), bold=True)
        _font(paragraph.add_run(printable(value)))

    sections = [
        ("1. Vấn đề cần giải quyết", model.problem),
        ("2. Nội dung, cách làm", model.solution),
    ]
    for heading, text in sections:
        _paragraph(document, heading, bold=True, space_after=2)
        for line_text in text.splitlines() or [""]:
            _paragraph(document, line_text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    _paragraph(document, "3. Hiệu quả đo được", bold=True, space_after=2)
    effects = model.effects()
    if effects:
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("Chỉ tiêu", "Giá trị", "Cách đo"), strict=True):
            _font(cell.paragraphs[0].add_run(text), size=12, bold=True)
        for label, value, method in effects:
            cells = table.add_row().cells
            _font(cells[0].paragraphs[0].add_run(printable(label)), size=12)
            _font(cells[1].paragraphs[0].add_run(vietnamese_number(value)), size=12)
            _font(cells[2].paragraphs[0].add_run(printable(method)), size=12)
    else:
        _paragraph(document, "Chưa có số liệu đo lường.", italic=True)

    _paragraph(document, "4. Minh chứng và liên kết", bold=True, space_after=2)
    items = [
        f"- {evidence.original_name}" + (f": {evidence.description}" if evidence.description else "")
        for evidence in model.evidence.all()
    ]
    items += [f"- {link}" for link in model.link_list()]
    for item in items or ["- Không có."]:
        _paragraph(document, item)

    appraisal = model.appraisals.first()
    if appraisal is not None:
        _paragraph(document, "5. Kết quả thẩm định", bold=True, space_after=2)
        _paragraph(
            document,
            f"Ngày {timezone.localtime(appraisal.created_at):%d/%m/%Y}: {appraisal.decision_label}."
            + (f" {appraisal.reason}" if appraisal.reason else ""),
        )
        for label, _code, verdict, comment in appraisal.criteria():
            _paragraph(document, f"- {label}: {verdict}" + (f" — {comment}" if comment else ""))

    signature = document.add_table(rows=1, cols=2)
    recipients, signer = signature.rows[0].cells
    _font(recipients.paragraphs[0].add_run("Nơi nhận:"), size=12, bold=True, italic=True)
    for line_text in ("- Phòng Nội vụ huyện;", "- Lưu: VT."):
        _paragraph(recipients, line_text, size=11, space_after=0)
    signer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(signer.paragraphs[0].add_run("THỦ TRƯỞNG ĐƠN VỊ"), size=13, bold=True)
    _paragraph(signer, "(Ký, ghi rõ họ tên, đóng dấu)", size=12, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
