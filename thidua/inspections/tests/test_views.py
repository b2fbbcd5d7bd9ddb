from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.core.models import AuditEntry
from thidua.core.tests.xlsx import table_of
from thidua.inspections import services
from thidua.inspections.models import DisciplineRecord, Finding, FindingPhoto, Inspection, InspectionStatus

from .conftest import ALL_PASS, png_upload

pytestmark = pytest.mark.django_db


def test_an_inspector_creates_an_unannounced_inspection_and_lands_on_the_field_form(
    world, client_as, checklist
):
    response = client_as("inspector").post(
        reverse("inspection-create"),
        {"unit": world.unit_a.pk, "kind": "unannounced", "inspected_on": "15/06/2021"},
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("inspection-form", args=[inspection.pk])
    assert (inspection.kind, inspection.inspected_on, inspection.template) == (
        "unannounced",
        date(2021, 6, 15),
        checklist,
    )
    assert list(inspection.inspectors.all()) == [world.user("inspector")]


@pytest.mark.parametrize(
    ("persona", "data"),
    [
        # a unit officer may only self-inspect
        ("officer_a", {"kind": "unannounced"}),
        # an officer of B cannot self-inspect A
        ("officer_b", {"kind": "self"}),
        ("inspector", {"inspected_on": "31/02/2021"}),
        ("inspector", {"kind": "weekly"}),
    ],
)
def test_a_bad_or_unallowed_new_inspection_is_refused_with_400_and_nothing_created(
    world, client_as, checklist, persona, data
):
    form = {"unit": world.unit_a.pk, "kind": "self", "inspected_on": "15/06/2021", **data}
    response = client_as(persona).post(reverse("inspection-create"), form)
    assert response.status_code == 400
    assert Inspection.objects.count() == 0


def test_an_answer_sent_by_the_page_script_gets_json_and_a_resend_changes_nothing(
    world, client_as, items, make_inspection
):
    inspection = make_inspection()
    client = client_as("inspector")
    url = reverse("inspection-answer", args=[inspection.pk, items["card"].pk])
    first = client.post(
        url, {"result": "fail", "note": "Không đeo thẻ"}, headers={"Accept": "application/json"}
    )
    assert first.status_code == 200
    assert first.json() == {
        "saved": True,
        "changed": True,
        "item": items["card"].pk,
        "result": "fail",
        "note": "Không đeo thẻ",
    }
    audits = AuditEntry.objects.count()
    again = client.post(
        url, {"result": "fail", "note": "Không đeo thẻ"}, headers={"Accept": "application/json"}
    )
    assert again.json()["changed"] is False
    assert AuditEntry.objects.count() == audits
    assert Finding.objects.filter(inspection=inspection).count() == 1


def test_an_answer_from_a_plain_form_redirects_back_to_its_item(world, client_as, items, make_inspection):
    inspection = make_inspection()
    url = reverse("inspection-answer", args=[inspection.pk, items["flag"].pk])
    response = client_as("inspector").post(url, {"result": "pass", "note": ""})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#item-{items['flag'].pk}")
    assert Finding.objects.get(inspection=inspection, item=items["flag"]).result == "pass"


def test_a_bad_answer_gets_a_clear_400_and_nothing_is_written(world, client_as, items, make_inspection):
    inspection = make_inspection()
    url = reverse("inspection-answer", args=[inspection.pk, items["flag"].pk])
    response = client_as("inspector").post(url, {"result": "maybe"}, headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert response.json()["saved"] is False
    assert response.json()["error"]
    plain = client_as("inspector").post(url, {"result": "pass", "note": "x" * 2001})
    assert plain.status_code == 400
    assert Finding.objects.count() == 0


def test_an_item_outside_the_inspection_is_404(world, client_as, items, make_inspection):
    inspection = make_inspection()
    url = reverse("inspection-answer", args=[inspection.pk, items["rules"].pk])  # agencies only
    assert client_as("inspector").post(url, {"result": "pass"}).status_code == 404
    assert Finding.objects.count() == 0


def test_answers_to_a_reviewed_inspection_are_refused(world, client_as, items, make_inspection):
    inspection = make_inspection(answers=ALL_PASS, status="reviewed")
    url = reverse("inspection-answer", args=[inspection.pk, items["flag"].pk])
    response = client_as("inspector").post(url, {"result": "fail"}, headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert Finding.objects.get(inspection=inspection, item=items["flag"]).result == "pass"
    form = client_as("inspector").get(reverse("inspection-form", args=[inspection.pk]))
    assert form.status_code == 302


def test_unit_b_cannot_see_unit_a_inspections_or_photos(world, client_as, items, make_inspection, media):
    inspection = make_inspection()
    photo = services.finding_photo_add(
        actor=world.user("inspector"), inspection=inspection, item=items["flag"], uploaded=png_upload()
    )
    client = client_as("officer_b")
    assert client.get(reverse("inspection-detail", args=[inspection.pk])).status_code == 404
    assert client.get(reverse("inspection-photo", args=[photo.pk])).status_code == 404
    assert client.get(reverse("inspection-document", args=[inspection.pk])).status_code == 404
    listing = client.get(reverse("inspection-list"))
    assert inspection not in listing.context["inspections"]
    own = client_as("officer_a").get(reverse("inspection-photo", args=[photo.pk]))
    assert own.status_code == 200
    assert own["Content-Type"] == "image/png"
    assert own["Cache-Control"] == "private, no-store"
    assert b"".join(own.streaming_content).startswith(b"\x89PNG")


def test_a_spoofed_photo_through_the_form_is_refused_with_400_and_nothing_stored(
    world, client_as, items, make_inspection, media
):
    inspection = make_inspection()
    url = reverse("inspection-photo-upload", args=[inspection.pk, items["flag"].pk])
    spoofed = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 a program", content_type="image/jpeg")
    response = client_as("inspector").post(url, {"photo": spoofed})
    assert response.status_code == 400
    assert "whatever its name says" in response.content.decode() or "dù tên" in response.content.decode()
    assert FindingPhoto.objects.count() == 0
    assert not media.exists() or not any(media.rglob("*.*"))


def test_an_oversized_photo_through_the_form_is_refused(
    world, client_as, items, make_inspection, media, settings
):
    settings.UPLOAD_MAX_BYTES = 40
    inspection = make_inspection()
    url = reverse("inspection-photo-upload", args=[inspection.pk, items["flag"].pk])
    response = client_as("inspector").post(url, {"photo": png_upload()})
    assert response.status_code == 400
    assert FindingPhoto.objects.count() == 0
    assert not media.exists() or not any(media.rglob("*.*"))


def test_a_remediation_opened_with_a_bad_date_is_refused(world, client_as, items, make_inspection):
    inspection = make_inspection(answers={"card": "fail"})
    finding = inspection.findings.get()
    url = reverse("remediation-open", args=[finding.pk])
    assert client_as("inspector").post(url, {"owner": "A", "due_date": "not a date"}).status_code == 400
    assert client_as("inspector").post(url, {"owner": "A", "due_date": "01/01/2020"}).status_code == 400
    ok = client_as("inspector").post(url, {"owner": "Văn phòng", "due_date": "15/07/2021"})
    assert ok.status_code == 302
    assert finding.remediation.due_date == date(2021, 7, 15)


def test_overdue_remediations_are_flagged_in_the_list(world, client_as, items, make_inspection):
    inspection = make_inspection(answers={"card": "fail", "smoking": "fail"})
    inspector = world.user("inspector")
    services.remediation_open(
        actor=inspector,
        finding=inspection.findings.get(item=items["card"]),
        owner="A",
        due_date=date(2021, 7, 1),
    )
    services.remediation_open(
        actor=inspector,
        finding=inspection.findings.get(item=items["smoking"]),
        owner="B",
        due_date=date(2099, 1, 1),
    )
    response = client_as("officer_a").get(reverse("remediation-list") + "?show=overdue")
    assert [remediation.owner for remediation in response.context["remediations"]] == ["A"]
    page = client_as("officer_a").get(reverse("remediation-list")).content.decode()
    assert page.count('class="overdue"') == 1
    assert client_as("officer_a").get(reverse("remediation-list") + "?show=bogus").status_code == 400


@pytest.mark.parametrize(
    ("persona", "sees_name"),
    [
        ("district_officer", True),
        ("head_a", True),
        ("officer_a", False),
        ("inspector", False),
        ("viewer", False),
        ("chairman", False),
        ("council_member", False),
    ],
)
def test_a_person_named_in_a_discipline_record_is_shown_only_to_the_district_officer_and_the_unit_head(
    world, client_as, persona, sees_name
):
    services.discipline_record_create(
        actor=world.user("district_officer"),
        unit=world.unit_a,
        occurred_on=date(2021, 6, 15),
        rule="Đi làm muộn",
        person_name="Trần Thị Bê",
    )
    page = client_as(persona).get(reverse("discipline-list")).content.decode()
    assert "Đi làm muộn" in page
    assert ("Trần Thị Bê" in page) is sees_name


def test_unit_b_does_not_see_unit_a_discipline_records_at_all(world, client_as):
    services.discipline_record_create(
        actor=world.user("district_officer"),
        unit=world.unit_a,
        occurred_on=date(2021, 6, 15),
        rule="Đi làm muộn",
    )
    assert "Đi làm muộn" not in client_as("head_b").get(reverse("discipline-list")).content.decode()


def test_an_inspector_records_a_breach_but_may_not_name_anyone(world, client_as):
    client = client_as("inspector")
    form_page = client.get(reverse("discipline-list")).content.decode()
    assert 'name="person_name"' not in form_page
    response = client.post(
        reverse("discipline-list"),
        {
            "unit": world.unit_a.pk,
            "occurred_on": "15/06/2021",
            "rule": "Hút thuốc",
            "person_name": "Lê Văn C",
        },
    )
    assert response.status_code == 302
    assert DisciplineRecord.objects.get().person_name == ""


def test_a_unit_officer_cannot_post_discipline_records(world, client_as):
    response = client_as("officer_a").post(
        reverse("discipline-list"), {"unit": world.unit_a.pk, "occurred_on": "15/06/2021", "rule": "X"}
    )
    assert response.status_code == 403
    assert DisciplineRecord.objects.count() == 0


def test_the_head_of_unit_b_cannot_record_for_unit_a(world, client_as):
    response = client_as("head_b").post(
        reverse("discipline-list"), {"unit": world.unit_a.pk, "occurred_on": "15/06/2021", "rule": "X"}
    )
    assert response.status_code == 400
    assert DisciplineRecord.objects.count() == 0


def test_the_inspections_export_lists_inspections_and_findings(world, client_as, items, make_inspection):
    make_inspection(answers={"flag": "pass", "card": "fail", "smoking": "pass"}, status="submitted")
    make_inspection(unit=world.unit_b, answers=ALL_PASS, status="submitted")
    response = client_as("officer_a").get(reverse("inspection-list") + "?format=xlsx")
    assert response.status_code == 200
    rows = table_of(response.content)
    assert len(rows) == 2  # header + unit A's one inspection; unit B's is not A's to see
    header, row = rows
    assert len(header) == len(row)
    assert "t-tt-long-phu" in row
    assert 83.33 in row  # 5 of 6
    assert row.count(1) >= 1 and 2 in row  # two passed, one failed
    findings = client_as("district_officer").get(reverse("inspection-list") + "?format=xlsx&table=findings")
    finding_rows = table_of(findings.content)
    assert len(finding_rows) == 1 + 6
    texts = [row[5] for row in finding_rows[1:]]
    assert "Đeo thẻ công chức" in texts


def test_the_unit_compliance_page_shows_the_score_and_no_data_for_an_uninspected_unit(
    world, client_as, make_inspection
):
    make_inspection(answers={"flag": "pass", "card": "fail", "smoking": "pass"}, status="submitted")
    page = client_as("officer_a").get(reverse("compliance-unit", args=[world.unit_a.code]) + "?year=2021")
    assert page.context["result"].percent is not None
    assert page.context["result"].percent == Decimal("83.33")
    assert "83,33%" in page.content.decode()  # Vietnamese decimal comma
    other = client_as("officer_b").get(reverse("compliance-unit", args=[world.unit_b.code]) + "?year=2021")
    assert other.context["result"].percent is None
    assert client_as("officer_a").get(reverse("compliance-list") + "?year=abc").status_code == 400


def test_editing_a_checklist_item_in_use_through_the_page_creates_version_2(
    world, client_as, items, make_inspection
):
    make_inspection()
    response = client_as("district_officer").post(
        reverse("checklist-item-edit", args=[items["card"].pk]),
        {
            "text": "Đeo thẻ đúng quy định",
            "legal_reference": "QĐ 06/2008/QĐ-BNV",
            "weight": "1.5",
            "change_reason": "Sửa nội dung",
        },
    )
    assert response.status_code == 302
    page = client_as("inspector").get(reverse("checklist-list")).content.decode()
    assert "Đeo thẻ đúng quy định" in page
    bad = client_as("district_officer").post(
        reverse("checklist-item-edit", args=[items["card"].pk]), {"text": "", "weight": "0"}
    )
    assert bad.status_code == 400


def test_review_through_the_page_moves_the_inspection_on(world, client_as, make_inspection):
    inspection = make_inspection(answers=ALL_PASS, status="submitted")
    response = client_as("district_officer").post(
        reverse("inspection-review", args=[inspection.pk]), {"conclusion": "Tốt"}
    )
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert (inspection.status, inspection.conclusion) == (InspectionStatus.REVIEWED, "Tốt")


def test_a_unit_officer_starts_a_self_inspection_of_their_own_unit(world, client_as, checklist):
    client = client_as("officer_a")
    page = client.get(reverse("inspection-create")).content.decode()
    assert 'name="inspectors"' not in page
    assert 'value="unannounced"' not in page
    response = client.post(
        reverse("inspection-create"), {"unit": world.unit_a.pk, "kind": "self", "inspected_on": "20/05/2021"}
    )
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    assert (inspection.kind, inspection.unit, inspection.created_by) == (
        "self",
        world.unit_a,
        world.user("officer_a"),
    )
