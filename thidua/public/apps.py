from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The public transparency page and the open-data catalogue: read-only, anonymous, above every pillar."""

    name = "thidua.public"
    label = "public_data"
    verbose_name = _("Transparency and open data")
