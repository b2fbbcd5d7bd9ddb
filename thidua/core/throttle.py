"""Throttling of failed logins, stored in the database so every app server process sees the same count."""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from thidua.core.models import FailedLogin


def _digest(kind: str, value: str) -> str:
    # Salted with the secret key: the table never holds a username or an address in clear.
    return hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def login_is_blocked(username: str, client: str) -> bool:
    since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    recent = FailedLogin.objects.filter(created_at__gte=since)
    by_user = recent.filter(username_hash=_digest("user", username.strip().lower())).count()
    by_client = recent.filter(client_hash=_digest("client", client)).count()
    # One client trying many usernames is throttled too, with more room for a shared office address.
    return by_user >= settings.LOGIN_FAILURE_LIMIT or by_client >= settings.LOGIN_FAILURE_LIMIT * 4


def login_failed(username: str, client: str) -> None:
    FailedLogin.objects.create(
        username_hash=_digest("user", username.strip().lower()), client_hash=_digest("client", client)
    )
    # Old rows are useless for throttling; trim them as we go.
    FailedLogin.objects.filter(created_at__lt=timezone.now() - timedelta(days=1)).delete()


def login_succeeded(username: str) -> None:
    FailedLogin.objects.filter(username_hash=_digest("user", username.strip().lower())).delete()
