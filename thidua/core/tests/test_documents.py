import io
import os
import stat
import threading
import time
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn

from thidua.core.documents import (
    NATIONAL_NAME,
    GroupRow,
    IssuingBody,
    OfficialDocument,
    Signature,
    column_widths,
    vietnamese_date_line,
)
from thidua.core.pdf import PdfConversionFailed, PdfUnavailable, docx_to_pdf
from thidua.core.tests.pdf_layout import assert_decree_30_layout, needs_pdf_tools, pdf_pages

DISTRICT = IssuingBody(name_lines=["Ủy ban nhân dân", "huyện Long Phú"])
AGENCY = IssuingBody(superior_lines=["ỦY BAN NHÂN DÂN", "HUYỆN LONG PHÚ"], name_lines=["PHÒNG NỘI VỤ"])
FILLER = (
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 "
    "tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;"
)


@pytest.mark.parametrize(
    ("day", "line"),
    [
        (date(2021, 4, 28), "Long Phú, ngày 28 tháng 4 năm 2021"),
        (date(2021, 1, 5), "Long Phú, ngày 05 tháng 01 năm 2021"),
        (date(2021, 2, 15), "Long Phú, ngày 15 tháng 02 năm 2021"),
        (date(2021, 12, 9), "Long Phú, ngày 09 tháng 12 năm 2021"),
        (date(2022, 10, 14), "Long Phú, ngày 14 tháng 10 năm 2022"),
        (date(2021, 3, 1), "Long Phú, ngày 01 tháng 3 năm 2021"),
    ],
)
def test_place_and_date_line_follows_decree_30(day, line):
    assert vietnamese_date_line("Long Phú", day) == line


@pytest.mark.parametrize(
    ("signature", "lines"),
    [
        (Signature.on_behalf("Ủy ban nhân dân", "Chủ tịch"), ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        (
            Signature.on_behalf("ỦY BAN NHÂN DÂN", "CHỦ TỊCH", deputy="PHÓ CHỦ TỊCH"),
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        ),
        (Signature.head("Trưởng phòng"), ["TRƯỞNG PHÒNG"]),
        (Signature.head("CHỦ TỊCH", deputy="PHÓ CHỦ TỊCH"), ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ],
)
def test_signature_capacity_lines_follow_the_authority(signature, lines):
    assert list(signature.capacity) == lines


def decision(*, body_paragraphs: int = 2, annex_rows: int = 0, signatures=None) -> OfficialDocument:
    document = OfficialDocument(
        issuer=DISTRICT,
        number="01/QĐ-UBND",
        place="Long Phú",
        day=date(2022, 2, 5),
        kind="Quyết định",
        subject="Về việc tặng Giấy khen cho tập thể có thành tích\x01 xuất sắc",
    )
    for _ in range(body_paragraphs):
        document.paragraph(FILLER)
    document.heading("Điều 1.")
    document.paragraph("Tặng Giấy khen cho các tập thể có tên trong danh sách kèm theo.\x02")
    document.closing(
        signatures
        or [Signature.on_behalf("ỦY BAN NHÂN DÂN", "CHỦ TỊCH", deputy="PHÓ CHỦ TỊCH", name="Trần B")],
        ["Như Điều 3", "Phòng Nội vụ"],
        archive="VT, NV",
    )
    if annex_rows:
        document.annex(
            "Phụ lục",
            "Danh sách tập thể được tặng Giấy khen",
            "Kèm theo Quyết định số 01/QĐ-UBND ngày 05 tháng 02 năm 2022 của Chủ tịch Ủy ban nhân dân huyện",
        )
        document.table(
            ["STT", "Tên tập thể", "Danh hiệu", "Số tiền (đồng)"],
            [
                (index, f"Ủy ban nhân dân xã số {index}", "Tập thể lao động tiên tiến", "2.000.000")
                for index in range(1, annex_rows + 1)
            ],
            align=["center", "left", "left", "right"],
        )
    return document


def test_an_official_document_has_the_decree_30_page_and_header():
    reopened = Document(io.BytesIO(decision().to_bytes()))
    section = reopened.sections[0]
    # Word stores lengths in twentieths of a point, so compare in whole millimetres.
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(round(margin.mm) for margin in margins) == (20, 20, 30, 15)
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert reopened.styles["Normal"].font.name == "Times New Roman"
    header = reopened.tables[0]
    left, right = header.rows[0].cells
    assert [round(cell.width.mm) for cell in header.rows[0].cells] == [65, 100]
    assert [p.text for p in left.paragraphs if p.text] == ["ỦY BAN NHÂN DÂN", "HUYỆN LONG PHÚ"]
    assert all(run.bold for p in left.paragraphs for run in p.runs if run.text)
    national, motto = (p for p in right.paragraphs if p.text)
    assert (national.text, national.runs[0].font.size.pt, national.runs[0].bold) == (NATIONAL_NAME, 12, True)
    assert (motto.text, motto.runs[0].font.size.pt, motto.runs[0].bold) == (
        "Độc lập - Tự do - Hạnh phúc",
        13,
        True,
    )
    # The rules are borders of narrow empty paragraphs, never underscores.
    assert "_" not in header._tbl.xml.replace("w:", "")
    rules = [p for p in right.paragraphs if p._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is not None]
    assert len(rules) == 1 and 45 < 100 - 2 * rules[0].paragraph_format.left_indent.mm < 70
    number, dated = header.rows[1].cells
    assert number.text == "Số: 01/QĐ-UBND"
    assert dated.text == "Long Phú, ngày 05 tháng 02 năm 2022" and dated.paragraphs[0].runs[0].italic
    text = "\n".join(paragraph.text for paragraph in reopened.paragraphs)
    assert "QUYẾT ĐỊNH" in text and "\x01" not in text and "thành tích xuất sắc" in text
    recipients, signature = reopened.tables[1].rows[0].cells
    assert [p.text for p in recipients.paragraphs] == [
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Phòng Nội vụ;",
        "- Lưu: VT, NV.",
    ]
    assert [p.text for p in signature.paragraphs if p.text] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần B",
    ]


def test_a_superior_body_is_written_regular_above_the_bold_issuer():
    document = OfficialDocument(
        issuer=AGENCY, number="02/BC-PNV", place="Long Phú", day=date(2022, 3, 1), kind="Báo cáo"
    )
    left = Document(io.BytesIO(document.to_bytes())).tables[0].rows[0].cells[0]
    lines = [(p.text, p.runs[0].bold) for p in left.paragraphs if p.text]
    assert lines == [("ỦY BAN NHÂN DÂN", False), ("HUYỆN LONG PHÚ", False), ("PHÒNG NỘI VỤ", True)]


def test_a_data_table_has_fixed_widths_a_repeated_header_and_rows_that_do_not_split():
    document = decision(annex_rows=3)
    document.table(
        ["STT", "Nội dung"], [GroupRow("Bài trí công sở"), (1, "Treo Quốc kỳ")], widths_mm=(15, 150)
    )
    reopened = Document(io.BytesIO(document.to_bytes()))
    annex, checklist = reopened.tables[2], reopened.tables[3]
    assert annex._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    grid = [round(column.w.mm) for column in annex._tbl.tblGrid.gridCol_lst]
    assert abs(sum(column.w.mm for column in annex._tbl.tblGrid.gridCol_lst) - 165) < 0.1
    for row in annex.rows:
        assert [round(cell.width.mm) for cell in row.cells] == grid
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    assert annex.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert annex.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    assert [cell.text for cell in annex.rows[1].cells] == [
        "1",
        "Ủy ban nhân dân xã số 1",
        "Tập thể lao động tiên tiến",
        "2.000.000",
    ]
    assert checklist.rows[1]._tr.tc_lst[0].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "2"
    assert [round(column.w.mm) for column in checklist._tbl.tblGrid.gridCol_lst] == [15, 150]


def test_column_widths_follow_the_content_and_fill_the_text_width():
    widths = column_widths(
        ["STT", "Nội dung kiểm tra", "Kết quả"],
        [(1, "Quốc kỳ, Quốc huy treo đúng quy định tại nơi trang trọng của trụ sở", "Đạt")],
        165,
        size=12,
    )
    assert round(sum(widths), 6) == 165
    number, content, result = widths
    assert content > 2 * result and content > 2 * number and number >= 10


def test_an_annex_starts_on_a_new_page_with_its_heading():
    reopened = Document(io.BytesIO(decision(annex_rows=2).to_bytes()))
    texts = [p.text for p in reopened.paragraphs]
    start = texts.index("Phụ lục")
    assert 'w:type="page"' in reopened.paragraphs[start - 1]._p.xml
    assert texts[start + 1] == "DANH SÁCH TẬP THỂ ĐƯỢC TẶNG GIẤY KHEN"
    assert texts[start + 2].startswith("(Kèm theo Quyết định số 01/QĐ-UBND")


def test_a_hundred_unit_annex_renders_well_under_two_seconds():
    started = time.perf_counter()
    content = decision(annex_rows=100).to_bytes()
    assert time.perf_counter() - started < 1.5
    assert len(Document(io.BytesIO(content)).tables[2].rows) == 101


@needs_pdf_tools
def test_documents_convert_to_pdf_in_parallel_with_the_decree_30_layout():
    # Two conversions at once must not collide on LibreOffice's profile. The first has a 100-unit annex; the
    # second is long enough that its closing block falls at a page boundary, where the last paragraph goes with it.
    documents = [decision(annex_rows=100).to_bytes(), decision(body_paragraphs=8).to_bytes()]
    results: dict[int, bytes] = {}

    def convert(index: int) -> None:
        results[index] = docx_to_pdf(documents[index])

    threads = [threading.Thread(target=convert, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    annexed, long = pdf_pages(results[0]), pdf_pages(results[1])
    for pages in (annexed, long):
        assert_decree_30_layout(
            pages,
            number="01/QĐ-UBND",
            date_line="Long Phú, ngày 05 tháng 02 năm 2022",
            closing_marker="Nơi nhận:",
        )
    assert len(annexed) == 4
    annex_pages = annexed[1:]
    # The annex table's header row is repeated on every annex page.
    assert all(any("STT" in line and "Tên tập thể" in line for line in page) for page in annex_pages)
    assert sum(line.strip().startswith(("1 ", "100 ")) for page in annex_pages for line in page) >= 2
    assert len(long) == 2
    assert any("Tặng Giấy khen cho các tập thể" in line for line in long[1])


def test_docx_to_pdf_says_clearly_when_libreoffice_is_missing(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(PdfUnavailable, match="libreoffice-writer-nogui"):
        docx_to_pdf(decision().to_bytes())


def test_docx_to_pdf_gives_up_after_its_timeout(monkeypatch, tmp_path):
    hanging = tmp_path / "soffice"
    hanging.write_text("#!/bin/sh\nsleep 30\n")
    hanging.chmod(hanging.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    started = time.perf_counter()
    with pytest.raises(PdfConversionFailed, match="longer than 1"):
        docx_to_pdf(decision().to_bytes(), timeout=1)
    assert time.perf_counter() - started < 10
