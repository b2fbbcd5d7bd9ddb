"""The address citizens reach the site at, for links that leave the site (QR posters, rating links).

``SITE_URL`` names it when the site sits behind a proxy or a public name; when it is empty the address the request
arrived at is used (scheme from ``SECURE_PROXY_SSL_HEADER`` in production, host checked against ``ALLOWED_HOSTS``),
so a poster printed from ``PORT=9000 make run`` points at port 9000.
"""

from django.conf import settings
from django.http import HttpRequest


def request_base_url(request: HttpRequest) -> str:
    """Scheme and host the request arrived at, e.g. ``http://127.0.0.1:9000``."""
    return f"{request.scheme}://{request.get_host()}"


def public_base_url(request: HttpRequest) -> str:
    """The configured public address, or the request's own when none is configured; no trailing slash."""
    return settings.SITE_URL or request_base_url(request)


def public_url(request: HttpRequest, path: str) -> str:
    """An absolute address for a site path (which starts with "/")."""
    return public_base_url(request) + path


def configured_address_differs(request: HttpRequest) -> bool:
    """True when SITE_URL is set and is not the address this request arrived at (compared without case)."""
    configured = settings.SITE_URL
    return bool(configured) and configured.lower() != request_base_url(request).lower()
