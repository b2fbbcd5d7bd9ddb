"""Demo data: the office-culture checklist and inspections of Long Phú, clearly marked as demo.

2021: a self-inspection, an unannounced and a scheduled inspection. 2022 (the plan's last year): the district's
inspections of seven units with remediations at every stage, so the 2022 progress page and evaluation round show
units above the office-culture threshold and one below it.
"""

import struct
import zlib
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.inspections import checklist_data, services
from thidua.inspections.models import FindingResult, Inspection, InspectionKind
from thidua.inspections.selectors import current_template
from thidua.organizations.models import Unit, User

TOWN = "lp-tt-long-phu"
COMMUNE = "lp-xa-long-phu"


def demo_png(colour: tuple[int, int, int] = (20, 108, 46)) -> bytes:
    """A small, valid PNG (8 × 8 pixels of one colour), made here so the demo needs no image file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" + bytes(colour) * 8
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * 8))
        + chunk(b"IEND", b"")
    )


def _answer_all(inspection, actor, fails: dict[str, str], not_applicable: tuple[str, ...] = ()) -> dict:
    """Answer every item: pass, except the items whose text starts with a key of ``fails`` (note as value)."""
    findings = {}
    for item in inspection.template.items_for(inspection.unit):
        result, note = FindingResult.PASS, ""
        for prefix, fail_note in fails.items():
            if item.text.startswith(prefix):
                result, note = FindingResult.FAIL, fail_note
        if item.text.startswith(not_applicable):
            result = FindingResult.NOT_APPLICABLE
        finding, _changed = services.finding_save(
            actor=actor, inspection=inspection, item=item, result=result, note=note
        )
        findings[item.text] = finding
    return findings


def seed(*, stdout) -> None:
    template = current_template(checklist_data.CODE)
    if template is None:
        stdout.write("  office-culture checklist")
        template = services.checklist_create(
            actor=None,
            code=checklist_data.CODE,
            title=checklist_data.TITLE,
            legal_bases=checklist_data.LEGAL_BASES,
            items=checklist_data.ITEMS,
        )
    if not Inspection.objects.filter(is_demo=True, inspected_on__year=2021).exists():
        stdout.write("  demo inspections 2021")
        _seed_2021(template)
    if not Inspection.objects.filter(is_demo=True, inspected_on__year=2022).exists():
        stdout.write("  demo inspections 2022")
        _seed_2022(template)
    if (
        not Inspection.objects.filter(is_demo=True, inspected_on__year=2026).exists()
        and Unit.objects.filter(code=COMMUNE_2026_UNIT).exists()
    ):
        stdout.write("  demo inspection 2026 of the commune Long Phú")
        _seed_2026(template)


def _seed_2021(template) -> None:
    inspector, officer, district_officer, head = (
        User.objects.get(username=name) for name in ("thanhtra", "canbo1", "noivu", "thutruong1")
    )
    town = Unit.objects.get(code=TOWN)
    commune = Unit.objects.get(code=COMMUNE)

    own = services.inspection_create(
        actor=officer,
        unit=town,
        kind=InspectionKind.SELF,
        inspected_on=date(2021, 5, 20),
        template=template,
        team_note="Demo: tự kiểm tra của UBND thị trấn Long Phú",
        is_demo=True,
    )
    _answer_all(own, officer, {"Đeo thẻ công chức": "Demo: 2 công chức chưa đeo thẻ."})
    services.inspection_submit(actor=officer, inspection=own, conclusion="Demo: tự kiểm tra định kỳ quý II.")
    services.inspection_review(actor=head, inspection=own)

    surprise = services.inspection_create(
        actor=inspector,
        unit=town,
        kind=InspectionKind.UNANNOUNCED,
        inspected_on=date(2021, 6, 15),
        template=template,
        inspectors=[district_officer],
        team_note="Demo: đoàn kiểm tra đột xuất của UBND huyện",
        is_demo=True,
    )
    findings = _answer_all(
        surprise,
        inspector,
        {
            "Đeo thẻ công chức": "Demo: bộ phận một cửa có 1 công chức không đeo thẻ.",
            "Không hút thuốc lá": "Demo: có tàn thuốc trong phòng làm việc tầng 2.",
        },
    )
    services.finding_photo_add(
        actor=inspector,
        inspection=surprise,
        item=next(f for text, f in findings.items() if text.startswith("Đeo thẻ")).item,
        uploaded=SimpleUploadedFile("the.png", demo_png((163, 22, 27)), content_type="image/png"),
    )
    services.inspection_submit(
        actor=inspector,
        inspection=surprise,
        conclusion="Demo: đơn vị cơ bản thực hiện tốt; khắc phục 2 nội dung.",
    )
    services.inspection_review(actor=district_officer, inspection=surprise)
    card = next(f for text, f in findings.items() if text.startswith("Đeo thẻ"))
    smoking = next(f for text, f in findings.items() if text.startswith("Không hút thuốc"))
    fixed = services.remediation_open(
        actor=inspector,
        finding=card,
        owner="Demo: Văn phòng HĐND và UBND thị trấn",
        due_date=date(2021, 7, 15),
        required_action="Cấp lại thẻ và nhắc nhở công chức đeo thẻ trong giờ làm việc.",
    )
    services.remediation_record_action(
        actor=officer,
        remediation=fixed,
        action_taken="Demo: đã cấp lại thẻ công chức, có ảnh chụp tại bộ phận một cửa.",
        photos=[SimpleUploadedFile("khac-phuc.png", demo_png(), content_type="image/png")],
    )
    services.remediation_close(actor=district_officer, remediation=fixed, note="Demo: đã kiểm tra lại, đạt.")
    services.remediation_open(
        actor=inspector,
        finding=smoking,
        owner="Demo: Chủ tịch UBND thị trấn",
        due_date=date(2021, 7, 31),
        required_action="Treo biển cấm hút thuốc, nhắc nhở cán bộ.",
    )

    scheduled = services.inspection_create(
        actor=inspector,
        unit=commune,
        kind=InspectionKind.SCHEDULED,
        inspected_on=date(2021, 9, 10),
        template=template,
        team_note="Demo: kiểm tra theo kế hoạch năm 2021",
        is_demo=True,
    )
    _answer_all(
        scheduled,
        inspector,
        {"Có nơi để xe miễn phí": "Demo: chưa có biển báo giữ xe miễn phí."},
        not_applicable=("Mặc đồng phục",),
    )
    services.inspection_submit(actor=inspector, inspection=scheduled)

    services.discipline_record_create(
        actor=district_officer,
        unit=town,
        occurred_on=date(2021, 6, 15),
        rule="Đi làm muộn",
        note="Demo: ghi nhận trong buổi kiểm tra đột xuất.",
        person_name="Nguyễn Văn A (demo)",
    )


# 2022: (unit code, kind, day, failed items: text prefix → note, remediations: text prefix → how far it went).
# The checklist weighs 28 points for a commune or an agency; the threshold of the plan's target is 80%.
INSPECTIONS_2022 = [
    (
        "lp-tt-long-phu",
        InspectionKind.SCHEDULED,
        date(2022, 3, 16),
        {"Có hòm thư góp ý": "Demo: hòm thư góp ý bị hỏng khóa, chưa có số đường dây nóng."},
        {"Có hòm thư góp ý": "closed"},
    ),
    (
        "lp-xa-chau-khanh",
        InspectionKind.SCHEDULED,
        date(2022, 4, 12),
        {"Mỗi phòng làm việc có biển tên": "Demo: 2 phòng chưa có biển tên."},
        {"Mỗi phòng làm việc có biển tên": "open"},
    ),
    (
        "lp-tt-dai-ngai",
        InspectionKind.UNANNOUNCED,
        date(2022, 5, 24),
        {"Đeo thẻ công chức": "Demo: 2 công chức bộ phận một cửa không đeo thẻ."},
        {"Đeo thẻ công chức": "closed"},
    ),
    (
        "lp-phong-tu-phap",
        InspectionKind.SCHEDULED,
        date(2022, 6, 8),
        {},
        {},
    ),
    (
        "lp-xa-long-phu",
        InspectionKind.SCHEDULED,
        date(2022, 8, 18),
        {
            "Có nơi để xe miễn phí": "Demo: bãi xe chưa có biển báo miễn phí.",
            "Khi giao tiếp qua điện thoại": "Demo: số điện thoại bộ phận một cửa không có người trả lời.",
        },
        {"Có nơi để xe miễn phí": "closed", "Khi giao tiếp qua điện thoại": "action"},
    ),
    (
        "lp-xa-truong-khanh",
        InspectionKind.UNANNOUNCED,
        date(2022, 9, 21),
        {
            "Đeo thẻ công chức": "Demo: 4 công chức không đeo thẻ.",
            "Đi làm đúng giờ": "Demo: 3 công chức đến sau 7 giờ 30.",
            "Phòng làm việc gọn gàng": "Demo: hồ sơ để trên nền nhà phòng địa chính.",
            "Không hút thuốc lá": "Demo: có tàn thuốc trong phòng làm việc.",
        },
        {"Đeo thẻ công chức": "action", "Đi làm đúng giờ": "open", "Phòng làm việc gọn gàng": "open"},
    ),
    (
        "lp-xa-tan-hung",
        InspectionKind.SCHEDULED,
        date(2022, 10, 5),
        {"Biển tên cơ quan": "Demo: biển tên ở cổng bị mờ chữ."},
        {"Biển tên cơ quan": "closed"},
    ),
]


def _seed_2022(template) -> None:
    inspector, district_officer = (User.objects.get(username=name) for name in ("thanhtra", "noivu"))
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=[spec[0] for spec in INSPECTIONS_2022])}
    for code, kind, day, fails, remediations in INSPECTIONS_2022:
        unit = units.get(code)
        if unit is None:
            continue
        inspection = services.inspection_create(
            actor=inspector,
            unit=unit,
            kind=kind,
            inspected_on=day,
            template=template,
            inspectors=[district_officer],
            team_note=f"Demo: đoàn kiểm tra văn hóa công sở của UBND huyện năm 2022 ({unit.name})",
            is_demo=True,
        )
        findings = _answer_all(inspection, inspector, fails)
        services.inspection_submit(
            actor=inspector,
            inspection=inspection,
            conclusion=f"Demo: {len(fails)} nội dung chưa đạt, đơn vị khắc phục theo thời hạn."
            if fails
            else "Demo: đơn vị thực hiện tốt các quy định về văn hóa công sở.",
        )
        services.inspection_review(actor=district_officer, inspection=inspection)
        for prefix, stage in remediations.items():
            finding = next(f for text, f in findings.items() if text.startswith(prefix))
            remediation = services.remediation_open(
                actor=inspector,
                finding=finding,
                owner=f"Demo: Thủ trưởng {unit.name}",
                due_date=date(day.year, day.month, 28) + timedelta(days=30),
                required_action="Demo: khắc phục và gửi ảnh chụp kết quả về Phòng Nội vụ.",
            )
            if stage == "open":
                continue
            # The demo has no account for these units: the district officer records what the unit sent in.
            services.remediation_record_action(
                actor=district_officer,
                remediation=remediation,
                action_taken="Demo: đơn vị đã khắc phục, gửi ảnh chụp.",
                photos=[SimpleUploadedFile("khac-phuc.png", demo_png(), content_type="image/png")],
            )
            if stage == "closed":
                services.remediation_close(
                    actor=district_officer, remediation=remediation, note="Demo: đã kiểm tra lại, đạt."
                )


COMMUNE_2026_UNIT = "ct-lp-phong-kinh-te"


def _seed_2026(template) -> None:
    """The commune Long Phú's inspection team checks its Phòng Kinh tế; its standing office reviews."""
    inspector, standing_office = (User.objects.get(username=name) for name in ("lp.kiemtra", "lp.vhxh"))
    unit = Unit.objects.get(code=COMMUNE_2026_UNIT)
    inspection = services.inspection_create(
        actor=inspector,
        unit=unit,
        kind=InspectionKind.SCHEDULED,
        inspected_on=date(2026, 4, 16),
        template=template,
        inspectors=[standing_office],
        team_note="Demo: đoàn kiểm tra văn hóa công sở của UBND xã Long Phú năm 2026",
        is_demo=True,
    )
    _answer_all(inspection, inspector, {"Đeo thẻ công chức": "Demo: 1 công chức chưa đeo thẻ."})
    services.inspection_submit(
        actor=inspector, inspection=inspection, conclusion="Demo: 1 nội dung chưa đạt, đơn vị khắc phục ngay."
    )
    services.inspection_review(actor=standing_office, inspection=inspection)
