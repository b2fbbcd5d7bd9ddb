"""Throttling of failed logins, stored in the database so every app server process sees the same count.

Two counts, so that brute force stays out without handing a stranger the power to lock the real person out:

- failures for one username *from one client address* (``LOGIN_FAILURE_LIMIT``): someone guessing a password from
  their own machine is stopped, while the real person, signing in from their office, is not affected;
- failures from one client address across every username (``LOGIN_FAILURE_CLIENT_LIMIT``): one machine spraying
  many usernames is stopped too, with more room because a whole office may share one address.
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from thidua.core.models import FailedLogin


def _digest(kind: str, value: str) -> str:
    # Salted with the secret key: the table never holds a username or an address in clear.
    return hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def _user_digest(username: str) -> str:
    return _digest("user", username.strip().lower())


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def login_is_blocked(username: str, client: str) -> bool:
    since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    from_client = FailedLogin.objects.filter(created_at__gte=since, client_hash=_digest("client", client))
    if from_client.filter(username_hash=_user_digest(username)).count() >= settings.LOGIN_FAILURE_LIMIT:
        return True
    return from_client.count() >= settings.LOGIN_FAILURE_CLIENT_LIMIT


def login_failed(username: str, client: str) -> None:
    FailedLogin.objects.create(username_hash=_user_digest(username), client_hash=_digest("client", client))
    # Old rows are useless for throttling; trim them as we go.
    FailedLogin.objects.filter(created_at__lt=timezone.now() - timedelta(days=1)).delete()


def login_succeeded(username: str, client: str) -> None:
    """Forget this client's failures for this username; failures elsewhere still count against their source."""
    FailedLogin.objects.filter(
        username_hash=_user_digest(username), client_hash=_digest("client", client)
    ).delete()
