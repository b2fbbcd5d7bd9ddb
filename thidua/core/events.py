"""Events that tell people something now waits for them, came back to them, or fell overdue.

An app's service announces an event inside its transaction; listeners (the notifications app) receive it only
after that transaction commits, so a refused or rolled-back transition tells nobody and a failing listener never
undoes the state change that caused it. The lower layers know nothing of who listens.

    announce(Event(kind="initiative.submitted", reason=Reason.WAITING, recipients=heads,
                   title=_("A reform model waits for your approval: %s") % model.name,
                   url=model_url, unit_id=model.unit_id, key=f"initiative:{model.pk}:submitted:{version}"))

``key`` makes an event idempotent per recipient: the same key told twice to one person is one notification.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


class Reason(StrEnum):
    WAITING = "waiting"  # something starts waiting for the recipient
    RETURNED = "returned"  # the recipient's work came back to them (with comments)
    OVERDUE = "overdue"  # something the recipient owes fell past its due date
    DONE = "done"  # something the recipient sent was accepted or decided


@dataclass(frozen=True)
class Event:
    kind: str
    reason: Reason
    recipients: tuple[int, ...]  # user ids
    title: str
    url: str
    key: str
    unit_id: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)


Listener = Callable[[Event], None]
_LISTENERS: dict[str, Listener] = {}


def register_listener(code: str, listener: Listener) -> None:
    _LISTENERS[code] = listener


def recipients_of(users: Iterable[Any]) -> tuple[int, ...]:
    """User ids, each once, in a stable order, from users or ids."""
    ids = {getattr(user, "pk", user) for user in users}
    return tuple(sorted(user_id for user_id in ids if user_id is not None))


def announce(event: Event) -> None:
    """Deliver ``event`` to every listener once the current transaction commits (at once outside one)."""
    if not event.recipients:
        return

    def deliver() -> None:
        for code, listener in sorted(_LISTENERS.items()):
            try:
                listener(event)
            except Exception:  # a listener's failure never reaches the person who caused the event
                logger.exception("event listener %s failed on %s", code, event.kind)

    transaction.on_commit(deliver)


def tell(
    *,
    kind: str,
    reason: Reason,
    recipients: Iterable[Any],
    title: Callable[[], str],
    url: str,
    key: str,
    unit_id: int | None = None,
    actor: Any = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Announce to the recipients except the actor (nobody is told what they did themselves). ``title`` is
    called in the site's language: the people told may read another language than the actor's page."""
    from django.conf import settings
    from django.utils import translation

    actor_id = getattr(actor, "pk", None)
    people = tuple(user_id for user_id in recipients_of(recipients) if user_id != actor_id)
    if not people:
        return
    with translation.override(settings.LANGUAGE_CODE):
        text = str(title())
    announce(
        Event(
            kind=kind,
            reason=reason,
            recipients=people,
            title=text,
            url=url,
            key=key,
            unit_id=unit_id,
            detail=detail or {},
        )
    )
