"""The awards' documents, from the one builder: the numbers, names and amounts they print, and the PDF copy."""

import io

import pytest
from docx import Document

from thidua.awards.models import AwardDecision, CouncilSession
from thidua.core.tests.pdf_layout import assert_decree_30_layout, needs_pdf_tools, pdf_pages
from thidua.organizations.models import IssuedDocument

pytestmark = pytest.mark.django_db


def texts(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return lines


def joined(content: bytes) -> str:
    return "\n".join(texts(content))


def test_the_decision_prints_its_number_bases_articles_and_amounts(world, client, decided_round):
    decision = AwardDecision.objects.get()
    response = client.get(f"/awards/decisions/{decision.pk}/quyet-dinh.docx")
    text = joined(response.content)
    assert f"Số: {decision.number}" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN LONG PHÚ" in text
    assert "Căn cứ Nghị định số 91/2017/NĐ-CP" in text
    assert f"Theo đề nghị của Trưởng phòng Nội vụ tại Tờ trình số {decision.proposal_number}" in text
    assert "Điều 1. Tặng Giấy khen cho 01 tập thể" in text
    assert "894.000 đồng (Tám trăm chín mươi tư nghìn đồng)" in text
    assert "0.6 lần mức lương cơ sở (1.490.000 đồng)" in text
    assert f"(Kèm theo Quyết định số {decision.number} ngày 15 tháng 02 năm 2022" in text
    assert world.unit_a.official_name in texts(response.content)
    assert "Tổng cộng: 894.000 đồng." in text


def test_downloading_the_decision_again_uses_no_new_number(client, decided_round):
    decision = AwardDecision.objects.get()
    before = IssuedDocument.objects.count()
    client.get(f"/awards/decisions/{decision.pk}/quyet-dinh.docx")
    client.get(f"/awards/decisions/{decision.pk}/quyet-dinh.docx")
    assert IssuedDocument.objects.count() == before


def test_the_proposal_lists_the_units_the_council_passed(world, client_as, decided_round):
    response = client_as("district_officer").get(f"/awards/rounds/{decided_round.pk}/to-trinh.docx")
    text = joined(response.content)
    assert "TỜ TRÌNH" in text and f"Số: {decided_round.proposal_number}" in text
    assert world.unit_a.official_name in text and world.unit_b.official_name not in text.split("TỜ TRÌNH")[1]


def test_the_minutes_give_the_vote_per_candidate_with_its_denominator(world, client_as, decided_round):
    session = CouncilSession.objects.get()
    response = client_as("council_member").get(f"/awards/sessions/{session.pk}/bien-ban.docx")
    lines = texts(response.content)
    text = "\n".join(lines)
    assert "BIÊN BẢN" in text and "Thành viên có mặt: 5/5" in text
    # unit A: 4 agree, 0 disagree, 1 abstain of all five members → 80%
    row = lines[lines.index(world.unit_a.official_name) : lines.index(world.unit_a.official_name) + 7]
    assert row == [world.unit_a.official_name, "5", "4", "0", "1", "80% (Tổng số thành viên: 5)", "Đạt"]


def test_the_counting_record_is_written_for_a_secret_ballot(world, client_as, decided_round):
    session = CouncilSession.objects.get()
    response = client_as("chairman").get(f"/awards/sessions/{session.pk}/kiem-phieu.docx")
    text = joined(response.content)
    assert "BIÊN BẢN KIỂM PHIẾU" in text and "Số phiếu thu về: 5" in text


def test_the_invitation_names_the_date_and_place(world, client_as, proposed_round):
    from datetime import date

    from thidua.awards import services

    session = services.session_create(
        actor=world.user("district_officer"),
        evaluation_round=proposed_round,
        held_on=date(2022, 1, 20),
        place="Phòng họp số 2",
    )
    response = client_as("district_officer").get(f"/awards/sessions/{session.pk}/giay-moi.docx")
    text = joined(response.content)
    assert "GIẤY MỜI" in text and "ngày 20 tháng 01 năm 2022" in text and "Phòng họp số 2" in text
    assert client_as("council_member").get(f"/awards/sessions/{session.pk}/giay-moi.docx").status_code == 403


@pytest.mark.parametrize("persona", ["anonymous", "officer_b"])
def test_the_council_documents_are_not_for_outsiders(world, client_as, decided_round, persona):
    session = CouncilSession.objects.get()
    response = client_as(persona).get(f"/awards/sessions/{session.pk}/bien-ban.docx")
    assert response.status_code in {302, 404}


@pytest.mark.parametrize(
    "url", ["/awards/decisions/1/quyet-dinh.exe", "/awards/decisions/999/quyet-dinh.docx"]
)
def test_an_unknown_document_answers_404(client, decided_round, url):
    assert client.get(url).status_code == 404


@needs_pdf_tools
def test_the_decision_pdf_keeps_the_decree_30_layout_its_number_and_amounts(client, decided_round):
    decision = AwardDecision.objects.get()
    response = client.get(f"/awards/decisions/{decision.pk}/quyet-dinh.pdf")
    assert response.status_code == 200 and response.content[:4] == b"%PDF"
    pages = pdf_pages(response.content)
    assert_decree_30_layout(
        pages,
        number=decision.number,
        date_line="Long Phú, ngày 15 tháng 02 năm 2022",
        closing_marker="Nơi nhận:",
    )
    text = " ".join(" ".join(line.split()) for page in pages for line in page)
    assert "Tám trăm chín mươi tư nghìn đồng" in text and "894.000" in text
    annex = " ".join(" ".join(line.split()) for line in pages[-1])
    assert "DANH SÁCH" in annex and "Ủy ban nhân dân thị trấn Long Phú" in annex


def test_the_award_register_extract_and_the_payout_list_carry_the_numbers_and_amounts(
    world, client_as, decided_round
):
    from openpyxl import load_workbook

    decision = AwardDecision.objects.get()
    client = client_as("district_officer")

    def first_data_row(url):
        # The rows after the header row (the title block above it names the authority and the decision).
        rows = list(load_workbook(io.BytesIO(client.get(url).content)).active.iter_rows(values_only=True))
        header = next(index for index, row in enumerate(rows) if row[0] == "STT")
        return rows[header + 1]

    row = first_data_row(f"/awards/decisions/{decision.pk}/so-vang.xlsx")
    assert row[:4] == (1, 2022, 1, world.unit_a.official_name) and row[6] == decision.number
    assert first_data_row(f"/awards/decisions/{decision.pk}/chi-tien.xlsx")[:5] == (
        1,  # the number in the list
        world.unit_a.official_name,
        decision.number,
        894000,
        "Tám trăm chín mươi tư nghìn đồng",
    )


@pytest.mark.parametrize("persona", ["anonymous", "officer_a", "head_b"])
def test_the_register_and_payout_are_for_the_authoritys_staff(client_as, decided_round, persona):
    decision = AwardDecision.objects.get()
    response = client_as(persona).get(f"/awards/decisions/{decision.pk}/chi-tien.xlsx")
    # the round is public once decided, so a signed-in outsider is refused (403) rather than not found
    assert response.status_code == (302 if persona == "anonymous" else 403)
