"""Fixtures for the inspection tests: a small checklist with hand-picked weights, photos, and inspections."""

import struct
import zlib
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.inspections import services
from thidua.inspections.models import InspectionKind
from thidua.inspections.services import ItemSpec

# Four items; the last applies only to specialised agencies, so a commune is inspected on three (weights 2, 1, 3).
SMALL_CHECKLIST = [
    ItemSpec("layout", "Quốc kỳ, Quốc huy treo đúng quy định", "QĐ 129/2007/QĐ-TTg, Điều 12–16", Decimal(2)),
    ItemSpec("dress", "Đeo thẻ công chức", "QĐ 129/2007/QĐ-TTg, Điều 7", Decimal(1)),
    ItemSpec("discipline", "Không hút thuốc lá trong phòng làm việc", "Chỉ thị 26/CT-TTg", Decimal(3)),
    ItemSpec(
        "institutional", "Có quy chế văn hóa công sở", "QĐ 1847/QĐ-TTg", Decimal(1), ("specialized_agency",)
    ),
]


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress((b"\x00" + b"\xff\x00\x00" * 2) * 2))
        + chunk(b"IEND", b"")
    )


def png_upload(name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


@pytest.fixture
def media(settings, tmp_path):
    """Uploads go to a temporary MEDIA_ROOT; returns the private directory."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path / "private"


def checklist_build():
    return services.checklist_create(
        actor=None, code="van-hoa-cong-so", title="Bảng kiểm tra thử", items=SMALL_CHECKLIST
    )


def items_of(checklist) -> dict:
    flag, card, smoking, rules = checklist.ordered_items()
    return {"flag": flag, "card": card, "smoking": smoking, "rules": rules}


def inspection_at_status(
    world,
    checklist,
    unit=None,
    kind=InspectionKind.UNANNOUNCED,
    answers=None,
    status="draft",
    on=date(2021, 6, 15),
    actor=None,
):
    """A new inspection of ``unit`` (unit A by default) on ``checklist``, answered and walked to ``status``."""
    items = items_of(checklist)
    unit = unit or world.unit_a
    actor = actor or world.user("officer_a" if kind == InspectionKind.SELF else "inspector")
    inspection = services.inspection_create(
        actor=actor, unit=unit, kind=kind, inspected_on=on, template=checklist
    )
    for key, result in (answers or {}).items():
        services.finding_save(actor=actor, inspection=inspection, item=items[key], result=result)
    if status in ("submitted", "reviewed"):
        services.inspection_submit(actor=actor, inspection=inspection)
    if status == "reviewed":
        reviewer = world.user("head_a" if kind == InspectionKind.SELF else "district_officer")
        services.inspection_review(actor=reviewer, inspection=inspection)
    inspection.refresh_from_db()
    return inspection


@pytest.fixture
def checklist(world):
    return checklist_build()


@pytest.fixture
def items(checklist):
    """The checklist's items by short name: flag (2), card (1), smoking (3), rules (1, agencies only)."""
    return items_of(checklist)


@pytest.fixture
def make_inspection(world, checklist, items):
    """``make_inspection(unit, kind, answers={"flag": "pass"}, status="submitted")``."""

    def make(
        unit=None,
        kind=InspectionKind.UNANNOUNCED,
        answers=None,
        status="draft",
        on=date(2021, 6, 15),
        actor=None,
    ):
        return inspection_at_status(world, checklist, unit, kind, answers, status, on, actor)

    return make


ALL_PASS = {"flag": "pass", "card": "pass", "smoking": "pass"}


def checklist_post(
    template, *, groups=None, items=None, title=None, change_reason="", legal_bases=None
) -> dict:
    """The checklist editor's POST for ``template``: its current groups and items unless given, numbered in order.

    ``groups``: list of dicts (code, label, legal_reference); ``items``: list of dicts (group, text,
    legal_reference, weight, unit_kinds). A dict with ``"DELETE": "on"`` is sent ticked for removal.
    """
    if groups is None:
        groups = template.group_list()
    if items is None:
        items = [
            {
                "group": item.group,
                "text": item.text,
                "legal_reference": item.legal_reference,
                "weight": str(item.weight),
                "unit_kinds": list(item.unit_kinds),
            }
            for item in template.ordered_items()
        ]
    data = {
        "title": template.title if title is None else title,
        "legal_bases": template.legal_bases if legal_bases is None else legal_bases,
        "change_reason": change_reason,
        "groups-TOTAL_FORMS": str(len(groups)),
        "groups-INITIAL_FORMS": str(len(groups)),
        "groups-MIN_NUM_FORMS": "0",
        "groups-MAX_NUM_FORMS": "1000",
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": str(len(items)),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    for index, group in enumerate(groups):
        prefix = f"groups-{index}-"
        data[prefix + "ORDER"] = str(group.get("ORDER", index + 1))
        for key in ("code", "label", "legal_reference"):
            data[prefix + key] = group.get(key, "")
        if group.get("DELETE"):
            data[prefix + "DELETE"] = "on"
    for index, item in enumerate(items):
        prefix = f"items-{index}-"
        data[prefix + "ORDER"] = str(item.get("ORDER", index + 1))
        for key in ("group", "text", "legal_reference"):
            data[prefix + key] = item.get(key, "")
        data[prefix + "weight"] = str(item.get("weight", "1"))
        data[prefix + "unit_kinds"] = list(item.get("unit_kinds", []))
        if item.get("DELETE"):
            data[prefix + "DELETE"] = "on"
    return data
