from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "thidua.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from thidua.core.context_processors import register_header_link
        from thidua.core.events import register_listener
        from thidua.jobs.registry import JobKind, register_job_kind
        from thidua.notifications import audit_actions, delivery, periodic, services  # noqa: F401 - register themselves

        register_listener("notifications", services.notify)
        register_header_link(
            "notifications", "notification-list", _("Notifications"), services.unread_count, order=10
        )
        # Each attempt is one job; a failed attempt queues the next one itself (delivery._retry_or_fail), so the
        # queue's own re-run after a crashed worker would only send twice.
        for code, label, handler in [
            (services.EMAIL_JOB, _("Notification e-mail"), delivery.send_email),
            (services.DIGEST_JOB, _("Notification digest"), delivery.send_digest),
            (services.WEBHOOK_JOB, _("Notification webhook"), delivery.send_webhook),
        ]:
            register_job_kind(JobKind(code, label, handler, retry_safe=False, max_attempts=1))
