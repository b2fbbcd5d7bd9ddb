"""The notifications app's periodic work: tell what fell overdue (once per item and due date), and send the
daily digests."""

from datetime import timedelta

from django.utils import timezone

from thidua.core.events import Event, Reason, announce
from thidua.core.panels import overdue_items
from thidua.jobs.registry import PeriodicWork, register_periodic

DIGEST_WINDOW = timedelta(days=3)  # a person who switches to the digest is not sent their whole history


def announce_overdue(today=None) -> int:
    """Announce every overdue item the registered sources name; the key (with its due date) makes it once."""
    today = today or timezone.localdate()
    count = 0
    for item in overdue_items(today):
        if not item.recipients:
            continue
        announce(
            Event(
                kind=item.kind,
                reason=Reason.OVERDUE,
                recipients=tuple(item.recipients),
                title=item.title,
                url=item.url,
                key=item.key,
                unit_id=item.unit_id,
                detail={"due": item.due.isoformat()},
            )
        )
        count += 1
    return count


def queue_digests(now=None) -> int:
    """One digest job per person who chose the digest and has notifications not yet e-mailed."""
    from thidua.jobs.services import job_enqueue
    from thidua.notifications.models import EmailMode, Notification
    from thidua.notifications.services import DIGEST_JOB, email_enabled

    if not email_enabled():
        return 0
    now = now or timezone.now()
    pending = (
        Notification.objects.filter(
            emailed_at__isnull=True,
            created_at__gte=now - DIGEST_WINDOW,
            recipient__is_active=True,
            recipient__notification_preference__email_mode=EmailMode.DIGEST,
        )
        .exclude(recipient__email="")
        .order_by("recipient_id", "created_at", "id")
        .values_list("recipient_id", "pk")
    )
    by_person: dict[int, list[int]] = {}
    for recipient_id, notification_id in pending:
        by_person.setdefault(recipient_id, []).append(notification_id)
    for recipient_id, ids in by_person.items():
        job_enqueue(
            actor=None,
            kind=DIGEST_JOB,
            title=f"Digest: {len(ids)}",
            params={"user": recipient_id, "notifications": ids, "attempt": 1},
        )
    return len(by_person)


register_periodic(
    PeriodicWork(
        "notifications.overdue",
        timedelta(hours=1),
        announce_overdue,
        "Tell people once what fell past its due date",
    )
)
register_periodic(
    PeriodicWork(
        "notifications.digest", timedelta(days=1), queue_digests, "Send the daily notification digests"
    )
)
