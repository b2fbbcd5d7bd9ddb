from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from conftest import make_unit
from thidua.core.models import AuditEntry
from thidua.organizations import services
from thidua.organizations.models import ApiToken, Unit, UnitKind

pytestmark = pytest.mark.django_db


def test_creating_a_unit_stores_nfc_text_a_search_key_and_an_audit_entry(world):
    unit = services.unit_create(
        actor=world.user("district_officer"),
        code="T-Xa-Moi",
        name="Tân  Hưng",
        official_name="Ủy ban nhân dân xã Tân Hưng",
        kind=UnitKind.COMMUNE_COMMITTEE,
        parent=world.district,
    )
    assert unit.code == "t-xa-moi"
    assert unit.name == "Tân Hưng"
    assert "tan hung" in unit.search_key
    entry = AuditEntry.objects.get(action="unit.created", target_id=str(unit.pk))
    assert entry.actor == world.user("district_officer")
    assert entry.unit == unit


def test_the_town_and_the_commune_can_share_a_name_but_not_a_code(world):
    assert world.unit_a.name == world.unit_b.name == "Long Phú"
    with pytest.raises(ValidationError):
        make_unit(world.unit_a.code, "Long Phú", UnitKind.COMMUNE_COMMITTEE, world.district)


def test_a_circular_hierarchy_is_refused_and_nothing_changes(world):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        services.unit_update(actor=None, unit=world.district, parent=world.unit_a)
    world.district.refresh_from_db()
    assert world.district.parent is None
    assert AuditEntry.objects.count() == before


def test_validity_must_be_ordered_in_the_database_too(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.filter(pk=world.unit_a.pk).update(valid_from=date(2025, 1, 1), valid_to=date(2024, 1, 1))


def test_merging_units_closes_them_and_links_the_successor(world):
    successor = make_unit(
        "ct-long-phu",
        "Long Phú",
        UnitKind.COMMUNE_COMMITTEE,
        official_name="Ủy ban nhân dân xã Long Phú (mới)",
    )
    services.unit_merge(
        actor=None, predecessors=[world.unit_a, world.unit_b], successor=successor, effective=date(2025, 7, 1)
    )
    world.unit_a.refresh_from_db()
    successor.refresh_from_db()
    assert world.unit_a.valid_to == date(2025, 6, 30)
    assert list(world.unit_a.successors.all()) == [successor]
    assert set(successor.predecessors.all()) == {world.unit_a, world.unit_b}
    assert successor.valid_from == date(2025, 7, 1)
    assert world.unit_a.is_valid_on(date(2025, 6, 30)) and not world.unit_a.is_valid_on(date(2025, 7, 1))
    assert set(Unit.objects.valid_on(date(2025, 8, 1)).filter(kind=UnitKind.COMMUNE_COMMITTEE)) == {successor}


def test_granting_a_role_twice_is_refused(world):
    with pytest.raises(ValidationError):
        services.membership_grant(
            actor=None, user=world.user("officer_a"), unit=world.unit_a, role="unit_officer"
        )


def test_tokens_are_stored_hashed_and_authenticate_until_revoked(world):
    token, secret = services.api_token_create(actor=None, name="Phần mềm một cửa", unit=world.unit_a)
    assert secret.startswith("tdc_")
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in (stored.token_hash, stored.hint)
    assert stored.token_hash == ApiToken.hash_token(secret)
    assert services.api_token_authenticate(secret) == token
    assert services.api_token_authenticate(secret + "x") is None
    services.api_token_revoke(actor=None, token=token)
    assert services.api_token_authenticate(secret) is None
    with pytest.raises(ValidationError):
        services.api_token_revoke(actor=None, token=token)
