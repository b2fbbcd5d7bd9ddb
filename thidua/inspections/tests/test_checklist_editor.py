"""The checklist editor: groups and items added, removed and reordered; a version in use becomes the next one."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import PERSONAS
from thidua.core.models import AuditEntry
from thidua.inspections.documents import inspection_record_docx
from thidua.inspections.models import ChecklistItem, ChecklistTemplate, Finding
from thidua.inspections.selectors import DEFAULT_CHECKLIST_CODE, group_scores

from .conftest import ALL_PASS, checklist_post


def state():
    return (
        sorted(ChecklistTemplate.objects.values_list("code", "version", "title", "legal_bases", "groups")),
        sorted(
            ChecklistItem.objects.values_list(
                "template_id", "group", "position", "text", "legal_reference", "weight"
            )
        ),
        sorted(Finding.objects.values_list("inspection_id", "item_id", "result")),
        AuditEntry.objects.filter(action__startswith="checklist.").count(),
    )


def current_items(template):
    return [
        {
            "group": item.group,
            "text": item.text,
            "legal_reference": item.legal_reference,
            "weight": str(item.weight),
            "unit_kinds": list(item.unit_kinds),
        }
        for item in template.ordered_items()
    ]


def test_adding_removing_and_reordering_groups_and_items_in_use_makes_the_next_version(
    world, client_as, checklist, items, make_inspection
):
    inspection = make_inspection(answers=ALL_PASS, status="submitted")
    old_findings = sorted(Finding.objects.filter(inspection=inspection).values_list("item_id", "result"))
    old_items = [(item.group, item.text) for item in checklist.ordered_items()]
    groups = checklist.group_list()
    # Discipline first, "communication" removed, a new group with its legal reference.
    new_groups = [
        {**groups[3], "ORDER": 1},
        {**groups[0], "ORDER": 2},
        {**groups[1], "ORDER": 3},
        {**groups[2], "DELETE": True},
        {**groups[4], "ORDER": 4},
        {
            "code": "digital",
            "label": "Chuyển đổi số",
            "legal_reference": "Quyết định 06/QĐ-TTg năm 2022",
            "ORDER": 5,
        },
    ]
    rows = current_items(checklist)
    rows[1]["DELETE"] = True  # the ID card item goes
    rows.append(
        {
            "group": "digital",
            "text": "Niêm yết mã QR đánh giá dịch vụ",
            "legal_reference": "Quyết định 06/QĐ-TTg, mục III",
            "weight": "2",
        }
    )
    data = checklist_post(
        checklist, groups=new_groups, items=rows, change_reason="Bổ sung nhóm chuyển đổi số"
    )
    response = client_as("district_officer").post(reverse("checklist-edit", args=[checklist.pk]), data)
    assert response.status_code == 302
    revised = ChecklistTemplate.objects.get(code=checklist.code, version=2)
    assert [g["code"] for g in revised.group_list()] == [
        "discipline",
        "layout",
        "dress",
        "institutional",
        "digital",
    ]
    assert revised.group_list()[-1]["legal_reference"] == "Quyết định 06/QĐ-TTg năm 2022"
    assert [(item.group, item.text, item.legal_reference) for item in revised.ordered_items()] == [
        ("discipline", "Không hút thuốc lá trong phòng làm việc", "Chỉ thị 26/CT-TTg"),
        ("layout", "Quốc kỳ, Quốc huy treo đúng quy định", "QĐ 129/2007/QĐ-TTg, Điều 12–16"),
        ("institutional", "Có quy chế văn hóa công sở", "QĐ 1847/QĐ-TTg"),
        ("digital", "Niêm yết mã QR đánh giá dịch vụ", "Quyết định 06/QĐ-TTg, mục III"),
    ]
    # The inspection keeps version 1, its items and its findings exactly.
    checklist.refresh_from_db()
    inspection.refresh_from_db()
    assert inspection.template_id == checklist.pk
    assert checklist.groups == []
    assert [(item.group, item.text) for item in checklist.ordered_items()] == old_items
    assert (
        sorted(Finding.objects.filter(inspection=inspection).values_list("item_id", "result")) == old_findings
    )
    assert [label for label, _score in group_scores(inspection)] == [
        "Bài trí công sở",
        "Trang phục, thẻ công chức",
        "Kỷ luật, kỷ cương, thời giờ làm việc",
    ]
    entry = AuditEntry.objects.get(action="checklist.revised", target_id=str(revised.pk))
    assert entry.data["reason"] == "Bổ sung nhóm chuyển đổi số" and entry.data["new_version"] is True


def test_the_record_of_a_new_version_prints_its_own_group_names(world, checklist, items, make_inspection):
    make_inspection()
    from thidua.inspections import services

    groups = [services.GroupSpec("a", "Nhóm A", "Điều 1"), services.GroupSpec("b", "Nhóm B")]
    revised = services.checklist_revise(
        actor=None,
        template=checklist,
        groups=groups,
        items=[services.ItemSpec("b", "Mục B1"), services.ItemSpec("a", "Mục A1")],
        change_reason="Thử",
    )
    assert [item.text for item in revised.ordered_items()] == ["Mục A1", "Mục B1"]
    assert revised.ordered_items()[0].get_group_display() == "Nhóm A"
    inspection = services.inspection_create(
        actor=world.user("inspector"),
        unit=world.unit_a,
        kind="unannounced",
        inspected_on=date(2021, 7, 1),
        template=revised,
    )
    assert inspection_record_docx(inspection)  # builds with the new groups


def test_a_version_in_use_needs_a_reason_and_a_refusal_changes_nothing(client_as, checklist, make_inspection):
    make_inspection()
    before = state()
    response = client_as("district_officer").post(
        reverse("checklist-edit", args=[checklist.pk]), checklist_post(checklist, title="Bảng mới")
    )
    assert response.status_code == 400
    assert state() == before


@pytest.mark.parametrize(
    "breakage",
    [
        "unknown group",
        "group removed but used",
        "duplicate group",
        "no items",
        "empty text",
        "zero weight",
        "unchanged",
    ],
)
def test_a_bad_checklist_is_refused_whole(client_as, checklist, breakage):
    groups = checklist.group_list()
    rows = current_items(checklist)
    title = None
    if breakage == "unknown group":
        rows[0]["group"] = "nowhere"
    elif breakage == "group removed but used":
        groups = [dict(g, DELETE=g["code"] == "layout") for g in groups]
    elif breakage == "duplicate group":
        groups = [*groups, dict(groups[0])]
    elif breakage == "no items":
        rows = [dict(row, DELETE=True) for row in rows]
    elif breakage == "empty text":
        rows[0]["text"] = " "
    elif breakage == "zero weight":
        rows[0]["weight"] = "0"
    before = state()
    response = client_as("district_officer").post(
        reverse("checklist-edit", args=[checklist.pk]),
        checklist_post(checklist, groups=groups, items=rows, title=title),
    )
    assert response.status_code == 400, breakage
    assert state() == before


def test_an_unused_version_is_changed_in_place(client_as, checklist):
    rows = current_items(checklist)
    rows[0]["weight"] = "5"
    response = client_as("district_officer").post(
        reverse("checklist-edit", args=[checklist.pk]), checklist_post(checklist, items=rows)
    )
    assert response.status_code == 302
    assert ChecklistTemplate.objects.filter(code=checklist.code).count() == 1
    assert checklist.ordered_items()[0].weight == Decimal(5)


def test_an_earlier_version_is_not_edited(client_as, checklist, make_inspection):
    make_inspection()
    client_as("district_officer").post(
        reverse("checklist-edit", args=[checklist.pk]),
        checklist_post(checklist, title="Bảng kiểm tra 2", change_reason="Đổi tên"),
    )
    before = state()
    response = client_as("district_officer").post(
        reverse("checklist-edit", args=[checklist.pk]),
        checklist_post(checklist, title="Bảng kiểm tra 3", change_reason="Đổi tên"),
    )
    assert response.status_code == 302
    assert state() == before


def test_the_editor_page_shows_every_group_and_item(client_as, checklist):
    page = client_as("district_officer").get(reverse("checklist-edit", args=[checklist.pk])).content.decode()
    for item in checklist.ordered_items():
        assert item.text in page
    for group in checklist.group_list():
        assert group["label"] in page


# --- the first checklist of an installation -----------------------------------------------------------------


def first_checklist_post(items, groups=None) -> dict:
    """The set-up page's POST: the standard groups unless given, the items typed."""
    template = ChecklistTemplate(groups=[])
    data = checklist_post(template, groups=groups, items=items, title="Bảng kiểm tra văn hóa công sở")
    data.pop("change_reason")
    return data


FIRST_ITEMS = [
    {
        "group": "layout",
        "text": "Quốc kỳ treo đúng quy định",
        "legal_reference": "QĐ 129/2007",
        "weight": "2",
    },
    {"group": "dress", "text": "Đeo thẻ công chức", "legal_reference": "", "weight": "1"},
]


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_standing_office_sets_up_the_first_checklist(world, client_as, persona):
    response = client_as(persona).post(reverse("checklist-create"), first_checklist_post(FIRST_ITEMS))
    if persona == "district_officer":
        assert response.status_code == 302
        template = ChecklistTemplate.objects.get()
        assert (template.code, template.version, template.title) == (
            DEFAULT_CHECKLIST_CODE,
            1,
            "Bảng kiểm tra văn hóa công sở",
        )
        assert [(item.group, item.text) for item in template.ordered_items()] == [
            ("layout", "Quốc kỳ treo đúng quy định"),
            ("dress", "Đeo thẻ công chức"),
        ]
        assert [group["code"] for group in template.group_list()][:2] == ["layout", "dress"]
        assert AuditEntry.objects.filter(action="checklist.created", target_id=str(template.pk)).count() == 1
        return
    assert response.status_code == (302 if persona == "anonymous" else 403)
    assert not ChecklistTemplate.objects.exists()


def test_the_set_up_page_shows_the_standard_groups_and_is_linked_from_the_empty_list(world, client_as):
    client = client_as("district_officer")
    assert reverse("checklist-create") in client.get(reverse("checklist-list")).content.decode()
    page = client.get(reverse("checklist-create"))
    assert page.status_code == 200
    assert 'value="discipline"' in page.content.decode()
    assert "change_reason" not in page.content.decode()


@pytest.mark.parametrize(
    "items",
    [
        [],
        [{"group": "no-such-group", "text": "Mục", "legal_reference": "", "weight": "1"}],
        [{"group": "layout", "text": "", "legal_reference": "", "weight": "1"}],
    ],
    ids=["no items", "unknown group", "empty text"],
)
def test_a_bad_first_checklist_creates_nothing(world, client_as, items):
    response = client_as("district_officer").post(reverse("checklist-create"), first_checklist_post(items))
    assert response.status_code == 400
    assert not ChecklistTemplate.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="checklist.").exists()


def test_once_a_checklist_exists_the_set_up_page_leads_to_its_editor(client_as, checklist):
    client = client_as("district_officer")
    response = client.post(reverse("checklist-create"), first_checklist_post(FIRST_ITEMS))
    assert response.status_code == 302
    assert response["Location"] == reverse("checklist-edit", args=[checklist.pk])
    assert ChecklistTemplate.objects.count() == 1
    assert reverse("checklist-create") not in client.get(reverse("checklist-list")).content.decode()
