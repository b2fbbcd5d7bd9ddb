import io
from datetime import date

import pytest
from docx import Document

from thidua.core.documents import Header, OfficialDocument, Signature, vietnamese_date_line


@pytest.mark.parametrize(
    ("day", "line"),
    [
        (date(2021, 4, 28), "Long Phú, ngày 28 tháng 4 năm 2021"),
        (date(2021, 1, 5), "Long Phú, ngày 05 tháng 01 năm 2021"),
        (date(2021, 2, 15), "Long Phú, ngày 15 tháng 02 năm 2021"),
        (date(2021, 12, 9), "Long Phú, ngày 09 tháng 12 năm 2021"),
    ],
)
def test_place_and_date_line_follows_decree_30(day, line):
    assert vietnamese_date_line("Long Phú", day) == line


def test_an_official_document_has_the_decree_30_layout():
    document = OfficialDocument(
        header=Header(
            parent_body="Ủy ban nhân dân tỉnh Sóc Trăng",
            issuing_body="Ủy ban nhân dân huyện Long Phú",
            number="Số: 12/BB-UBND",
            place="Long Phú",
            day=date(2021, 5, 3),
        ),
        kind="Biên bản",
        subject="Kiểm tra việc thực hiện văn hóa công sở",
        recipients=["UBND thị trấn Long Phú", "Lưu: VT, NV"],
    )
    document.paragraph("Hôm nay, vào lúc 8 giờ 00 phút.")
    document.table(["STT", "Nội dung", "Kết quả"], [[1, "Đeo thẻ công chức", "Đạt"]])
    document.signatures(
        Signature("ĐẠI DIỆN ĐƠN VỊ", "CHỦ TỊCH", "Nguyễn Văn A"), Signature("", "TRƯỞNG ĐOÀN", "")
    )
    reopened = Document(io.BytesIO(document.to_bytes()))
    section = reopened.sections[0]
    # Word stores lengths in twentieths of a point, so compare in whole millimetres.
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(round(margin.mm) for margin in margins) == (20, 20, 30, 15)
    assert section.different_first_page_header_footer
    assert reopened.styles["Normal"].font.name == "Times New Roman"
    header_text = "\n".join(cell.text for cell in reopened.tables[0]._cells)
    for expected in [
        "ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG",
        "ỦY BAN NHÂN DÂN HUYỆN LONG PHÚ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/BB-UBND",
        "Long Phú, ngày 03 tháng 5 năm 2021",
    ]:
        assert expected in header_text
    text = "\n".join(paragraph.text for paragraph in reopened.paragraphs)
    assert "BIÊN BẢN" in text and "Nơi nhận:" in text and "- Lưu: VT, NV." in text
    assert reopened.tables[1].rows[1].cells[1].text == "Đeo thẻ công chức"
