"""Sending what the notifications app stored: e-mail (each event or a daily digest) and the webhook, as jobs.

A delivery that fails (the SMTP server or the gateway refuses or does not answer) is tried again later, with a
growing delay (``NOTIFY_RETRY_DELAYS`` seconds), by a new job; after the last attempt the job stays failed on the
jobs page. The notification itself, and the state change that caused it, are never touched by a failure.
"""

import hashlib
import hmac
import json
import logging
import smtplib
import urllib.error
import urllib.request
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.core.events import Event
from thidua.jobs.registry import JobError
from thidua.notifications.models import Notification

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Thidua-Signature"
EVENT_HEADER = "X-Thidua-Event"
DELIVERY_HEADER = "X-Thidua-Delivery"
DELIVERY_ERRORS = (OSError, smtplib.SMTPException, urllib.error.URLError)


def absolute(url: str) -> str:
    """The link as a person opens it from their mail: SITE_URL (or the development address) and the path."""
    if url.startswith(("http://", "https://")):
        return url
    base = (getattr(settings, "SITE_URL", "") or "http://localhost:8000").rstrip("/")
    return f"{base}{url}"


def retry_delays() -> list[float]:
    return [float(delay) for delay in getattr(settings, "NOTIFY_RETRY_DELAYS", [60, 300, 1800])]


def _retry_or_fail(job: Any, error: Exception) -> None:
    """Queue the next attempt of the same delivery (a new job, held back by the backoff), then fail this one."""
    from thidua.jobs.services import job_enqueue

    attempt = int(job.params.get("attempt", 1))
    delays = retry_delays()
    logger.warning("delivery %s attempt %s failed: %s", job.kind, attempt, error)
    if attempt <= len(delays):
        delay = delays[attempt - 1]
        job_enqueue(
            actor=None,
            kind=job.kind,
            title=job.title,
            params={**job.params, "attempt": attempt + 1},
            run_after=timezone.now() + timedelta(seconds=delay) if delay > 0 else None,
        )
        raise JobError(
            _("Sending failed (%(error)s); attempt %(next)s of %(total)s follows in %(seconds)s s.")
            % {
                "error": type(error).__name__,
                "next": attempt + 1,
                "total": len(delays) + 1,
                "seconds": int(delay),
            }
        )
    raise JobError(
        _("Sending failed (%(error)s) after %(total)s attempts; nothing more will be tried.")
        % {"error": type(error).__name__, "total": attempt}
    )


def _connection():
    return get_connection(timeout=float(getattr(settings, "EMAIL_TIMEOUT", None) or 10))


def _send(subject: str, body: str, to: str) -> None:
    message = EmailMessage(subject=subject, body=body, to=[to], connection=_connection())
    message.encoding = "utf-8"
    message.send(fail_silently=False)


# --- one e-mail per event ---------------------------------------------------------------------------------


def send_email(job: Any, progress: Any) -> dict[str, Any]:
    notification = (
        Notification.objects.select_related("recipient").filter(pk=job.params.get("notification")).first()
    )
    if notification is None or notification.emailed_at is not None or not notification.recipient.email:
        return {"message": _("Nothing to send.")}
    with translation.override(settings.LANGUAGE_CODE):
        subject = f"[{_('Thi Đua CCHC')}] {notification.title}"[:250]
        body = render_to_string(
            "notifications/email_one.txt",
            {
                "notification": notification,
                "link": absolute(notification.url),
                "user": notification.recipient,
            },
        )
    try:
        _send(subject, body, notification.recipient.email)
    except DELIVERY_ERRORS as error:
        _retry_or_fail(job, error)
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return {"message": _("Sent to %(email)s.") % {"email": notification.recipient.email}}


# --- the daily digest -------------------------------------------------------------------------------------


def send_digest(job: Any, progress: Any) -> dict[str, Any]:
    user = get_user_model().objects.filter(pk=job.params.get("user"), is_active=True).first()
    if user is None or not user.email:
        return {"message": _("Nothing to send.")}
    notifications = list(
        Notification.objects.filter(
            recipient=user, pk__in=job.params.get("notifications", []), emailed_at__isnull=True
        ).order_by("created_at", "id")
    )
    if not notifications:
        return {"message": _("Nothing to send.")}
    with translation.override(settings.LANGUAGE_CODE):
        subject = f"[{_('Thi Đua CCHC')}] " + _("%(count)s new notifications") % {"count": len(notifications)}
        body = render_to_string(
            "notifications/email_digest.txt",
            {
                "user": user,
                "items": [(notification, absolute(notification.url)) for notification in notifications],
                "list_link": absolute("/notifications/"),
            },
        )
    try:
        _send(subject, body, user.email)
    except DELIVERY_ERRORS as error:
        _retry_or_fail(job, error)
    Notification.objects.filter(pk__in=[notification.pk for notification in notifications]).update(
        emailed_at=timezone.now()
    )
    return {"message": _("Sent to %(email)s.") % {"email": user.email}}


# --- the webhook ------------------------------------------------------------------------------------------


def webhook_payload(event: Event, created: list[Notification]) -> dict[str, Any]:
    """The JSON the webhook posts (docs/notifications.md): the event, and the people newly told of it."""
    User = get_user_model()
    people = User.objects.filter(pk__in=[notification.recipient_id for notification in created]).order_by(
        "pk"
    )
    unit = created[0].unit if created else None
    return {
        "version": 1,
        "id": event.key,
        "kind": event.kind,
        "reason": str(event.reason),
        "title": str(event.title),
        "url": absolute(event.url),
        "unit": {"id": unit.pk, "code": unit.code, "name": unit.name} if unit is not None else None,
        "recipients": [
            {
                "id": person.pk,
                "username": person.username,
                "name": person.get_full_name(),
                "email": person.email,
            }
            for person in people
        ],
        "created_at": timezone.now().isoformat(),
    }


def webhook_body(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def webhook_signature(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def send_webhook(job: Any, progress: Any) -> dict[str, Any]:
    url = getattr(settings, "NOTIFY_WEBHOOK_URL", "")
    if not url:
        return {"message": _("No webhook is configured.")}
    if not url.startswith(("https://", "http://")):
        raise JobError(_("The webhook address must start with https:// or http://."))
    payload = job.params["payload"]
    body = webhook_body(payload)
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "thidua-cchc-notify/1",
            SIGNATURE_HEADER: webhook_signature(body, getattr(settings, "NOTIFY_WEBHOOK_SECRET", "")),
            EVENT_HEADER: payload.get("kind", ""),
            DELIVERY_HEADER: payload.get("id", ""),
        },
    )
    try:
        timeout = float(getattr(settings, "NOTIFY_WEBHOOK_TIMEOUT", 10))
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 - scheme checked above
            status = answer.status
    except DELIVERY_ERRORS as error:  # HTTPError (a 4xx/5xx answer) is a URLError too
        _retry_or_fail(job, error)
    return {"message": _("The gateway answered %(status)s.") % {"status": status}}
