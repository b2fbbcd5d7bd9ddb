"""Collection points: random tokens, posters, management by the unit and the district only."""

import pytest

from thidua.core.models import AuditEntry
from thidua.surveys.models import CollectionPoint


def test_creating_a_point_gives_a_random_token_and_an_audit_entry(point_a, point_a2):
    assert len(point_a.token) >= 20 and point_a.token != point_a2.token
    assert point_a.rating_path == f"/r/{point_a.token}/"
    entry = AuditEntry.objects.filter(action="collection_point.created").first()
    assert entry is not None and entry.unit_id == point_a.unit_id


@pytest.mark.parametrize("size", ["a4", "a5"])
def test_poster_shows_unit_desk_qr_and_vietnamese_instruction(client_as, point_a, size):
    page = client_as("officer_a").get(f"/satisfaction/points/{point_a.pk}/poster/?size={size}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and 'class="segno"' in html
    assert point_a.unit.official_name in html and "Quầy 1" in html
    assert "Mở camera" in html
    assert f"size:{size.upper()}" in html


def test_officer_creates_a_point_from_the_page(client_as, world, desk):
    reply = client_as("officer_a").post(
        f"/satisfaction/units/{world.unit_a.code}/points/",
        {"name": "Quầy tiếp nhận", "questionnaire": desk.pk},
    )
    assert reply.status_code == 302
    assert CollectionPoint.objects.filter(unit=world.unit_a, name="Quầy tiếp nhận").exists()


def test_duplicate_point_name_is_a_400_and_nothing_changes(client_as, point_a, desk):
    reply = client_as("officer_a").post(
        f"/satisfaction/units/{point_a.unit.code}/points/", {"name": "Quầy 1", "questionnaire": desk.pk}
    )
    assert reply.status_code == 400
    assert CollectionPoint.objects.count() == 1


def test_viewer_may_see_points_but_not_create_them(client_as, world, desk):
    client = client_as("viewer")
    assert client.get(f"/satisfaction/units/{world.unit_a.code}/points/").status_code == 200
    reply = client.post(
        f"/satisfaction/units/{world.unit_a.code}/points/", {"name": "X", "questionnaire": desk.pk}
    )
    assert reply.status_code == 403
    assert CollectionPoint.objects.count() == 0


def test_other_units_officer_gets_404_for_the_poster_and_the_points(client_as, point_a):
    client = client_as("officer_b")
    assert client.get(f"/satisfaction/points/{point_a.pk}/poster/").status_code == 404
    assert client.get(f"/satisfaction/units/{point_a.unit.code}/points/").status_code == 404
    assert client.post(f"/satisfaction/points/{point_a.pk}/toggle/").status_code == 404
    point_a.refresh_from_db()
    assert point_a.is_active


def test_deactivating_a_point_stops_its_rating_page(client_as, point_a):
    reply = client_as("head_a").post(f"/satisfaction/points/{point_a.pk}/toggle/")
    assert reply.status_code == 302
    point_a.refresh_from_db()
    assert point_a.is_active is False
    assert client_as("anonymous").get(point_a.rating_path).status_code == 404
