"""Issue 13: a checklist belongs to an authority or is shared; inspections of a unit use its authority's own
checklist when it has one, else the shared one."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from conftest import make_user
from thidua.inspections.models import ChecklistItem, ChecklistTemplate, Inspection
from thidua.inspections.selectors import template_for_unit
from thidua.inspections.tests.conftest import checklist_post
from thidua.organizations.models import Role

pytestmark = pytest.mark.django_db


def office_of(unit, name):
    client = Client()
    client.force_login(make_user(name, Role.DISTRICT_OFFICER, unit))
    return client


def state():
    return (
        sorted(ChecklistTemplate.objects.values_list("pk", "code", "version", "title", "owner_id")),
        sorted(ChecklistItem.objects.values_list("pk", "template_id", "text", "weight")),
    )


@pytest.fixture
def office_a(world):
    return office_of(world.unit_a, "office-a")


@pytest.fixture
def office_b(world):
    return office_of(world.unit_b, "office-b")


def test_a_commune_standing_office_cannot_change_the_shared_checklist(office_a, checklist):
    before = state()
    page = office_a.get(reverse("checklist-list")).content.decode()
    assert f'id="edit-checklist-{checklist.code}"' not in page
    assert f'id="copy-checklist-{checklist.code}"' in page
    edit = office_a.post(
        reverse("checklist-edit", args=[checklist.pk]), checklist_post(checklist, title="Xã")
    )
    item = checklist.ordered_items()[0]
    item_edit = office_a.post(
        reverse("checklist-item-edit", args=[item.pk]),
        {"text": "Khác", "legal_reference": "", "weight": "1", "unit_kinds": []},
    )
    assert (edit.status_code, item_edit.status_code) == (302, 302)
    assert state() == before
    # The create page does not make a second shared checklist for the commune: it sets up the commune's own.
    assert office_a.get(reverse("checklist-create")).status_code == 200


def test_the_root_authoritys_standing_office_changes_the_shared_checklist(client_as, checklist):
    response = client_as("district_officer").post(
        reverse("checklist-edit", args=[checklist.pk]), checklist_post(checklist, title="Chung mới")
    )
    assert response.status_code == 302
    assert ChecklistTemplate.objects.get(pk=checklist.pk).title == "Chung mới"


def test_a_commune_copies_the_checklist_and_its_inspections_use_it_others_keep_the_shared(
    world, office_a, office_b, checklist, client_as
):
    response = office_a.post(reverse("checklist-copy", args=[checklist.pk]))
    own = ChecklistTemplate.objects.get(owner=world.unit_a)
    assert response.status_code == 302
    assert (own.code, own.version) == (f"{checklist.code}-{world.unit_a.code}", 1)
    assert own.items.count() == checklist.items.count()

    saved = office_a.post(reverse("checklist-edit", args=[own.pk]), checklist_post(own, title="Bảng của xã"))
    assert saved.status_code == 302
    own = template_for_unit(world.unit_a)
    assert own.owner_id == world.unit_a.pk and own.title == "Bảng của xã"
    assert ChecklistTemplate.objects.get(pk=checklist.pk).title == checklist.title
    assert template_for_unit(world.unit_b) == checklist
    assert template_for_unit(world.agency) == checklist

    inspector = client_as("inspector")
    for unit in (world.unit_a, world.unit_b):
        inspector.post(
            reverse("inspection-create"),
            {"unit": unit.pk, "kind": "unannounced", "inspected_on": date(2021, 6, 15).strftime("%d/%m/%Y")},
        )
    assert Inspection.objects.get(unit=world.unit_a).template == own
    assert Inspection.objects.get(unit=world.unit_b).template == checklist

    before = state()
    assert office_b.get(reverse("checklist-edit", args=[own.pk])).status_code == 404
    assert (
        office_b.post(reverse("checklist-edit", args=[own.pk]), checklist_post(own, title="B")).status_code
        == 404
    )
    assert office_b.post(reverse("checklist-copy", args=[own.pk])).status_code == 404
    item = own.ordered_items()[0]
    assert office_b.get(reverse("checklist-item-edit", args=[item.pk])).status_code == 404
    assert state() == before
    assert own.code not in office_b.get(reverse("checklist-list")).content.decode()
    # A second copy is refused.
    office_a.post(reverse("checklist-copy", args=[checklist.pk]))
    assert state() == before


def test_the_create_page_makes_the_communes_own_checklist_and_the_roots_the_shared_one(world, office_a):
    shared = checklist_post(ChecklistTemplate(title="Bảng chung", groups=[]), items=[])
    shared.update(
        {
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-0-ORDER": "1",
            "items-0-group": "dress",
            "items-0-text": "Đeo thẻ",
            "items-0-legal_reference": "",
            "items-0-weight": "1",
        }
    )
    response = office_a.post(reverse("checklist-create"), shared)
    assert response.status_code == 302, response.content.decode()[:3000]
    made = ChecklistTemplate.objects.get()
    assert made.owner_id == world.unit_a.pk and made.code.endswith(world.unit_a.code)
