"""The inspection record ("Biên bản kiểm tra") as DOCX in the Decree 30/2020/NĐ-CP format.

A4 portrait, margins 20/20/30/15 mm, Times New Roman; the issuing body at the left of the header and the national
heading at the right; number, place and date in italics; page numbers centred in the top margin from page 2.
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from thidua.core.documents import add_page_number_field, vietnamese_date_line
from thidua.core.text import clean_text, printable
from thidua.inspections.models import FindingResult, Inspection, InspectionKind
from thidua.inspections.selectors import inspection_score
from thidua.inspections.services import issuing_body
from thidua.organizations.models import Unit

FONT = "Times New Roman"
RESULT_TEXT = {
    FindingResult.PASS: "Đạt",
    FindingResult.FAIL: "Không đạt",
    FindingResult.NOT_APPLICABLE: "Không áp dụng",
    "": "Chưa kiểm tra",
}
GROUP_TEXT = {
    "layout": "Bài trí công sở",
    "dress": "Trang phục, thẻ công chức",
    "communication": "Giao tiếp, ứng xử",
    "discipline": "Kỷ luật, kỷ cương, thời giờ làm việc",
    "institutional": "Thể chế, tổ chức thực hiện",
}
KIND_TEXT = {
    InspectionKind.SELF: "tự kiểm tra",
    InspectionKind.SCHEDULED: "kiểm tra theo kế hoạch",
    InspectionKind.UNANNOUNCED: "kiểm tra đột xuất",
}
COMMITTEE_PREFIXES = ("ủy ban nhân dân", "uỷ ban nhân dân")


def issuer_lines(body: Unit) -> list[str]:
    """The issuing body's lines, in capitals: "ỦY BAN NHÂN DÂN / HUYỆN LONG PHÚ", or superior / body."""
    name = clean_text(body.official_name or body.name)
    if name.casefold().startswith(COMMITTEE_PREFIXES):
        rest = name[len(COMMITTEE_PREFIXES[0]) :].strip()
        return ["ỦY BAN NHÂN DÂN", rest.upper()] if rest else ["ỦY BAN NHÂN DÂN"]
    lines = []
    if body.parent_id:
        lines.append(clean_text(body.parent.official_name or body.parent.name).upper())
    lines.append(name.upper())
    return lines


def _run(paragraph, text: str, *, bold=False, italic=False, size=13):
    run = paragraph.add_run(printable(text))
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return run


def _paragraph(container, text: str = "", *, align=None, bold=False, italic=False, size=13, space_after=0):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.space_before = Pt(0)
    if text:
        _run(paragraph, text, bold=bold, italic=italic, size=size)
    return paragraph


def _rule_below(paragraph) -> None:
    """The short rule under the header lines, drawn as a bottom border of the paragraph."""
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    properties.append(borders)


def _no_borders(table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def _cell_text(cell, text: str, *, bold=False, italic=False, size=12, align=None):
    cell.paragraphs[0].text = ""
    paragraph = cell.paragraphs[0]
    if align is not None:
        paragraph.alignment = align
    _run(paragraph, text, bold=bold, italic=italic, size=size)
    return paragraph


def _setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True
    header_paragraph = section.header.paragraphs[0]
    header_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_page_number_field(_run(header_paragraph, "", size=13))
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _header(document, inspection: Inspection, body: Unit) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(70), Mm(95)
    lines = issuer_lines(body)
    left.paragraphs[0].text = ""
    for index, line in enumerate(lines):
        paragraph = left.paragraphs[0] if index == 0 else left.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # The superior body is regular, the issuing body bold (Decree 30, annex I).
        _run(paragraph, line, bold=index == len(lines) - 1, size=13)
    _rule_below(left.paragraphs[-1])
    number = inspection.record_number or "     /BB-"
    paragraph = left.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, f"Số: {number}", size=13)

    _cell_text(
        right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    motto = right.add_paragraph()
    motto.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(motto, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13)
    _rule_below(motto)
    dated = right.add_paragraph()
    dated.alignment = WD_ALIGN_PARAGRAPH.CENTER
    place = body.name if body.kind == "district" or not body.parent_id else body.parent.name
    _run(dated, vietnamese_date_line(place, inspection.inspected_on), italic=True, size=13)


def inspection_record_docx(inspection: Inspection) -> bytes:
    unit = inspection.unit
    body = issuing_body(inspection)
    document = Document()
    _setup(document)
    _header(document, inspection, body)

    _paragraph(document, "", space_after=6)
    _paragraph(document, "BIÊN BẢN KIỂM TRA", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=14)
    _paragraph(
        document,
        f"Việc thực hiện văn hóa công sở ({KIND_TEXT[inspection.kind]}) tại {unit.official_name}",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        bold=True,
        size=14,
        space_after=12,
    )
    if inspection.is_demo:
        _paragraph(
            document, "(Dữ liệu minh họa — demo)", align=WD_ALIGN_PARAGRAPH.CENTER, italic=True, size=12
        )

    inspectors = [person.get_full_name() or person.username for person in inspection.inspectors.all()]
    _paragraph(
        document,
        f"Hôm nay, {vietnamese_date_line('', inspection.inspected_on).lstrip(', ')}, tại {unit.official_name}, "
        f"đã tiến hành kiểm tra việc thực hiện văn hóa công sở theo bảng kiểm tra "
        f"“{inspection.template.title}” (phiên bản {inspection.template.version}).",
        space_after=6,
    )
    _paragraph(document, "Thành phần kiểm tra:", bold=True)
    for name in inspectors:
        _paragraph(document, f"- Ông/Bà {name}")
    if inspection.team_note:
        _paragraph(document, f"- {inspection.team_note}")
    _paragraph(document, "", space_after=6)
    _paragraph(document, "Kết quả kiểm tra:", bold=True, space_after=6)

    findings = {finding.item_id: finding for finding in inspection.findings.all()}
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (Mm(12), Mm(78), Mm(35), Mm(22), Mm(18))
    for cell, text, width in zip(
        table.rows[0].cells, ("STT", "Nội dung kiểm tra", "Căn cứ", "Kết quả", "Ghi chú"), widths, strict=True
    ):
        cell.width = width
        _cell_text(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    current_group = None
    for number, item in enumerate(inspection.template.items_for(unit), start=1):
        if item.group != current_group:
            current_group = item.group
            row = table.add_row().cells
            merged = row[0].merge(row[4])
            _cell_text(merged, GROUP_TEXT.get(item.group, item.group), bold=True)
        finding = findings.get(item.pk)
        values = (
            str(number),
            item.text,
            item.legal_reference,
            RESULT_TEXT[finding.result if finding else ""],
            finding.note if finding else "",
        )
        for cell, text, width in zip(table.add_row().cells, values, widths, strict=True):
            cell.width = width
            _cell_text(cell, text, align=WD_ALIGN_PARAGRAPH.CENTER if text == str(number) else None)

    score = inspection_score(inspection)
    _paragraph(document, "", space_after=6)
    if score.percent is not None:
        _paragraph(
            document,
            f"Tỷ lệ đạt (có trọng số, không tính nội dung không áp dụng): {_plain(score.percent)}% "
            f"({_plain(score.passed_weight)}/{_plain(score.applicable_weight)}).",
            space_after=6,
        )
    remediations = [finding.remediation for finding in findings.values() if hasattr(finding, "remediation")]
    if remediations:
        _paragraph(document, "Yêu cầu khắc phục:", bold=True)
        for remediation in remediations:
            _paragraph(
                document,
                f"- {remediation.finding.item.text}: {remediation.required_action or 'khắc phục'}; "
                f"người chịu trách nhiệm: {remediation.owner}; thời hạn: {remediation.due_date:%d/%m/%Y}.",
            )
    if inspection.conclusion:
        _paragraph(document, "Kết luận:", bold=True)
        _paragraph(document, inspection.conclusion, space_after=6)
    _paragraph(
        document,
        "Biên bản được lập thành 02 bản, đơn vị được kiểm tra giữ 01 bản, đoàn kiểm tra giữ 01 bản.",
        space_after=12,
    )

    signatures = document.add_table(rows=1, cols=2)
    _no_borders(signatures)
    left, right = signatures.rows[0].cells
    _cell_text(left, "ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    left.add_paragraph().alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(left.paragraphs[-1], "(Ký, ghi rõ họ tên)", italic=True, size=13)
    signer_title = "NGƯỜI TỰ KIỂM TRA" if inspection.kind == InspectionKind.SELF else "TRƯỞNG ĐOÀN KIỂM TRA"
    _cell_text(right, signer_title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    right.add_paragraph().alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(right.paragraphs[-1], "(Ký, ghi rõ họ tên)", italic=True, size=13)
    for _blank in range(3):
        right.add_paragraph()
    if inspectors:
        closing = right.add_paragraph()
        closing.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(closing, inspectors[0], bold=True)

    _paragraph(document, "", space_after=12)
    _paragraph(document, "Nơi nhận:", bold=True, italic=True, size=12)
    for line in (f"- {unit.official_name};", f"- {body.official_name};", "- Lưu: VT, hồ sơ kiểm tra."):
        _paragraph(document, line, size=11)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _plain(value) -> str:
    """A number as Vietnamese documents write it: decimal comma, no trailing zeros beyond the cents."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")
