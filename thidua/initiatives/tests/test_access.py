"""Every page and endpoint of the app, for every persona: who gets 200, 302 (sign in), 403 and 404."""

import pytest
from django.test import override_settings

from conftest import PERSONAS, refetched
from thidua.core.models import AuditEntry
from thidua.initiatives import services
from thidua.initiatives.models import ReformModel
from thidua.initiatives.tests.conftest import model_at_status, pdf_upload, png_upload

pytestmark = pytest.mark.django_db

DISTRICT = ("district_officer", "inspector", "council_member", "chairman", "viewer")
UNIT_A = ("officer_a", "head_a")
UNIT_B = ("officer_b", "head_b")


def expect(default: int, **overrides: int) -> dict[str, int]:
    """Expected status for every persona; anonymous visitors of signed-in pages are sent to sign in."""
    table = dict.fromkeys(PERSONAS, default)
    table.update(overrides)
    return table


def roles(code: int, personas) -> dict[str, int]:
    return dict.fromkeys(personas, code)


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    """One upload directory for the module: the objects and their files are built once for all its tests."""
    root = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=root, UPLOAD_MAX_BYTES=64 * 1024):
        yield root


@pytest.fixture(scope="module")
def module_objects(module_world, media, django_db_blocker):
    world = module_world
    with django_db_blocker.unblock():
        draft = model_at_status(world, "draft", title="Bản nháp của thị trấn")
        private = services.evidence_add(actor=world.user("officer_a"), model=draft, uploaded=pdf_upload())
        submitted = model_at_status(world, "submitted", title="Đang chờ thẩm định")
        approved = model_at_status(world, "approved", title="Đã phê duyệt")
        public = services.evidence_add(
            actor=world.user("officer_a"), model=approved, uploaded=png_upload(), is_public=True
        )
        hidden = services.evidence_add(actor=world.user("officer_a"), model=approved, uploaded=pdf_upload())
    return {
        "draft": draft,
        "private": private,
        "submitted": submitted,
        "approved": approved,
        "public": public,
        "hidden": hidden,
    }


@pytest.fixture
def objects(db, module_objects):
    return refetched(module_objects)


SIGNED_IN = {"anonymous": 302}
PAGES = {
    "register": (lambda o: "/reform-models/", expect(200, **SIGNED_IN)),
    "new": (lambda o: "/reform-models/new/", expect(403, officer_a=200, officer_b=200, **SIGNED_IN)),
    "overview": (lambda o: "/reform-models/overview/", expect(403, **roles(200, DISTRICT), **SIGNED_IN)),
    "network feed": (
        lambda o: "/reform-models/overview/network.json",
        expect(403, **roles(200, DISTRICT), **SIGNED_IN),
    ),
    "export": (
        lambda o: "/reform-models/?format=xlsx",
        expect(403, district_officer=200, council_member=200, chairman=200, viewer=200, **SIGNED_IN),
    ),
    "draft detail": (
        lambda o: f"/reform-models/{o['draft'].pk}/",
        expect(200, **roles(404, UNIT_B), **SIGNED_IN),
    ),
    "draft edit": (
        lambda o: f"/reform-models/{o['draft'].pk}/edit/",
        expect(403, officer_a=200, **roles(404, UNIT_B), **SIGNED_IN),
    ),
    "draft record docx": (
        lambda o: f"/reform-models/{o['draft'].pk}/record.docx",
        expect(200, **roles(404, UNIT_B), **SIGNED_IN),
    ),
    "private evidence": (
        lambda o: f"/reform-models/{o['draft'].pk}/evidence/{o['private'].pk}/",
        expect(200, **roles(404, UNIT_B), **SIGNED_IN),
    ),
    "evidence of another model": (
        lambda o: f"/reform-models/{o['approved'].pk}/evidence/{o['private'].pk}/",
        expect(404, **SIGNED_IN),
    ),
    "appraisal form": (
        lambda o: f"/reform-models/{o['submitted'].pk}/appraise/",
        expect(403, district_officer=200, **roles(404, UNIT_B), **SIGNED_IN),
    ),
    "adopt form": (
        lambda o: f"/reform-models/{o['approved'].pk}/adopt/",
        expect(403, officer_a=404, officer_b=200, **SIGNED_IN),
    ),
    "adopt a draft": (
        lambda o: f"/reform-models/{o['draft'].pk}/adopt/",
        expect(403, officer_a=404, officer_b=404, **SIGNED_IN),
    ),
    "library": (lambda o: "/thu-vien/", expect(200)),
    "library page": (lambda o: f"/thu-vien/{o['approved'].pk}/", expect(200)),
    "library page of a draft": (lambda o: f"/thu-vien/{o['draft'].pk}/", expect(404)),
    "library page of a submitted model": (lambda o: f"/thu-vien/{o['submitted'].pk}/", expect(404)),
    "public file": (lambda o: f"/thu-vien/tep/{o['public'].token}/", expect(200)),
    "private file of an approved model": (lambda o: f"/thu-vien/tep/{o['hidden'].token}/", expect(404)),
    "private file of a draft": (lambda o: f"/thu-vien/tep/{o['private'].token}/", expect(404)),
    "api list": (lambda o: "/api/models", expect(200)),
    "api model": (lambda o: f"/api/models/{o['approved'].pk}", expect(200)),
    "api draft": (lambda o: f"/api/models/{o['draft'].pk}", expect(404)),
}
CASES = [(page, persona) for page in PAGES for persona in PERSONAS]


@pytest.mark.parametrize(("page", "persona"), CASES, ids=[f"{page}-{persona}" for page, persona in CASES])
def test_each_page_answers_each_persona_as_its_role_and_unit_allow(client_as, objects, page, persona):
    url_for, expected = PAGES[page]
    response = client_as(persona).get(url_for(objects))
    assert response.status_code == expected[persona]
    if expected[persona] == 302:
        assert response["Location"].startswith("/accounts/login/")


# POST actions: (url suffix, model key, form data, personas allowed, status after success)
ACTIONS = {
    "send": ("send/", "draft", {}, {"officer_a"}, "awaiting_head"),
    "submit": ("submit/", "awaiting", {}, {"head_a"}, "submitted"),
    "send back": ("send-back/", "awaiting", {"reason": "Thiếu số liệu"}, {"head_a"}, "draft"),
    "appraise": (
        "appraise/",
        "submitted",
        {
            "decision": "approved",
            "lawful": "meets",
            "fits_function": "meets",
            "effective": "meets",
            "replicable": "meets",
        },
        {"district_officer"},
        "approved",
    ),
    "recognise": ("recognise/", "approved", {}, {"district_officer"}, "exemplary"),
    "discontinue": (
        "discontinue/",
        "approved",
        {"reason": "Ngừng áp dụng"},
        {"district_officer"},
        "discontinued",
    ),
}
ACTION_CASES = [(action, persona) for action in ACTIONS for persona in PERSONAS]


@pytest.mark.parametrize(
    ("action", "persona"), ACTION_CASES, ids=[f"{action}-{persona}" for action, persona in ACTION_CASES]
)
def test_each_workflow_action_is_allowed_only_to_its_role_and_changes_nothing_otherwise(
    client_as, make_model, action, persona
):
    suffix, status, data, allowed, after = ACTIONS[action]
    model = make_model("awaiting_head" if status == "awaiting" else status)
    audit_before = AuditEntry.objects.count()
    response = client_as(persona).post(f"/reform-models/{model.pk}/{suffix}", data)
    model.refresh_from_db()
    if persona in allowed:
        assert response.status_code == 302
        assert model.status == after
        assert AuditEntry.objects.count() == audit_before + 1
        return
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif persona in UNIT_B:
        assert response.status_code == 404
    else:
        assert response.status_code == 403
    assert model.status == ("awaiting_head" if status == "awaiting" else status)
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_units_officer_can_upload_evidence(client_as, make_model, media, persona):
    model = make_model()
    response = client_as(persona).post(f"/reform-models/{model.pk}/evidence/", {"file": pdf_upload()})
    expected = {"officer_a": 302, "anonymous": 302, "officer_b": 404, "head_b": 404}.get(persona, 403)
    assert response.status_code == expected
    assert model.evidence.count() == (1 if persona == "officer_a" else 0)
    assert ReformModel.objects.get(pk=model.pk).status == "draft"
