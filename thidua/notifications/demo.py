"""The demo's history told people many things while it was built (seed_demo runs the real services): those are
marked read, so the bell starts at zero and what a visitor does next (canbo1 sends a model) shows as new."""

from django.db import transaction
from django.utils import timezone


def _mark_history_read() -> None:
    from thidua.notifications.models import Notification

    Notification.objects.filter(read_at__isnull=True).update(read_at=timezone.now())


def seed(*, stdout) -> None:
    # seed_demo runs every app's seed in one transaction; the services' announcements are delivered when it
    # commits, in the order they were registered, so this runs after them.
    transaction.on_commit(_mark_history_read)
    stdout.write("  notifications of the demo's history marked read")
