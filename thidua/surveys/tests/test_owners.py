"""Issue 13: a questionnaire belongs to an authority or is shared; a commune's standing office copies a shared one
to change it for its own authority, and cannot change what every other authority uses."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import make_user
from thidua.organizations.models import Role
from thidua.surveys.models import CollectionPoint, Questionnaire
from thidua.surveys.tests.test_questionnaire_editor import editor_post, state

pytestmark = pytest.mark.django_db


def office_of(unit, name):
    client = Client()
    client.force_login(make_user(name, Role.DISTRICT_OFFICER, unit))
    return client


@pytest.fixture
def office_a(world):
    return office_of(world.unit_a, "office-a")


@pytest.fixture
def office_b(world):
    return office_of(world.unit_b, "office-b")


def test_a_commune_standing_office_cannot_change_a_shared_questionnaire(office_a, desk):
    before = state()
    page = office_a.get(reverse("questionnaire-detail", args=[desk.pk])).content.decode()
    assert 'id="edit-link"' not in page
    assert 'id="copy-form"' in page
    response = office_a.post(reverse("questionnaire-edit", args=[desk.pk]), editor_post(desk, title="Của xã"))
    assert response.status_code == 302
    assert state() == before
    followed = office_a.get(response["Location"]).content.decode()
    assert "Make your own copy" in followed or "bản sao" in followed.lower()


def test_the_root_authoritys_standing_office_changes_the_shared_one(client_as, desk):
    page = client_as("district_officer").get(reverse("questionnaire-detail", args=[desk.pk])).content.decode()
    assert 'id="edit-link"' in page and 'id="copy-form"' not in page
    response = client_as("district_officer").post(
        reverse("questionnaire-edit", args=[desk.pk]), editor_post(desk, title="Chung mới")
    )
    assert response.status_code == 302
    assert Questionnaire.objects.get(code="desk", is_current=True).title == "Chung mới"


def test_a_commune_copies_edits_its_own_and_points_its_desks_at_it_while_others_see_404(
    world, office_a, office_b, desk
):
    response = office_a.post(reverse("questionnaire-copy", args=[desk.pk]))
    own = Questionnaire.objects.get(owner=world.unit_a)
    assert response.status_code == 302
    assert (own.code, own.version, own.is_current) == (f"desk-{world.unit_a.code}", 1, True)
    assert own.questions.count() == desk.questions.count()
    assert Questionnaire.objects.get(pk=desk.pk).owner is None

    saved = office_a.post(
        reverse("questionnaire-edit", args=[own.pk]), editor_post(own, title="Phiếu của xã")
    )
    assert saved.status_code == 302
    assert Questionnaire.objects.get(code=own.code, is_current=True).title == "Phiếu của xã"
    assert Questionnaire.objects.get(pk=desk.pk).title == desk.title

    # A second copy is refused, writing nothing.
    count = Questionnaire.objects.count()
    office_a.post(reverse("questionnaire-copy", args=[desk.pk]))
    assert Questionnaire.objects.count() == count

    # The commune's desks may use it; another commune's may not, and does not even see it.
    made = office_a.post(
        reverse("satisfaction-points", args=[world.unit_a.code]), {"name": "Quầy xã", "questionnaire": own.pk}
    )
    assert made.status_code == 302
    assert CollectionPoint.objects.get(unit=world.unit_a, name="Quầy xã").questionnaire_id == own.pk
    refused = office_b.post(
        reverse("satisfaction-points", args=[world.unit_b.code]), {"name": "Quầy xã", "questionnaire": own.pk}
    )
    assert refused.status_code == 400
    assert not CollectionPoint.objects.filter(unit=world.unit_b).exists()
    before = state()
    for name in (
        "questionnaire-detail",
        "questionnaire-edit",
        "questionnaire-export",
        "questionnaire-preview",
    ):
        assert office_b.get(reverse(name, args=[own.pk])).status_code == 404
    assert office_b.post(reverse("questionnaire-edit", args=[own.pk]), editor_post(own)).status_code == 404
    assert state() == before
    listing = office_b.get(reverse("questionnaire-list")).content.decode()
    assert own.code not in listing and "desk" in listing
    assert own.code in office_a.get(reverse("questionnaire-list")).content.decode()


def test_the_root_standing_office_cannot_copy(client_as, desk):
    count = Questionnaire.objects.count()
    client_as("district_officer").post(reverse("questionnaire-copy", args=[desk.pk]))
    assert Questionnaire.objects.count() == count


def test_a_commune_cannot_import_over_a_shared_questionnaire(office_a, desk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thidua.surveys import questionnaire_json

    raw = questionnaire_json.dumps(desk).replace(desk.title, "Tiêu đề xã")
    before = state()
    upload = SimpleUploadedFile("phieu.json", raw.encode(), content_type="application/json")
    response = office_a.post(reverse("questionnaire-list"), {"file": upload})
    assert response.status_code == 400
    assert state() == before
