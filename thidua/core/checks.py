"""Deployment checks: refuse to run a production configuration that is unsafe."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=False)
def production_configuration_is_safe(app_configs, **kwargs):
    if settings.APP_ENV != "production":
        return []
    errors = []
    if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY or len(settings.SECRET_KEY) < 40:
        errors.append(
            Error(
                "SECRET_KEY is the development default or too short.",
                hint="Set SECRET_KEY to a random string of at least 40 characters.",
                id="thidua.E001",
            )
        )
    if settings.DEBUG:
        errors.append(Error("DEBUG is on in production.", hint="Unset DEBUG.", id="thidua.E002"))
    if not settings.ALLOWED_HOSTS:
        errors.append(
            Error(
                "ALLOWED_HOSTS is empty.",
                hint="List the site's host names in ALLOWED_HOSTS.",
                id="thidua.E003",
            )
        )
    return errors
