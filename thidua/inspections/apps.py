from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "thidua.inspections"
    label = "inspections"
    verbose_name = _("Office-culture inspections")

    def ready(self) -> None:
        from thidua.campaigns.dashboard import register_overdue_source
        from thidua.campaigns.indicators import Indicator, register_indicator
        from thidua.core.context_processors import register_nav_item
        from thidua.inspections import audit_actions, permissions  # noqa: F401  (register themselves)
        from thidua.inspections.indicator import measure_office_culture, overdue_remediations
        from thidua.organizations.access import allowed_to

        register_nav_item("inspection-list", _("Inspections"), allowed_to("inspection.view"), order=40)
        register_indicator(
            Indicator("office_culture", _("Office-culture compliance"), measure_office_culture)
        )
        register_overdue_source("remediations", _("Remediation"), overdue_remediations)
