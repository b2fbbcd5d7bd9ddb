import pytest

from thidua.core.context_processors import NAV_ITEMS, register_nav_item

pytestmark = pytest.mark.django_db


def _menu(client) -> set[str]:
    return {item["url"] for item in client.get("/accounts/profile/").context["nav_items"]}


def test_the_menu_lists_the_audit_trail_and_people_only_for_the_district_officer(world, client_as):
    assert {"/audit/", "/people/", "/api-tokens/"} <= _menu(client_as("district_officer"))
    assert {"/audit/", "/people/", "/api-tokens/"} & _menu(client_as("officer_a")) == set()


def test_a_menu_entry_needs_a_permission_callback_not_an_action_code():
    before = dict(NAV_ITEMS)
    with pytest.raises(TypeError):
        register_nav_item("audit-list", "Audit", "audit.view")
    assert before == NAV_ITEMS


def test_a_menu_entry_shows_when_its_callback_allows_the_user(world, client_as):
    before = dict(NAV_ITEMS)
    try:
        register_nav_item("healthz", "Health", lambda user: user.username == "officer_a", order=99)
        assert "/healthz" in _menu(client_as("officer_a"))
        assert "/healthz" not in _menu(client_as("officer_b"))
    finally:
        NAV_ITEMS.clear()
        NAV_ITEMS.update(before)
