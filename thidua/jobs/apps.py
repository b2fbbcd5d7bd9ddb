from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "thidua.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        # Registers actions, the export job kind and periodic work.
        from thidua.jobs import exports, periodic, permissions  # noqa: F401
