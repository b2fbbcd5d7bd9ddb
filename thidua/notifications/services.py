"""Telling people: the listener of ``thidua.core.events`` stores one notification per (recipient, event key) and
puts the sending on the job queue; reading and preferences change here too.

The listener runs after the transaction that announced the event has committed (``thidua.core.events``), so a
refused transition tells nobody, and nothing done here can undo the state change.
"""

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record
from thidua.core.events import Event
from thidua.notifications.models import EmailMode, Notification, NotificationPreference

logger = logging.getLogger(__name__)

EMAIL_JOB = "notifications.email"
DIGEST_JOB = "notifications.digest"
WEBHOOK_JOB = "notifications.webhook"


def email_enabled() -> bool:
    return bool(getattr(settings, "EMAIL_HOST", ""))


def webhook_enabled() -> bool:
    return bool(getattr(settings, "NOTIFY_WEBHOOK_URL", ""))


def email_mode_of(user: Any) -> str:
    preference = NotificationPreference.objects.filter(user=user).first()
    return str(preference.email_mode) if preference else str(EmailMode.EACH)


def _store(event: Event, recipient_id: int) -> Notification | None:
    """The new notification, or None when this person was told this key already."""
    try:
        with transaction.atomic():
            return Notification.objects.create(
                recipient_id=recipient_id,
                key=event.key[:200],
                kind=event.kind[:80],
                reason=str(event.reason),
                title=str(event.title)[:300],
                url=event.url[:500],
                unit_id=event.unit_id,
            )
    except IntegrityError:
        return None


def notify(event: Event) -> list[Notification]:
    """The event listener: store what is new, then queue the e-mails and the webhook call."""
    from thidua.jobs.services import job_enqueue

    User = get_user_model()
    active = set(User.objects.filter(pk__in=event.recipients, is_active=True).values_list("pk", flat=True))
    # The overdue work announces the same keys every hour: skip those told already without a failed insert.
    active -= set(
        Notification.objects.filter(key=event.key[:200], recipient_id__in=active).values_list(
            "recipient_id", flat=True
        )
    )
    created = [
        notification
        for recipient_id in event.recipients
        if recipient_id in active
        for notification in [_store(event, recipient_id)]
        if notification is not None
    ]
    if not created:
        return []
    if email_enabled():
        for notification in created:
            recipient = notification.recipient
            if recipient.email and email_mode_of(recipient) == EmailMode.EACH:
                job_enqueue(
                    actor=None,
                    kind=EMAIL_JOB,
                    title=f"E-mail: {notification.title}"[:300],
                    params={"notification": notification.pk, "attempt": 1},
                )
    if webhook_enabled():
        from thidua.notifications.delivery import webhook_payload

        job_enqueue(
            actor=None,
            kind=WEBHOOK_JOB,
            title=f"Webhook: {event.kind}"[:300],
            params={"payload": webhook_payload(event, created), "attempt": 1},
        )
    return created


def unread_count(user: Any) -> int:
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_mark_read(*, actor: Any, notification: Notification) -> Notification:
    if notification.recipient_id != actor.pk:
        raise PermissionError("only the recipient reads a notification")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notification_mark_all_read(*, actor: Any) -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def preference_set(*, actor: Any, email_mode: str) -> NotificationPreference:
    """The person chooses how they are told by e-mail: each event, a daily digest, or none."""
    if email_mode not in EmailMode.values:
        raise ValidationError({"email_mode": _("Choose how you want to be told by e-mail.")})
    preference, _new = NotificationPreference.objects.select_for_update().get_or_create(user=actor)
    before = preference.email_mode
    if _new or before != email_mode:
        preference.email_mode = email_mode
        preference.save(update_fields=["email_mode", "updated_at"])
        audit_record(
            actor=actor,
            action="notification.preference_changed",
            target=preference,
            data={"before": before, "email_mode": email_mode},
        )
    return preference
