"""The JSON API at /api/ (OpenAPI at /api/openapi.json).

Each app may define ``<app>/api.py`` with a ``router``; it is mounted here under the app's ``API_PREFIX`` (default
"") so that adding an app never needs an edit in this file. This package is the top layer: it finds the routers
through the app registry and imports no app by name; apps keep their schemas (``<app>/schemas.py``) and share
the authentication of ``organizations.api_auth``, so nothing below imports ``thidua.api``.

Every error answers ``thidua.core.api_types.ErrorOut`` (``{"detail": str, "errors"?: [{"field", "message"}]}``);
the handlers below make that true for errors raised anywhere in an operation, and each operation declares the
statuses it answers with ``error_responses(...)``, so the OpenAPI document lists exactly what a caller meets
(``thidua/api/tests/test_openapi_fuzz.py`` checks it against a live server).
"""

from importlib import import_module

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

api = NinjaAPI(
    title="Thi Đua CCHC API",
    version="1.0",
    description="Units, campaigns and progress of administrative-reform emulation campaigns.",
    urls_namespace="api",
)


def _location(loc) -> str:
    return ".".join(str(part) for part in loc if part not in {"body", "query", "path", "payload"})


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError):
    errors = [
        {"field": _location(error.get("loc", [])), "message": error.get("msg", "")} for error in exc.errors
    ]
    return api.create_response(
        request, {"detail": _("The data sent is not valid."), "errors": errors}, status=422
    )


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError):
    return api.create_response(request, {"detail": _("Sign in or send a valid API token.")}, status=401)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied):
    return api.create_response(
        request,
        {
            "detail": _(
                "Your role does not allow this action. If you think it should, ask the district officer."
            )
        },
        status=403,
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


def _mount_app_routers() -> None:
    for config in apps.get_app_configs():
        if not config.name.startswith("thidua."):
            continue
        try:
            module = import_module(f"{config.name}.api")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.api":
                raise
            continue
        router = getattr(module, "router", None)
        if router is not None:
            api.add_router(getattr(module, "API_PREFIX", ""), router)


_mount_app_routers()
