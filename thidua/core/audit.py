"""The audit trail: every service that changes state calls ``audit_record`` inside its transaction."""

from typing import Any

from django.db import models, transaction

from thidua.core.models import AuditEntry

# Readable names of action codes, for people reading the trail; apps add theirs when they load.
ACTION_LABELS: dict[str, Any] = {}


def register_action_labels(labels: dict[str, Any]) -> None:
    ACTION_LABELS.update(labels)


def action_label(code: str) -> str:
    return str(ACTION_LABELS.get(code, code))


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [_json_safe(item) for item in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    unit: Any = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one audit entry. Must run inside the caller's ``transaction.atomic()`` block."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must be called inside the service's transaction")
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_user else None,
        actor_label=(actor.get_full_name() or actor.get_username()) if is_user else "",
        unit=unit,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        data=_json_safe(data or {}),
    )
