"""The dossier's documents: the invitation numbered GM, the public notices (proposed, awarded), the appraisal sheet
(DOCX/PDF internal, XLSX), with their access."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from conftest import PERSONAS
from thidua.awards.dossier_documents import appraisal_docx, notice_docx
from thidua.awards.models import AwardDecision, NoticeKind, PublicNotice
from thidua.awards.tests.test_achievement_report import pdf_text
from thidua.organizations.models import DocumentType, IssuedDocument

pytestmark = pytest.mark.django_db

STAFF = {"district_officer", "inspector", "council_member", "chairman", "viewer"}


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_invitation_is_numbered_as_a_giay_moi(world, client_as, proposed_round):
    from thidua.awards import services

    session = services.session_create(
        actor=world.user("district_officer"),
        evaluation_round=proposed_round,
        held_on=proposed_round.planned_decision_date,
        place="Phòng họp",
    )
    response = client_as("district_officer").get(f"/awards/sessions/{session.pk}/giay-moi.docx")
    assert response.status_code == 200
    entry = IssuedDocument.objects.get(reference=f"award-invitation:{session.pk}")
    assert entry.type_code == DocumentType.INVITATION == "GM" and "/GM-" in entry.number


def test_the_notice_of_the_proposed_units_is_public_and_lists_them(world, client, proposed_round):
    notice = PublicNotice.objects.get(round=proposed_round, kind=NoticeKind.PROPOSED)
    text = flat(pdf_text(notice_docx(notice)))
    assert "THÔNG BÁO" in text and f"Số: {notice.number}" in text
    assert world.unit_a.official_name in text and "Ngoại lệ: Mô hình được tỉnh công nhận" in text
    assert client.get(f"/awards/rounds/{proposed_round.pk}/thong-bao-de-nghi.docx").status_code == 200
    assert notice.number in client.get("/awards/awarded/2021/").content.decode()


def test_the_notice_of_the_awarded_units_follows_the_decision(world, client, decided_round):
    decision = AwardDecision.objects.get(round=decided_round)
    notice = PublicNotice.objects.get(decision=decision, kind=NoticeKind.AWARDED)
    assert notice.issued_on == decision.issued_on and [item["unit"] for item in notice.units] == [
        world.unit_a.official_name
    ]
    text = flat(pdf_text(notice_docx(notice)))
    assert f"Quyết định số {decision.number}" in text and "65" in text
    assert client.get(f"/awards/decisions/{decision.pk}/thong-bao.pdf").status_code == 200


def test_the_appraisal_sheet_puts_computed_and_adjusted_scores_side_by_side(world, opened_round):
    from decimal import Decimal

    from thidua.awards import services
    from thidua.awards.models import EvaluationFigure

    figure = EvaluationFigure.objects.get(
        entry__round=opened_round, entry__unit=world.unit_a, code="initiative"
    )
    services.figure_adjust(
        actor=world.user("district_officer"),
        figure=figure,
        points=Decimal(8),
        reason="Có sáng kiến được huyện công nhận",
        evidence_url="/evidence/x",
    )
    docx_bytes = appraisal_docx(opened_round)
    assert "PHIẾU THẨM ĐỊNH" in flat(pdf_text(docx_bytes))
    table = Document(io.BytesIO(docx_bytes)).tables[-2]  # the last is the signature block
    rows = {row.cells[1].text: [cell.text for cell in row.cells] for row in table.rows[1:]}
    unit_a = rows[world.unit_a.official_name]
    assert unit_a[2:4] == ["65", "73"]  # computed and adjusted, side by side
    assert "Có sáng kiến được huyện công nhận" in unit_a[4] and unit_a[5] == "Đủ điều kiện"
    assert unit_a[6:] == ["Chưa có", "Chưa đề nghị"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_appraisal_sheet_is_for_the_authoritys_staff(client_as, decided_round, persona):
    for file_format in ("docx", "xlsx"):
        response = client_as(persona).get(f"/awards/rounds/{decided_round.pk}/phieu-tham-dinh.{file_format}")
        expected = 302 if persona == "anonymous" else 200 if persona in STAFF else 404
        assert response.status_code == expected


def test_the_appraisal_xlsx_lists_every_unit_with_its_report_status(world, client_as, decided_round):
    response = client_as("district_officer").get(f"/awards/rounds/{decided_round.pk}/phieu-tham-dinh.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    units = {row[1]: row for row in rows if isinstance(row[0], int)}
    assert set(units) == {entry.unit.official_name for entry in decided_round.entries.select_related("unit")}
    assert units[world.unit_a.official_name][-1] == "Đề nghị"
    assert units[world.unit_a.official_name][-2] == "Đã chấp nhận"
