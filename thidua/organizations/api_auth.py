"""API authentication: a session for people in the browser, a bearer token for systems.

It lives with the tokens and roles it checks, so every app's ``api.py`` imports it downward and the ``api``
package, which only assembles the routers, is imported by none of them.
"""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from thidua.organizations.access import unit_ids_for, unit_ids_for_token
from thidua.organizations.services import api_token_authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = api_token_authenticate(token)
        if api_token is not None:
            request.api_token = api_token
        return api_token


class UserSessionAuth(SessionAuth):
    """Session auth that accepts only signed-in, active users."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None


token_or_session = [TokenAuth(), UserSessionAuth()]


def allowed_unit_ids(request: HttpRequest, action: str) -> set[int]:
    """Units the caller (a token's scope, or a user's roles for the action) may act on."""
    token = getattr(request, "api_token", None)
    if token is not None:
        return unit_ids_for_token(token)
    return unit_ids_for(request.user, action)
