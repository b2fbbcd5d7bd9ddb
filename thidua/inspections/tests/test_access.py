"""Every page and endpoint for every persona: who gets 200, 403 (right unit, wrong role) or 404 (other unit)."""

from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse

from conftest import PERSONAS, refetched
from thidua.inspections import services
from thidua.inspections.models import (
    ChecklistItem,
    ChecklistTemplate,
    Finding,
    Inspection,
    Remediation,
    RemediationStatus,
)

from .conftest import checklist_build, checklist_post, inspection_at_status, items_of, png_upload

pytestmark = pytest.mark.django_db

LOGGED_IN = [persona for persona in PERSONAS if persona != "anonymous"]
# Everyone who may read unit A's objects: its own people and every district role.
READERS_OF_A = {
    "officer_a",
    "head_a",
    "district_officer",
    "inspector",
    "council_member",
    "chairman",
    "viewer",
}
OTHER_UNIT = {"officer_b", "head_b"}


def expect(allowed=(), forbidden=(), hidden=(), anonymous=302):
    """Expected status per persona: allowed 200, forbidden 403, hidden 404; the rest of the logged-in 403."""
    table = {"anonymous": anonymous}
    for persona in LOGGED_IN:
        table[persona] = 200 if persona in allowed else 404 if persona in hidden else 403
    return table


EVERYONE = expect(allowed=LOGGED_IN)
READ_A = expect(allowed=READERS_OF_A, hidden=OTHER_UNIT)


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    """One upload directory for the module: the scene and its photos are built once for all its tests."""
    root = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=root):
        yield root / "private"


@pytest.fixture(scope="module")
def module_checklist(module_world, django_db_blocker):
    with django_db_blocker.unblock():
        return checklist_build()


@pytest.fixture
def checklist(db, module_checklist):
    return refetched({"checklist": module_checklist})["checklist"]


@pytest.fixture(scope="module")
def module_scene(module_world, module_checklist, media, django_db_blocker):
    """A draft unannounced inspection of unit A with a failed item, a photo, and a remediation with evidence."""
    world = module_world
    with django_db_blocker.unblock():
        items = items_of(module_checklist)
        inspection = inspection_at_status(
            world, module_checklist, answers={"flag": "pass", "card": "fail", "smoking": "fail"}
        )
        photo = services.finding_photo_add(
            actor=world.user("inspector"), inspection=inspection, item=items["card"], uploaded=png_upload()
        )
        finding = inspection.findings.get(item=items["card"])
        remediation = services.remediation_open(
            actor=world.user("inspector"), finding=finding, owner="Văn phòng", due_date=date(2021, 7, 1)
        )
        services.remediation_record_action(
            actor=world.user("officer_a"),
            remediation=remediation,
            action_taken="Đã làm",
            photos=[png_upload()],
        )
        return {
            "inspection": inspection,
            "photo": photo,
            "finding": finding,
            "remediation": remediation,
            "evidence": remediation.evidence.get(),
            "item": items["flag"],
            "second_failure": inspection.findings.get(item=items["smoking"]),
        }


@pytest.fixture
def scene(db, module_scene):
    return refetched(module_scene)


PAGES = [
    ("inspection list", lambda s: reverse("inspection-list"), EVERYONE),
    ("findings export", lambda s: reverse("inspection-list") + "?format=xlsx&table=findings", EVERYONE),
    (
        "new inspection",
        lambda s: reverse("inspection-create"),
        expect(allowed={"inspector", "district_officer", "officer_a", "officer_b"}),
    ),
    ("inspection detail", lambda s: reverse("inspection-detail", args=[s["inspection"].pk]), READ_A),
    (
        "field form",
        lambda s: reverse("inspection-form", args=[s["inspection"].pk]),
        expect(allowed={"inspector", "district_officer"}, hidden=OTHER_UNIT),
    ),
    ("inspection record DOCX", lambda s: reverse("inspection-document", args=[s["inspection"].pk]), READ_A),
    ("inspection photo", lambda s: reverse("inspection-photo", args=[s["photo"].pk]), READ_A),
    ("remediation list", lambda s: reverse("remediation-list"), EVERYONE),
    ("remediation detail", lambda s: reverse("remediation-detail", args=[s["remediation"].pk]), READ_A),
    ("remediation evidence", lambda s: reverse("remediation-evidence", args=[s["evidence"].pk]), READ_A),
    ("discipline records", lambda s: reverse("discipline-list"), EVERYONE),
    ("compliance list", lambda s: reverse("compliance-list") + "?year=2021", EVERYONE),
    ("unit compliance", lambda s: reverse("compliance-unit", args=["t-tt-long-phu"]) + "?year=2021", READ_A),
    ("checklists", lambda s: reverse("checklist-list"), EVERYONE),
    (
        "checklist item edit",
        lambda s: reverse("checklist-item-edit", args=[s["item"].pk]),
        expect(allowed={"district_officer"}),
    ),
    (
        "checklist editor",
        lambda s: reverse("checklist-edit", args=[s["item"].template_id]),
        expect(allowed={"district_officer"}),
    ),
    (
        "compliance API",
        lambda s: "/api/inspections/compliance?year=2021",
        expect(allowed=LOGGED_IN, anonymous=401),
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("page", "url", "expected"), PAGES, ids=[page[0] for page in PAGES])
def test_every_page_answers_each_persona_as_its_role_allows(scene, client_as, persona, page, url, expected):
    response = client_as(persona).get(url(scene))
    assert response.status_code == expected[persona], page
    if expected[persona] == 302:
        assert response["Location"].startswith("/accounts/login/")


def answer_state(scene):
    return list(
        Finding.objects.filter(inspection=scene["inspection"]).values_list("item_id", "result", "note")
    )


POSTS = [
    (
        "answer",
        lambda s: (reverse("inspection-answer", args=[s["inspection"].pk, s["item"].pk]), {"result": "fail"}),
        {"inspector", "district_officer"},
        answer_state,
    ),
    (
        "photo upload",
        lambda s: (
            reverse("inspection-photo-upload", args=[s["inspection"].pk, s["item"].pk]),
            {"photo": png_upload()},
        ),
        {"inspector", "district_officer"},
        lambda s: (
            Finding.objects.get(pk=s["finding"].pk).photos.count()
            + Finding.objects.filter(inspection=s["inspection"]).count()
        ),
    ),
    (
        "submit",
        lambda s: (reverse("inspection-submit", args=[s["inspection"].pk]), {}),
        {"inspector", "district_officer"},
        lambda s: Inspection.objects.get(pk=s["inspection"].pk).status,
    ),
    (
        "close remediation",
        lambda s: (reverse("remediation-close", args=[s["remediation"].pk]), {"note": "Đạt"}),
        {"district_officer"},
        lambda s: Remediation.objects.get(pk=s["remediation"].pk).status,
    ),
    (
        "reopen remediation",
        lambda s: (reverse("remediation-reopen", args=[s["remediation"].pk]), {"reason": "Chưa đạt"}),
        {"district_officer"},
        lambda s: Remediation.objects.get(pk=s["remediation"].pk).status,
    ),
    (
        "review",
        lambda s: (reverse("inspection-review", args=[s["inspection"].pk]), {"conclusion": "Tốt"}),
        {"district_officer"},
        lambda s: Inspection.objects.filter(pk=s["inspection"].pk).values_list("status", "conclusion").get(),
    ),
    (
        "return",
        lambda s: (reverse("inspection-return", args=[s["inspection"].pk]), {"reason": "Thiếu ảnh"}),
        {"district_officer"},
        lambda s: Inspection.objects.get(pk=s["inspection"].pk).status,
    ),
    (
        "open remediation",
        lambda s: (
            reverse("remediation-open", args=[s["second_failure"].pk]),
            {"owner": "Văn phòng", "due_date": "30/06/2021"},
        ),
        {"inspector", "district_officer"},
        lambda s: Remediation.objects.count(),
    ),
    (
        "edit checklist item",
        lambda s: (
            reverse("checklist-item-edit", args=[s["item"].pk]),
            {"text": "Nội dung mới", "weight": "1", "change_reason": "Sửa nội dung"},
        ),
        {"district_officer"},
        lambda s: sorted(ChecklistItem.objects.values_list("text", flat=True)),
    ),
    (
        "edit checklist",
        lambda s: (
            reverse("checklist-edit", args=[s["item"].template_id]),
            checklist_post(s["item"].template, title="Bảng kiểm tra mới", change_reason="Đổi tên"),
        ),
        {"district_officer"},
        lambda s: (
            sorted(ChecklistTemplate.objects.values_list("version", "title")),
            sorted(ChecklistItem.objects.values_list("text", flat=True)),
        ),
    ),
]
# Checklists are shared by all units: the wrong role is refused (403) whatever the unit.
GLOBAL_ACTIONS = {"edit checklist item", "edit checklist"}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "request_for", "allowed", "state"), POSTS, ids=[post[0] for post in POSTS])
def test_every_action_is_refused_to_the_wrong_persona_and_changes_nothing(
    scene, client_as, persona, name, request_for, allowed, state
):
    url, data = request_for(scene)
    before = state(scene)
    response = client_as(persona).post(url, data)
    if persona in allowed:
        assert response.status_code in (200, 302), name
        return
    hidden = persona in OTHER_UNIT and name not in GLOBAL_ACTIONS
    expected = 302 if persona == "anonymous" else 404 if hidden else 403
    assert response.status_code == expected, name
    assert state(scene) == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_unit_records_the_remediation_action(world, scene, client_as, persona, media):
    services.remediation_reopen(
        actor=world.user("district_officer"), remediation=scene["remediation"], reason="x"
    )
    url = reverse("remediation-action", args=[scene["remediation"].pk])
    response = client_as(persona).post(url, {"action_taken": "Đã sửa", "photos": png_upload()})
    remediation = Remediation.objects.get(pk=scene["remediation"].pk)
    if persona in {"officer_a", "head_a"}:
        assert response.status_code == 302
        assert remediation.status == RemediationStatus.ACTION_RECORDED
        return
    assert response.status_code == {"anonymous": 302, "officer_b": 404, "head_b": 404}.get(persona, 403)
    assert remediation.status == RemediationStatus.OPEN
    assert remediation.evidence.count() == 1


def test_the_unit_head_reviews_a_self_inspection_and_the_district_officer_a_district_one(
    world, client_as, make_inspection
):
    own = make_inspection(
        kind="self", answers={"flag": "pass", "card": "pass", "smoking": "pass"}, status="submitted"
    )
    district = make_inspection(
        answers={"flag": "pass", "card": "pass", "smoking": "pass"}, status="submitted"
    )
    assert client_as("district_officer").post(reverse("inspection-review", args=[own.pk])).status_code == 403
    assert client_as("head_a").post(reverse("inspection-review", args=[district.pk])).status_code == 403
    assert client_as("head_a").post(reverse("inspection-review", args=[own.pk])).status_code == 302
    assert (
        client_as("district_officer").post(reverse("inspection-review", args=[district.pk])).status_code
        == 302
    )
    assert set(Inspection.objects.filter(pk__in=[own.pk, district.pk]).values_list("status", flat=True)) == {
        "reviewed"
    }
