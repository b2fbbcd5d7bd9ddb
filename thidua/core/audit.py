"""The audit trail: every service that changes state calls ``audit_record`` inside its transaction.

People read the trail through the action registry: each app registers its action codes when it loads
(``register_audit_action`` in ``AppConfig.ready()``) with a short name, a sentence template, the noun of the object
it concerns and how to render its ``data``. ``describe(entry)`` turns an entry into a sentence, details and the
changed fields; an action nobody registered still reads as a sentence, never as a Python dictionary.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.models import AuditEntry

# Renders an entry's data as readable phrases, e.g. ["đạt 4/4 tiêu chí"].
DetailRenderer = Callable[[dict[str, Any]], Iterable[str]]
# Renders one value of a changed field, e.g. ("comparison", "gte") → "≥".
ValueRenderer = Callable[[str, Any], str]


@dataclass(frozen=True)
class AuditAction:
    """How people read one action code.

    ``sentence`` is a translatable template with ``%(actor)s``, ``%(object)s`` (the noun and the object's name) and
    ``%(unit)s``. ``fields`` labels the fields an entry lists as changed (``data["changes"]`` as
    ``{field: [old, new]}``, ``data["before"]``/``data["after"]``, or ``data["changed"]`` as a list of names).
    """

    code: str
    name: Any
    sentence: Any
    noun: Any = ""
    details: DetailRenderer | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)
    value: ValueRenderer | None = None


_ACTIONS: dict[str, AuditAction] = {}


def register_audit_action(
    code: str,
    name: Any,
    sentence: Any,
    *,
    noun: Any = "",
    details: DetailRenderer | None = None,
    fields: Mapping[str, Any] | None = None,
    value: ValueRenderer | None = None,
) -> None:
    """Declare how an action reads. ``code`` may hold one ``*`` segment (``admin.*.added``) for families of codes."""
    _ACTIONS[code] = AuditAction(code, name, sentence, noun, details, dict(fields or {}), value)


def audit_action(code: str) -> AuditAction | None:
    if code in _ACTIONS:
        return _ACTIONS[code]
    parts = code.split(".")
    if len(parts) == 3:
        return _ACTIONS.get(f"{parts[0]}.*.{parts[2]}")
    return None


def registered_actions() -> list[AuditAction]:
    """Concrete registered actions (no wildcard families), for choice lists."""
    return [action for code, action in _ACTIONS.items() if "*" not in code]


def action_label(code: str) -> str:
    action = audit_action(code)
    return str(action.name) if action is not None else code


def audit_history(obj: models.Model):
    """Every audit entry about ``obj``, oldest first: the workflow history shown beside the object."""
    return AuditEntry.objects.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk)).order_by(
        "created_at", "id"
    )


@dataclass(frozen=True)
class Change:
    label: str
    old: str | None  # None: the entry names the field but not its values
    new: str | None


@dataclass(frozen=True)
class ReadableEntry:
    name: str
    sentence: str
    subject: str
    changes: list[Change]

    def changes_text(self) -> str:
        return "; ".join(
            f"{change.label}: {change.old} → {change.new}" if change.old is not None else change.label
            for change in self.changes
        )


def plain(value: Any) -> str:
    """A stored value as a person reads it: no quotes, brackets or Python literals."""
    if value is None or value == "":
        return "—"
    if value is True:
        return gettext("yes")
    if value is False:
        return gettext("no")
    if isinstance(value, dict):
        return "; ".join(f"{key}: {plain(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(plain(item) for item in value)
    return str(value)


def day(value: Any) -> str:
    """An ISO date stored in ``data`` as dd/mm/yyyy."""
    try:
        return date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return plain(value)


def choice_label(choices: Any, value: Any) -> str:
    """The readable label of a stored ``TextChoices`` value (the value itself when it is no longer a choice)."""
    return str(dict(choices.choices).get(value, plain(value)))


def field_labels(model: type[models.Model], names: Iterable[str]) -> dict[str, Any]:
    """The verbose names of a model's fields, to label changed fields."""
    return {name: model._meta.get_field(name).verbose_name for name in names}


def _flatten(data: Mapping[str, Any], prefix: str = "") -> list[str]:
    phrases = []
    for key, value in data.items():
        if isinstance(value, dict):
            phrases.extend(_flatten(value, f"{prefix}{key}."))
        else:
            phrases.append(f"{prefix}{key}: {plain(value)}")
    return phrases


def _changes(action: AuditAction, data: Mapping[str, Any]) -> list[Change]:
    def label(name: str) -> str:
        return capfirst(str(action.fields.get(name, name)))

    def shown(name: str, value: Any) -> str:
        return action.value(name, value) if action.value is not None else plain(value)

    changes = data.get("changes")
    if isinstance(changes, dict):
        return [
            Change(label(name), shown(name, pair[0]), shown(name, pair[1]))
            for name, pair in changes.items()
            if isinstance(pair, list | tuple) and len(pair) == 2
        ]
    before, after = data.get("before"), data.get("after")
    if isinstance(before, dict) and isinstance(after, dict):
        return [
            Change(label(name), shown(name, before.get(name)), shown(name, after.get(name)))
            for name in after
            if before.get(name) != after.get(name)
        ]
    changed = data.get("changed")
    if isinstance(changed, list):
        return [Change(label(name), None, None) for name in changed]
    return []


def describe(entry: AuditEntry) -> ReadableEntry:
    """The entry as a sentence in the reader's language, with its changed fields."""
    data = entry.data if isinstance(entry.data, dict) else {}
    action = audit_action(entry.action)
    actor = entry.actor_label or (entry.actor.get_username() if entry.actor_id else gettext("The system"))
    unit = str(entry.unit) if entry.unit_id else gettext("the district")
    noun = str(action.noun) if action is not None and action.noun else ""
    label = entry.target_label or "—"
    subject = gettext("%(noun)s «%(name)s»") % {"noun": noun, "name": label} if noun else f"«{label}»"
    if action is None:
        sentence = gettext("%(actor)s recorded the action “%(action)s” on %(object)s") % {
            "actor": actor,
            "action": entry.action,
            "object": subject,
        }
        details = _flatten(data)
        name, changes = entry.action, []
    else:
        sentence = str(action.sentence) % {"actor": actor, "object": subject, "unit": unit}
        try:
            details = [str(phrase) for phrase in action.details(data)] if action.details else []
        except (KeyError, TypeError, ValueError, AttributeError):
            # Old entries may predate the renderer's expectations: show them plainly rather than fail the page.
            details = _flatten(data)
        name, changes = str(action.name), _changes(action, data)
    if details:
        sentence = f"{sentence}: {'; '.join(details)}"
    return ReadableEntry(name=name, sentence=sentence, subject=subject, changes=changes)


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


# The core's own actions: admin changes, written by ``core.admin.AuditedModelAdmin`` for any model.
def _admin_message(data: dict[str, Any]) -> list[str]:
    from django.contrib.admin.models import LogEntry

    # The admin stores its change message as JSON; LogEntry knows how to say it in the reader's language.
    message = LogEntry(change_message=str(data.get("message") or "")).get_change_message()
    return [message] if message else []


register_audit_action(
    "admin.*.added",
    _("Added in the administration site"),
    _("%(actor)s added %(object)s in the administration site"),
    details=_admin_message,
)
register_audit_action(
    "admin.*.changed",
    _("Changed in the administration site"),
    _("%(actor)s changed %(object)s in the administration site"),
    details=_admin_message,
)
register_audit_action(
    "admin.*.deleted",
    _("Deleted in the administration site"),
    _("%(actor)s deleted %(object)s in the administration site"),
)
