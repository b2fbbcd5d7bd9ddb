"""API authentication: a session for people in the browser, a bearer token for systems.

It lives with the tokens and roles it checks, so every app's ``api.py`` imports it downward and the ``api``
package, which only assembles the routers, is imported by none of them.
"""

import time
from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from thidua.organizations.access import unit_ids_for, unit_ids_for_token
from thidua.organizations.models import ApiToken
from thidua.organizations.services import api_token_authenticate

# A system posting ratings calls many times a second; looking its token up (and walking the unit tree for its
# scope) on every call was a third of the API's cost (docs/benchmarks.md §1c). Each process keeps a valid token
# and its scope for this long, so a revocation or a change of scope is honoured within these seconds everywhere.
TOKEN_CACHE_SECONDS = 5.0
_TOKENS: dict[str, tuple[float, ApiToken]] = {}  # SHA-256 of the secret → (valid until, token with its scope)


def cached_token(raw: str) -> ApiToken | None:
    """The active token for the secret, from this process's memory when looked up in the last few seconds."""
    if not raw or len(raw) > 200:
        return None
    key = ApiToken.hash_token(raw)
    now = time.monotonic()
    cached = _TOKENS.get(key)
    if cached is not None and cached[0] > now:
        return cached[1]
    token = api_token_authenticate(raw)  # refreshes last use at most once a minute
    if token is None:
        _TOKENS.pop(key, None)
        return None  # unknown secrets are not remembered: a token just created works at once
    unit_ids_for_token(token)  # computed once per lookup, kept on the token
    if len(_TOKENS) > 1000:
        _TOKENS.clear()
    _TOKENS[key] = (now + TOKEN_CACHE_SECONDS, token)
    return token


def forget_cached_tokens() -> None:
    _TOKENS.clear()


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = cached_token(token)
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
