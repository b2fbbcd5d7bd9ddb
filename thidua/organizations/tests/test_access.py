import pytest
from django.http import Http404

from conftest import make_unit, make_user
from thidua.organizations.access import (
    get_object_for_user,
    unit_ids_for,
    unit_ids_for_token,
    user_can,
    visible_units,
)
from thidua.organizations.models import Role, Unit, UnitKind
from thidua.organizations.services import api_token_create, api_token_revoke, membership_revoke

pytestmark = pytest.mark.django_db


def test_a_district_role_covers_every_unit_below_the_district(world):
    officer = world.user("district_officer")
    assert unit_ids_for(officer, "unit.manage") == {
        world.district.pk,
        world.unit_a.pk,
        world.unit_b.pk,
        world.agency.pk,
    }


def test_a_unit_role_covers_only_its_unit(world):
    assert unit_ids_for(world.user("officer_a"), "registration.edit") == {world.unit_a.pk}
    assert unit_ids_for(world.user("officer_a"), "registration.confirm") == set()


@pytest.mark.parametrize(
    ("persona", "action", "unit_key", "allowed"),
    [
        ("officer_a", "registration.edit", "unit_a", True),
        ("officer_a", "registration.edit", "unit_b", False),
        ("head_a", "registration.edit", "unit_a", False),
        ("head_a", "registration.confirm", "unit_a", True),
        ("officer_b", "registration.confirm", "unit_b", False),
        ("district_officer", "audit.view", "unit_b", True),
        ("viewer", "audit.view", "unit_b", False),
        ("viewer", "registration.view", "unit_b", True),
        ("chairman", "unit.manage", "unit_a", False),
        ("inspector", "unit.view", "agency", True),
    ],
)
def test_user_can_follows_role_and_unit(world, persona, action, unit_key, allowed):
    assert user_can(world.user(persona), action, getattr(world, unit_key)) is allowed


def test_anonymous_and_inactive_users_can_do_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not user_can(AnonymousUser(), "unit.view")
    inactive = world.user("district_officer")
    inactive.is_active = False
    inactive._thidua_access_map = None
    del inactive._thidua_access_map
    assert not user_can(inactive, "unit.view")


def test_a_revoked_membership_no_longer_grants_anything(world):
    officer = world.user("officer_a")
    membership = officer.memberships.get()
    membership_revoke(actor=None, membership=membership)
    officer.refresh_from_db()
    assert unit_ids_for(officer, "registration.edit") == set()


def test_another_units_object_answers_404(world):
    officer = world.user("officer_a")
    assert get_object_for_user(Unit.objects.all(), officer, "unit.view", unit_field="id", pk=world.unit_a.pk)
    with pytest.raises(Http404):
        get_object_for_user(Unit.objects.all(), officer, "unit.view", unit_field="id", pk=world.unit_b.pk)
    with pytest.raises(Http404):
        get_object_for_user(Unit.objects.all(), officer, "unit.view", unit_field="id", pk="not-a-number")


def test_roles_in_several_units_add_up(world):
    person = make_user("both")
    from thidua.organizations.services import membership_grant

    membership_grant(actor=None, user=person, unit=world.unit_a, role=Role.UNIT_OFFICER)
    membership_grant(actor=None, user=person, unit=world.unit_b, role=Role.UNIT_HEAD)
    assert set(visible_units(person).values_list("code", flat=True)) == {world.unit_a.code, world.unit_b.code}
    assert user_can(person, "registration.confirm", world.unit_b)
    assert not user_can(person, "registration.confirm", world.unit_a)


def test_a_token_covers_its_unit_and_below_until_revoked(world):
    token, _secret = api_token_create(actor=None, name="Một cửa", unit=world.district)
    assert unit_ids_for_token(token) == {world.district.pk, world.unit_a.pk, world.unit_b.pk, world.agency.pk}
    other = make_unit("other-huyen", "Kế Sách", UnitKind.DISTRICT)
    assert other.pk not in unit_ids_for_token(token)
    token = api_token_revoke(actor=None, token=token)
    assert unit_ids_for_token(token) == set()
