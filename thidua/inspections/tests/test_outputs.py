"""What other parts of the product read from inspections: campaign progress, the API, the documents, demo data."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from thidua.core.documents import vietnamese_date_line as place_and_date
from thidua.core.tests.pdf_layout import assert_decree_30_layout, needs_pdf_tools, pdf_pages
from thidua.inspections.models import ChecklistTemplate, Inspection, Remediation
from thidua.organizations.models import IssuedDocument

from .conftest import ALL_PASS

pytestmark = pytest.mark.django_db


def office_culture(progress: dict, unit_code: str) -> dict:
    row = next(row for row in progress["rows"] if row["unit"]["code"] == unit_code)
    return next(target for target in row["targets"] if target["indicator"] == "office_culture")


def test_the_progress_api_reports_office_culture_from_the_score(world, client, make_inspection):
    # unit A: 5 of 6 = 83.33 ≥ 80 → met; unit B: 4 of 6 = 66.67 → not met (its perfect self-inspection not counted); the agency: not inspected → no data
    make_inspection(answers={"flag": "pass", "card": "fail", "smoking": "pass"}, status="submitted")
    make_inspection(
        unit=world.unit_b, answers={"flag": "fail", "card": "pass", "smoking": "pass"}, status="reviewed"
    )
    make_inspection(unit=world.unit_b, kind="self", answers=ALL_PASS, status="submitted")
    progress = client.get(f"/api/campaigns/{world.campaign.pk}/progress?year=2021").json()
    a = office_culture(progress, "t-tt-long-phu")
    assert (a["status"], Decimal(str(a["value"])), Decimal(str(a["threshold"]))) == (
        "met",
        Decimal("83.33"),
        Decimal(80),
    )
    b = office_culture(progress, "t-xa-long-phu")
    assert (b["status"], Decimal(str(b["value"]))) == ("not_met", Decimal("66.67"))
    agency = office_culture(progress, "t-phong-tu-phap")
    assert (agency["status"], agency["value"]) == ("no_data", None)
    # another year has no inspections: no data, not zero
    later = client.get(f"/api/campaigns/{world.campaign.pk}/progress?year=2022").json()
    assert office_culture(later, "t-tt-long-phu")["status"] == "no_data"


def test_the_threshold_comes_from_the_campaign_target(world, client, make_inspection):
    from thidua.campaigns import services as campaign_services

    make_inspection(answers={"flag": "pass", "card": "fail", "smoking": "pass"}, status="submitted")
    target = world.campaign.targets.get(indicator="office_culture")
    campaign_services.target_update(
        actor=None,
        target=target,
        comparison="gte",
        threshold=Decimal(90),
        label="VHCS",
        reason="Hội đồng nâng ngưỡng",
    )
    progress = client.get(f"/api/campaigns/{world.campaign.pk}/progress?year=2021").json()
    assert office_culture(progress, "t-tt-long-phu")["status"] == "not_met"


def test_the_progress_page_links_the_value_to_the_unit_compliance_page(world, client_as, make_inspection):
    make_inspection(answers=ALL_PASS, status="submitted")
    page = client_as("district_officer").get(
        reverse("campaign-progress", args=[world.campaign.pk]) + "?year=2021"
    )
    assert reverse("compliance-unit", args=["t-tt-long-phu"]) + "?year=2021" in page.content.decode()


def test_the_compliance_api_is_scoped_to_the_callers_units(world, client_as, make_inspection):
    make_inspection(answers={"flag": "pass", "card": "fail", "smoking": "pass"}, status="submitted")
    own = client_as("officer_a").get("/api/inspections/compliance?year=2021").json()
    assert [entry["unit"]["code"] for entry in own] == ["t-tt-long-phu"]
    assert own[0]["score_percent"] == "83.33"
    assert (own[0]["passed_weight"], own[0]["applicable_weight"]) == ("5.00", "6.00")
    hidden = client_as("officer_b").get("/api/inspections/compliance?year=2021&unit=t-tt-long-phu")
    assert hidden.status_code == 404
    assert client_as("officer_a").get("/api/inspections/compliance?year=99").status_code == 422
    assert client_as("officer_a").get("/api/inspections/compliance").status_code == 422


def test_the_inspection_record_docx_follows_decree_30(world, client_as, items, make_inspection):
    from thidua.inspections import services

    inspection = make_inspection(
        answers={"flag": "pass", "card": "fail", "smoking": "na"}, status="submitted", on=date(2021, 2, 5)
    )
    services.remediation_open(
        actor=world.user("inspector"),
        finding=inspection.findings.get(item=items["card"]),
        owner="Văn phòng UBND",
        due_date=date(2021, 3, 1),
    )
    response = client_as("officer_a").get(reverse("inspection-document", args=[inspection.pk]))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(value.mm) for value in (section.top_margin, section.bottom_margin)] == [20, 20]
    assert [round(value.mm) for value in (section.left_margin, section.right_margin)] == [30, 15]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    header = document.tables[0]
    header_left, header_right = header.rows[0].cells
    # the issuing body of a district inspection is the unit's parent, "Ủy ban nhân dân huyện Long Phú"
    assert [p.text for p in header_left.paragraphs if p.text] == ["ỦY BAN NHÂN DÂN", "HUYỆN LONG PHÚ"]
    assert header_left.paragraphs[1].runs[0].bold
    assert [p.text for p in header_right.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    number, dated = header.rows[1].cells
    assert inspection.record_number == "01/BB-UBND"
    assert number.text == "Số: 01/BB-UBND"
    assert dated.text == "Long Phú, ngày 05 tháng 02 năm 2021" and dated.paragraphs[0].runs[0].italic
    body = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "BIÊN BẢN KIỂM TRA" in body
    assert "Hôm nay, ngày 05 tháng 02 năm 2021, tại Ủy ban nhân dân thị trấn Long Phú" in body
    assert "Văn phòng UBND" in body and "01/03/2021" in body
    assert "Nơi nhận:" in body and "- Lưu: VT, hồ sơ kiểm tra." in body
    findings = document.tables[1]
    cells = [[cell.text for cell in row.cells] for row in findings.rows]
    assert cells[0] == ["STT", "Nội dung kiểm tra", "Căn cứ", "Kết quả", "Ghi chú"]
    results = {row[1]: row[3] for row in cells[1:] if row[0].isdigit()}
    assert results == {
        "Quốc kỳ, Quốc huy treo đúng quy định": "Đạt",
        "Đeo thẻ công chức": "Không đạt",
        "Không hút thuốc lá trong phòng làm việc": "Không áp dụng",
    }
    signatures = document.tables[2].rows[0].cells
    assert [p.text for p in signatures[1].paragraphs if p.text] == [
        "TRƯỞNG ĐOÀN KIỂM TRA",
        "(Ký, ghi rõ họ tên)",
        "Người dùng inspector",
    ]
    fonts = {run.font.name for paragraph in document.paragraphs for run in paragraph.runs if run.text}
    assert fonts == {"Times New Roman"}
    # 2 of 3 = 66.67 %, the "na" item not counted
    assert "66,67%" in body


def test_a_returned_and_resubmitted_record_keeps_its_number(world, make_inspection):
    from thidua.inspections import services

    first = make_inspection(answers=ALL_PASS, status="submitted")
    second = make_inspection(answers=ALL_PASS, status="submitted", unit=world.unit_b)
    services.inspection_return(actor=world.user("district_officer"), inspection=first, reason="Sửa kết luận")
    services.inspection_submit(actor=world.user("inspector"), inspection=first)
    first.refresh_from_db()
    assert (first.record_number, second.record_number) == ("01/BB-UBND", "02/BB-UBND")
    self_inspection = make_inspection(kind="self", answers=ALL_PASS, status="submitted")
    # a self-inspection is numbered in the unit's own register
    assert self_inspection.record_number == "01/BB-UBND"
    assert (
        IssuedDocument.objects.get(reference=f"inspection-record:{self_inspection.pk}").issuer == world.unit_a
    )


def test_a_self_inspection_of_a_unit_without_an_abbreviation_is_refused_and_stays_a_draft(
    world, make_inspection
):
    from thidua.inspections import services

    inspection = make_inspection(unit=world.agency, kind="self", answers={**ALL_PASS, "rules": "pass"})
    with pytest.raises(ValidationError, match="chưa có chữ viết tắt trên văn bản"):
        services.inspection_submit(actor=world.user("officer_a"), inspection=inspection)
    inspection.refresh_from_db()
    assert (inspection.status, inspection.record_number) == ("draft", "")
    assert not IssuedDocument.objects.exists()


@needs_pdf_tools
def test_a_full_inspection_record_renders_to_pdf_with_the_decree_30_layout(world, client_as):
    """The whole seeded checklist, with notes and remediations: the case that used to wrap the national heading
    and leave a near-empty last page."""
    from thidua.inspections import checklist_data, services

    template = services.checklist_create(
        actor=None, code="vhcs-day-du", title="Bảng kiểm tra văn hóa công sở", items=checklist_data.ITEMS
    )
    inspector = world.user("inspector")
    inspection = services.inspection_create(
        actor=inspector,
        unit=world.unit_a,
        kind="scheduled",
        inspected_on=date(2021, 4, 28),
        template=template,
    )
    failed = []
    for index, item in enumerate(template.items_for(world.unit_a)):
        result = "fail" if index % 5 == 0 else "pass"
        note = "Chưa đeo thẻ khi tiếp công dân\x01" if result == "fail" else ""
        finding, _changed = services.finding_save(
            actor=inspector, inspection=inspection, item=item, result=result, note=note
        )
        if result == "fail":
            failed.append(finding)
    services.inspection_submit(actor=inspector, inspection=inspection, conclusion="Cơ bản thực hiện tốt.")
    for finding in failed:
        services.remediation_open(
            actor=inspector, finding=finding, owner="Văn phòng", due_date=date(2021, 5, 30)
        )
    response = client_as("officer_a").get(reverse("inspection-document-pdf", args=[inspection.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = pdf_pages(response.content)
    assert_decree_30_layout(
        pages,
        number="01/BB-UBND",
        date_line="Long Phú, ngày 28 tháng 4 năm 2021",
        closing_marker="ĐẠI DIỆN ĐƠN VỊ",
    )
    assert len(pages) <= 4
    # downloading again renders the same number: nothing more is registered
    client_as("district_officer").get(reverse("inspection-document", args=[inspection.pk]))
    assert IssuedDocument.objects.count() == 1


def test_without_libreoffice_the_record_page_offers_the_docx_and_the_pdf_url_answers_503(
    world, client_as, make_inspection, monkeypatch
):
    monkeypatch.setenv("PATH", "/nonexistent")
    inspection = make_inspection(answers=ALL_PASS, status="submitted")
    client = client_as("officer_a")
    page = client.get(reverse("inspection-detail", args=[inspection.pk])).content.decode()
    assert reverse("inspection-document", args=[inspection.pk]) in page
    assert reverse("inspection-document-pdf", args=[inspection.pk]) not in page
    assert "PDF" in page
    response = client.get(reverse("inspection-document-pdf", args=[inspection.pk]))
    assert response.status_code == 503
    assert "DOCX" in response.content.decode()


def test_the_record_pdf_of_another_units_inspection_is_404(world, client_as, make_inspection):
    inspection = make_inspection(answers=ALL_PASS, status="submitted")
    assert (
        client_as("officer_b").get(reverse("inspection-document-pdf", args=[inspection.pk])).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2021, 4, 28), "Long Phú, ngày 28 tháng 4 năm 2021"),
        (date(2021, 2, 5), "Long Phú, ngày 05 tháng 02 năm 2021"),
        (date(2021, 12, 1), "Long Phú, ngày 01 tháng 12 năm 2021"),
    ],
)
def test_place_and_date_follow_decree_30(day, expected):
    assert place_and_date("Long Phú", day) == expected


def test_demo_data_loads_once_and_a_second_run_changes_nothing(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", "--force", stdout=io.StringIO())
    counts = (ChecklistTemplate.objects.count(), Inspection.objects.count(), Remediation.objects.count())
    # 3 in 2021 and 7 in 2022 for the district, 1 in 2026 for the commune Long Phú of the reorganisation.
    assert counts == (1, 11, 11)
    assert Inspection.objects.filter(inspected_on__year=2021).count() == 3
    assert Inspection.objects.filter(inspected_on__year=2026, unit__code="ct-lp-phong-kinh-te").count() == 1
    assert all(inspection.is_demo for inspection in Inspection.objects.all())
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert (
        ChecklistTemplate.objects.count(),
        Inspection.objects.count(),
        Remediation.objects.count(),
    ) == counts
    statuses = sorted(
        Remediation.objects.filter(finding__inspection__inspected_on__year=2021).values_list(
            "status", flat=True
        )
    )
    assert statuses == ["closed", "open"]
    in_2022 = Remediation.objects.filter(finding__inspection__inspected_on__year=2022)
    assert set(in_2022.values_list("status", flat=True)) == {"open", "action_recorded", "closed"}


def test_the_seeded_checklist_covers_the_five_groups_of_domain_section_4_with_legal_references():
    from thidua.inspections import checklist_data

    groups = {item.group for item in checklist_data.ITEMS}
    assert groups == {"layout", "dress", "communication", "discipline", "institutional"}
    assert all(item.legal_reference and item.weight > 0 for item in checklist_data.ITEMS)
    texts = " ".join(item.text for item in checklist_data.ITEMS)
    for phrase in ("450 × 350 mm", "thẻ công chức", "hút thuốc", "rượu, bia", "quy chế văn hóa công sở"):
        assert phrase in texts
