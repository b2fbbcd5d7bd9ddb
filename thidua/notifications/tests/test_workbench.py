"""Each role's start page (its workbench) and ``GET /api/me/tasks`` hold exactly what waits for that person, and
nothing of other units."""

from datetime import date

import pytest

from conftest import PERSONA_ROLES
from thidua.core.panels import waiting_work_for
from thidua.initiatives.tests.conftest import model_at_status
from thidua.inspections import services as inspection_services
from thidua.inspections.tests.conftest import checklist_build, inspection_at_status, items_of
from thidua.organizations import services as org_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world):
    """One piece of work waiting for each of several people, in both communes."""
    checklist = checklist_build()
    items = items_of(checklist)
    to_approve = model_at_status(world, "awaiting_head", title="Mô hình chờ Chủ tịch xã ký")
    to_appraise = model_at_status(world, "submitted", unit=world.unit_b, title="Mô hình xã B chờ thẩm định")
    returned = model_at_status(world, "returned", title="Mô hình bị trả lại")
    to_review = inspection_at_status(
        world, checklist, answers={"flag": "pass", "card": "pass", "smoking": "pass"}, status="submitted"
    )
    failed = inspection_at_status(
        world,
        checklist,
        unit=world.unit_b,
        answers={"flag": "fail", "card": "pass", "smoking": "pass"},
        status="reviewed",
    )
    remediation = inspection_services.remediation_open(
        actor=world.user("district_officer"),
        finding=failed.findings.get(item=items["flag"]),
        owner="Văn phòng xã",
        due_date=date(2021, 7, 1),
    )
    return {
        "to_approve": f"/reform-models/{to_approve.pk}/",
        "to_appraise": f"/reform-models/{to_appraise.pk}/",
        "returned": f"/reform-models/{returned.pk}/",
        "to_review": f"/inspections/{to_review.pk}/",
        "remediation": f"/inspections/remediations/{remediation.pk}/",
    }


def expected(scene) -> dict[str, set[tuple[str, str]]]:
    return {
        "officer_a": {("initiatives.model_returned", scene["returned"])},
        "head_a": {("initiatives.model_to_approve", scene["to_approve"])},
        "officer_b": {("inspections.remediation_overdue", scene["remediation"])},
        "head_b": {("inspections.remediation_overdue", scene["remediation"])},
        "district_officer": {
            ("initiatives.model_to_appraise", scene["to_appraise"]),
            ("inspections.to_review", scene["to_review"]),
        },
        "inspector": set(),
        "council_member": set(),
        "chairman": set(),
        "viewer": set(),
    }


def _own_items(world, persona):
    # Only the items of the scene (the world's own registrations are not part of it).
    return {
        (item.kind, item.url)
        for item in waiting_work_for(world.user(persona))
        if not item.kind.startswith("campaigns.")
    }


@pytest.mark.parametrize("persona", list(PERSONA_ROLES))
def test_each_role_sees_exactly_what_waits_for_it(world, scene, persona):
    assert _own_items(world, persona) == expected(scene)[persona]


@pytest.mark.parametrize("persona", list(PERSONA_ROLES))
def test_the_start_page_lists_the_same_work_grouped_with_counts(world, scene, client_as, persona):
    page = client_as(persona).get("/").content.decode()
    for _kind, url in expected(scene)[persona]:
        assert f'href="{url}"' in page, url
    others = {url for work in expected(scene).values() for _kind, url in work} - {
        url for _kind, url in expected(scene)[persona]
    }
    for url in others:
        assert f'href="{url}"' not in page, url


def test_the_workbench_groups_by_kind_oldest_first_with_a_count(world, client_as):
    first = model_at_status(world, "submitted", title="Mô hình gửi trước")
    second = model_at_status(world, "submitted", unit=world.unit_b, title="Mô hình gửi sau")
    response = client_as("district_officer").get("/")
    groups = {group.kind: group for group in response.context["work_groups"]}
    group = groups["initiatives.model_to_appraise"]
    assert group.count == 2
    assert [item.url for item in group.items] == [
        f"/reform-models/{first.pk}/",
        f"/reform-models/{second.pk}/",
    ]
    assert str(group.label) in response.content.decode()


def test_the_head_sees_the_model_the_officer_sent(world, client_as):
    """The demo's story: after canbo1 sends a model, thutruong1 sees it on the start page."""
    model = model_at_status(world, "awaiting_head", title="Một cửa thân thiện")
    page = client_as("head_a").get("/").content.decode()
    assert f'href="/reform-models/{model.pk}/"' in page
    assert "Một cửa thân thiện" in page
    assert f'href="/reform-models/{model.pk}/"' not in client_as("head_b").get("/").content.decode()


def test_api_my_tasks_answers_the_same_items_for_a_session(world, scene, client_as):
    response = client_as("district_officer").get("/api/me/tasks")
    assert response.status_code == 200
    body = response.json()
    got = {(item["kind"], item["url"]) for item in body["items"] if not item["kind"].startswith("campaigns.")}
    assert got == expected(scene)["district_officer"]
    item = next(item for item in body["items"] if item["url"] == scene["to_appraise"])
    assert item["unit"] == {"code": world.unit_b.code, "name": world.unit_b.name}
    assert item["since"]
    assert set(item) >= {"kind", "title", "url", "since", "unit"}


def test_api_my_tasks_with_a_token_is_its_creator_s_work_within_its_units(world, scene, client):
    _token, raw = org_services.api_token_create(
        actor=world.user("district_officer"), name="Bảng việc", unit=world.unit_b
    )
    response = client.get("/api/me/tasks", headers={"authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    got = {(item["kind"], item["url"]) for item in response.json()["items"]}
    assert got == {("initiatives.model_to_appraise", scene["to_appraise"])}  # unit A's inspection left out


def test_api_my_tasks_refuses_an_anonymous_caller(client):
    response = client.get("/api/me/tasks")
    assert response.status_code == 401
    assert "detail" in response.json()
