from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.core.models import AuditEntry
from thidua.inspections import services
from thidua.inspections.models import (
    ChecklistTemplate,
    DisciplineRecord,
    Finding,
    FindingPhoto,
    Inspection,
    InspectionKind,
    InspectionStatus,
    Remediation,
    RemediationEvidence,
    RemediationStatus,
)
from thidua.inspections.selectors import unit_compliance

from .conftest import ALL_PASS, png_upload

pytestmark = pytest.mark.django_db


def snapshot(inspection):
    inspection = Inspection.objects.get(pk=inspection.pk)
    findings = sorted(Finding.objects.filter(inspection=inspection).values_list("item_id", "result", "note"))
    return inspection.status, inspection.record_number, findings, AuditEntry.objects.count()


# --- checklist versions ----------------------------------------------------------------------------------


def test_revising_a_checklist_in_use_creates_a_new_version_and_past_inspections_keep_theirs(
    world, checklist, items, make_inspection
):
    inspection = make_inspection(answers=ALL_PASS, status="submitted")
    revised = services.checklist_item_update(
        actor=world.user("district_officer"),
        item=items["card"],
        text="Đeo thẻ công chức trước ngực",
        legal_reference="QĐ 06/2008/QĐ-BNV",
        weight=Decimal(2),
        unit_kinds=[],
        change_reason="Thẻ đeo trước ngực theo QĐ 06/2008",
    )
    assert revised.pk != checklist.pk
    assert revised.version == 2
    assert [item.text for item in revised.ordered_items()][1] == "Đeo thẻ công chức trước ngực"
    # The old version is untouched and the inspection still points at it.
    checklist.refresh_from_db()
    assert [item.text for item in checklist.ordered_items()][1] == "Đeo thẻ công chức"
    inspection.refresh_from_db()
    assert inspection.template_id == checklist.pk
    assert AuditEntry.objects.filter(action="checklist.revised", target_id=str(revised.pk)).exists()


def test_revising_a_checklist_not_yet_used_changes_it_in_place(world, checklist, items):
    revised = services.checklist_item_update(
        actor=world.user("district_officer"),
        item=items["flag"],
        text="Quốc kỳ treo đúng quy định",
        legal_reference="",
        weight=Decimal(4),
        unit_kinds=[],
    )
    assert revised.pk == checklist.pk
    assert revised.version == 1
    assert ChecklistTemplate.objects.count() == 1
    assert revised.ordered_items()[0].weight == Decimal(4)


def test_an_old_version_cannot_be_revised_and_new_inspections_need_the_latest(
    world, checklist, items, make_inspection
):
    make_inspection()
    services.checklist_revise(
        actor=None,
        template=checklist,
        items=[services.ItemSpec.of(i) for i in items.values()],
        title="Bảng kiểm tra (sửa đổi)",
        change_reason="Sửa tên bảng kiểm tra",
    )
    with pytest.raises(ValidationError):
        services.checklist_revise(actor=None, template=checklist, items=[services.ItemSpec("layout", "X")])
    with pytest.raises(ValidationError):
        services.inspection_create(
            actor=world.user("inspector"),
            unit=world.unit_a,
            kind=InspectionKind.SCHEDULED,
            inspected_on=date(2021, 6, 1),
            template=checklist,
        )
    assert ChecklistTemplate.objects.count() == 2


@pytest.mark.parametrize(
    "bad_item",
    [
        services.ItemSpec("layout", "  "),
        services.ItemSpec("unknown-group", "Một nội dung"),
        services.ItemSpec("layout", "Một nội dung", weight=Decimal(0)),
        services.ItemSpec("layout", "Một nội dung", unit_kinds=("planet",)),
    ],
)
def test_a_checklist_with_a_bad_item_is_refused_whole(world, bad_item):
    with pytest.raises(ValidationError):
        services.checklist_create(
            actor=None, code="x", title="X", items=[services.ItemSpec("layout", "Tốt"), bad_item]
        )
    assert ChecklistTemplate.objects.count() == 0


def test_items_apply_by_unit_kind(world, checklist):
    assert len(checklist.items_for(world.unit_a)) == 3
    assert len(checklist.items_for(world.agency)) == 4


# --- inspections and answers -----------------------------------------------------------------------------


def test_saving_the_same_answer_twice_changes_nothing_the_second_time(world, items, make_inspection):
    inspection = make_inspection()
    inspector = world.user("inspector")
    _finding, changed = services.finding_save(
        actor=inspector, inspection=inspection, item=items["flag"], result="fail", note="Cờ bạc màu"
    )
    assert changed
    before = snapshot(inspection)
    _finding, changed = services.finding_save(
        actor=inspector, inspection=inspection, item=items["flag"], result="fail", note="Cờ bạc màu"
    )
    assert not changed
    assert snapshot(inspection) == before
    assert Finding.objects.filter(inspection=inspection).count() == 1


def test_an_item_of_another_checklist_or_kind_is_refused(world, items, make_inspection):
    inspection = make_inspection()
    before = snapshot(inspection)
    with pytest.raises(ValidationError):
        services.finding_save(actor=None, inspection=inspection, item=items["rules"], result="pass")
    with pytest.raises(ValidationError):
        services.finding_save(actor=None, inspection=inspection, item=items["flag"], result="maybe")
    assert snapshot(inspection) == before


def test_submit_needs_every_applicable_item_answered(world, make_inspection):
    inspection = make_inspection(answers={"flag": "pass", "card": "pass"})
    before = snapshot(inspection)
    with pytest.raises(ValidationError, match="1"):
        services.inspection_submit(actor=world.user("inspector"), inspection=inspection)
    assert snapshot(inspection) == before


def test_draft_to_submitted_to_reviewed_with_audit_and_record_number(world, items, make_inspection):
    inspection = make_inspection(answers=ALL_PASS)
    services.inspection_submit(actor=world.user("inspector"), inspection=inspection, conclusion="Tốt")
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.SUBMITTED
    assert inspection.record_number == "01/BB-UBND"
    services.inspection_review(actor=world.user("district_officer"), inspection=inspection)
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.REVIEWED
    assert inspection.reviewed_by == world.user("district_officer")
    actions = list(
        AuditEntry.objects.filter(target_type="inspections.inspection", target_id=str(inspection.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "inspection.created",
        *["finding.saved"] * 3,
        "inspection.submitted",
        "inspection.reviewed",
    ]
    second = make_inspection(answers=ALL_PASS, status="submitted", unit=world.unit_b)
    assert second.record_number == "02/BB-UBND"


def test_a_returned_inspection_is_a_draft_again(world, make_inspection):
    inspection = make_inspection(answers=ALL_PASS, status="submitted")
    services.inspection_return(
        actor=world.user("district_officer"), inspection=inspection, reason="Thiếu ảnh"
    )
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.DRAFT
    with pytest.raises(ValidationError):
        services.inspection_return(actor=None, inspection=inspection, reason="Lần nữa")


ILLEGAL_MOVES = [
    ("draft", "review", {}),
    ("draft", "return", {"reason": "x"}),
    ("submitted", "submit", {}),
    ("submitted", "return", {"reason": ""}),
    ("reviewed", "submit", {}),
    ("reviewed", "review", {}),
    ("reviewed", "return", {"reason": "x"}),
]


@pytest.mark.parametrize(("status", "move", "kwargs"), ILLEGAL_MOVES)
def test_illegal_moves_are_refused_and_change_nothing(world, make_inspection, status, move, kwargs):
    inspection = make_inspection(answers=ALL_PASS, status=status)
    before = snapshot(inspection)
    service = {
        "submit": services.inspection_submit,
        "review": services.inspection_review,
        "return": services.inspection_return,
    }[move]
    with pytest.raises(ValidationError):
        service(actor=world.user("district_officer"), inspection=inspection, **kwargs)
    assert snapshot(inspection) == before


@pytest.mark.parametrize("status", ["submitted", "reviewed"])
def test_an_inspector_cannot_change_answers_of_a_submitted_or_reviewed_inspection(
    world, items, make_inspection, media, status
):
    inspection = make_inspection(answers=ALL_PASS, status=status)
    before = snapshot(inspection)
    with pytest.raises(ValidationError):
        services.finding_save(
            actor=world.user("inspector"), inspection=inspection, item=items["flag"], result="fail"
        )
    with pytest.raises(ValidationError):
        services.finding_photo_add(
            actor=world.user("inspector"), inspection=inspection, item=items["flag"], uploaded=png_upload()
        )
    assert snapshot(inspection) == before
    assert FindingPhoto.objects.count() == 0
    assert not media.exists() or not any(media.rglob("*.*"))


def test_an_inspection_date_in_the_future_is_refused(world, checklist):
    with pytest.raises(ValidationError):
        services.inspection_create(
            actor=world.user("inspector"),
            unit=world.unit_a,
            kind=InspectionKind.SCHEDULED,
            inspected_on=date.today() + timedelta(days=2),
            template=checklist,
        )
    assert Inspection.objects.count() == 0


# --- photos ----------------------------------------------------------------------------------------------


def test_a_photo_is_stored_privately_with_a_random_name(world, items, make_inspection, media):
    inspection = make_inspection()
    photo = services.finding_photo_add(
        actor=world.user("inspector"),
        inspection=inspection,
        item=items["flag"],
        uploaded=png_upload("IMG 1.png"),
    )
    assert photo.content_type == "image/png"
    assert "IMG" not in photo.file.name
    assert (media / photo.file.name).is_file()


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("anh.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg"),
        SimpleUploadedFile("anh.png", b"%PDF-1.4 not an image", content_type="image/png"),
        SimpleUploadedFile("anh.png", b"", content_type="image/png"),
    ],
)
def test_a_spoofed_or_empty_photo_is_refused_and_nothing_is_stored(
    world, items, make_inspection, media, upload
):
    inspection = make_inspection()
    before = snapshot(inspection)
    with pytest.raises(ValidationError):
        services.finding_photo_add(
            actor=world.user("inspector"), inspection=inspection, item=items["flag"], uploaded=upload
        )
    assert FindingPhoto.objects.count() == 0
    assert snapshot(inspection) == before
    assert not media.exists() or not any(media.rglob("*.*"))


def test_an_oversized_photo_is_refused_and_nothing_is_stored(world, items, make_inspection, media, settings):
    settings.UPLOAD_MAX_BYTES = 50
    inspection = make_inspection()
    with pytest.raises(ValidationError, match="giới hạn"):
        services.finding_photo_add(
            actor=world.user("inspector"), inspection=inspection, item=items["flag"], uploaded=png_upload()
        )
    assert FindingPhoto.objects.count() == 0
    assert Finding.objects.count() == 0
    assert not media.exists() or not any(media.rglob("*.*"))


# --- remediation -----------------------------------------------------------------------------------------


@pytest.fixture
def failed_finding(world, items, make_inspection):
    inspection = make_inspection(answers={**ALL_PASS, "card": "fail"}, status="submitted")
    return inspection.findings.get(item=items["card"])


def test_remediation_goes_open_then_action_recorded_then_closed(world, failed_finding, media):
    remediation = services.remediation_open(
        actor=world.user("inspector"), finding=failed_finding, owner="Văn phòng", due_date=date(2021, 7, 15)
    )
    assert remediation.status == RemediationStatus.OPEN
    assert remediation.unit == world.unit_a
    services.remediation_record_action(
        actor=world.user("officer_a"),
        remediation=remediation,
        action_taken="Đã cấp thẻ",
        photos=[png_upload()],
    )
    remediation.refresh_from_db()
    assert remediation.status == RemediationStatus.ACTION_RECORDED
    assert remediation.evidence.count() == 1
    services.remediation_close(actor=world.user("district_officer"), remediation=remediation, note="Đạt")
    remediation.refresh_from_db()
    assert remediation.status == RemediationStatus.CLOSED
    assert remediation.closed_by == world.user("district_officer")
    actions = list(
        AuditEntry.objects.filter(target_type="inspections.remediation")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["remediation.opened", "remediation.action_recorded", "remediation.closed"]


def test_only_a_failed_item_opens_one_remediation(world, items, failed_finding):
    passed = failed_finding.inspection.findings.get(item=items["flag"])
    with pytest.raises(ValidationError):
        services.remediation_open(actor=None, finding=passed, owner="A", due_date=date(2021, 7, 1))
    services.remediation_open(
        actor=world.user("inspector"), finding=failed_finding, owner="A", due_date=date(2021, 7, 1)
    )
    with pytest.raises(ValidationError):
        services.remediation_open(actor=None, finding=failed_finding, owner="B", due_date=date(2021, 7, 1))
    with pytest.raises(ValidationError):
        # due before the inspection
        services.remediation_open(
            actor=None,
            finding=failed_finding.inspection.findings.get(item=items["smoking"]),
            owner="B",
            due_date=date(2021, 1, 1),
        )
    assert Remediation.objects.count() == 1


def test_recording_an_action_needs_evidence_and_a_bad_photo_stores_nothing(world, failed_finding, media):
    remediation = services.remediation_open(
        actor=world.user("inspector"), finding=failed_finding, owner="A", due_date=date(2021, 7, 1)
    )
    with pytest.raises(ValidationError):
        services.remediation_record_action(
            actor=world.user("officer_a"), remediation=remediation, action_taken="Xong"
        )
    spoofed = SimpleUploadedFile("a.png", b"GIF89a not allowed", content_type="image/png")
    with pytest.raises(ValidationError):
        services.remediation_record_action(
            actor=world.user("officer_a"),
            remediation=remediation,
            action_taken="Xong",
            photos=[png_upload(), spoofed],
        )
    remediation.refresh_from_db()
    assert remediation.status == RemediationStatus.OPEN
    assert RemediationEvidence.objects.count() == 0
    assert not media.exists() or not any(media.rglob("*.*"))


def test_closing_needs_a_recorded_action_and_reopening_sends_it_back(world, failed_finding, media):
    remediation = services.remediation_open(
        actor=world.user("inspector"), finding=failed_finding, owner="A", due_date=date(2021, 7, 1)
    )
    with pytest.raises(ValidationError):
        services.remediation_close(actor=world.user("district_officer"), remediation=remediation)
    remediation.refresh_from_db()
    assert remediation.status == RemediationStatus.OPEN
    services.remediation_record_action(
        actor=world.user("officer_a"), remediation=remediation, action_taken="Xong", photos=[png_upload()]
    )
    services.remediation_reopen(
        actor=world.user("district_officer"), remediation=remediation, reason="Ảnh mờ"
    )
    remediation.refresh_from_db()
    assert remediation.status == RemediationStatus.OPEN
    assert remediation.closing_note == "Ảnh mờ"
    with pytest.raises(ValidationError):
        services.remediation_reopen(actor=world.user("district_officer"), remediation=remediation, reason="x")


def test_a_failed_item_with_a_remediation_keeps_its_result(world, items, make_inspection):
    inspection = make_inspection(answers={"card": "fail"})
    finding = inspection.findings.get(item=items["card"])
    services.remediation_open(
        actor=world.user("inspector"), finding=finding, owner="A", due_date=date(2021, 7, 1)
    )
    with pytest.raises(ValidationError):
        services.finding_save(
            actor=world.user("inspector"), inspection=inspection, item=items["card"], result="pass"
        )
    finding.refresh_from_db()
    assert finding.result == "fail"


def test_an_open_remediation_past_its_due_date_is_overdue(world, failed_finding):
    remediation = services.remediation_open(
        actor=world.user("inspector"), finding=failed_finding, owner="A", due_date=date(2021, 7, 1)
    )
    assert remediation.is_overdue_on(date(2021, 7, 2))
    assert not remediation.is_overdue_on(date(2021, 7, 1))


# --- the score from the database -------------------------------------------------------------------------


def test_the_worked_example_scores_60_percent(world, make_inspection, failed_finding):
    """Unit A, 2021: the fixture's unannounced inspection (flag 2 pass, card 1 fail, smoking 3 pass) = 5 of 6;
    a scheduled one (flag na, card 1 pass, smoking 3 fail) = 1 of 4; pooled 6 of 10 = 60.00 %. A perfect
    self-inspection, an all-failed draft and a 2022 inspection do not count."""
    make_inspection(
        kind="scheduled", answers={"flag": "na", "card": "pass", "smoking": "fail"}, status="submitted"
    )
    make_inspection(kind="self", answers=ALL_PASS, status="reviewed")
    make_inspection(answers={"flag": "fail", "card": "fail", "smoking": "fail"})
    make_inspection(
        answers={"flag": "fail", "card": "fail", "smoking": "fail"}, status="submitted", on=date(2022, 1, 5)
    )
    services.remediation_open(
        actor=world.user("inspector"), finding=failed_finding, owner="A", due_date=date(2021, 7, 1)
    )
    result = unit_compliance([world.unit_a.pk, world.unit_b.pk], 2021, today=date(2021, 8, 1))
    own = result[world.unit_a.pk]
    assert own.score.passed_weight == Decimal(6)
    assert own.score.applicable_weight == Decimal(10)
    assert own.percent == Decimal("60.00")
    assert own.counted_inspections == 2
    assert (own.self_inspections, own.self_percent) == (1, Decimal("100.00"))
    assert (own.open_remediations, own.overdue_remediations) == (1, 1)
    assert result[world.unit_b.pk].percent is None


# --- discipline ------------------------------------------------------------------------------------------


def test_a_discipline_record_keeps_the_name_out_of_the_audit_trail(world):
    record = services.discipline_record_create(
        actor=world.user("district_officer"),
        unit=world.unit_a,
        occurred_on=date(2021, 6, 15),
        rule="Đi làm muộn",
        person_name="Nguyễn Văn A",
    )
    entry = AuditEntry.objects.get(action="discipline.recorded")
    assert "Nguyễn Văn A" not in str(entry.data) + entry.target_label
    assert entry.data["named"] is True
    assert record.person_name == "Nguyễn Văn A"


def test_a_discipline_record_without_a_rule_is_refused(world):
    with pytest.raises(ValidationError):
        services.discipline_record_create(
            actor=world.user("district_officer"), unit=world.unit_a, occurred_on=date(2021, 6, 15), rule=" "
        )
    assert DisciplineRecord.objects.count() == 0
