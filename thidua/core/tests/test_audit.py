import pytest
from django.db import DatabaseError, transaction

from thidua.core.audit import audit_history, audit_record, describe
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_audit_entries_cannot_be_changed(world):
    entry = AuditEntry.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="tampered")
    entry.refresh_from_db()
    assert entry.action != "tampered"


def test_audit_record_refuses_to_run_outside_a_transaction(world):
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError):
        # pytest-django wraps tests in a transaction, so leave it explicitly for this check.
        connection_atomic = transaction.get_connection().in_atomic_block
        transaction.get_connection().in_atomic_block = False
        try:
            audit_record(actor=None, action="x")
        finally:
            transaction.get_connection().in_atomic_block = connection_atomic
    assert AuditEntry.objects.count() == before


def test_audit_history_lists_the_entries_of_one_object_oldest_first(world):
    with transaction.atomic():
        audit_record(actor=None, action="unit.updated", target=world.unit_a, unit=world.unit_a)
        audit_record(actor=None, action="unit.updated", target=world.unit_b, unit=world.unit_b)
    history = list(audit_history(world.unit_a))
    assert [entry.action for entry in history] == ["unit.created", "unit.updated"]
    assert {entry.target_id for entry in history} == {str(world.unit_a.pk)}


def test_an_unregistered_action_still_reads_as_a_sentence_without_python_literals(world):
    with transaction.atomic():
        entry = audit_record(
            actor=world.user("district_officer"),
            action="future.thing_done",
            target=world.unit_a,
            data={"count": 3, "nested": {"flag": True}, "items": ["a", "b"]},
        )
    readable = describe(entry)
    assert readable.sentence == (
        "Người dùng district_officer ghi nhận thao tác “future.thing_done” với «Ủy ban nhân dân thị trấn Long Phú»: "
        "count: 3; nested.flag: có; items: a, b"
    )
    assert "{" not in readable.sentence and "[" not in readable.sentence
