import pytest
from django.db import DatabaseError, transaction

from conftest import PERSONAS
from thidua.core.audit import audit_record
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db

AUDIT_ACCESS = dict.fromkeys(PERSONAS, 403) | {"anonymous": 302, "district_officer": 200}


@pytest.mark.parametrize("persona", PERSONAS)
def test_audit_trail_access_by_role(world, client_as, persona):
    assert client_as(persona).get("/audit/").status_code == AUDIT_ACCESS[persona]


def test_audit_entries_cannot_be_changed(world):
    entry = AuditEntry.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="tampered")
    entry.refresh_from_db()
    assert entry.action != "tampered"


def test_audit_record_refuses_to_run_outside_a_transaction(world):
    with pytest.raises(RuntimeError):
        # pytest-django wraps tests in a transaction, so leave it explicitly for this check.
        connection_atomic = transaction.get_connection().in_atomic_block
        transaction.get_connection().in_atomic_block = False
        try:
            audit_record(actor=None, action="x")
        finally:
            transaction.get_connection().in_atomic_block = connection_atomic


def test_district_officer_filters_the_trail_by_action_and_unit(world, client_as):
    client = client_as("district_officer")
    page = client.get("/audit/", {"action": "membership.granted", "unit": world.unit_a.pk}).context["page"]
    assert {entry.action for entry in page} == {"membership.granted"}
    assert {entry.unit for entry in page} == {world.unit_a}
    assert len(page) == 2  # officer_a and head_a


def test_audit_trail_filters_by_actor_and_exports(world, client_as):
    from thidua.organizations.services import api_token_create

    with transaction.atomic():
        api_token_create(actor=world.user("district_officer"), name="Một cửa", unit=world.unit_a)
    client = client_as("district_officer")
    page = client.get("/audit/", {"actor": "district_officer"}).context["page"]
    assert [entry.action for entry in page] == ["api_token.created"]
    export = client.get("/audit/", {"actor": "district_officer", "format": "csv"})
    assert "api_token.created" in export.content.decode("utf-8-sig")
    assert "Tạo mã truy cập API" in client.get("/audit/").content.decode()


def test_a_reversed_date_range_is_a_400_with_a_message(world, client_as):
    response = client_as("district_officer").get(
        "/audit/", {"date_from": "10/05/2021", "date_to": "01/05/2021"}
    )
    assert response.status_code == 400
    assert "Ngày kết thúc trước ngày bắt đầu." in response.content.decode()
