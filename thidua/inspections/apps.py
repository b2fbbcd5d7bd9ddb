from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "thidua.inspections"
    label = "inspections"
    verbose_name = _("Office-culture inspections")

    def ready(self) -> None:
        from thidua.campaigns.dashboard import register_overdue_source as register_dashboard_overdue
        from thidua.campaigns.indicators import Indicator, register_indicator
        from thidua.campaigns.years import register_data_years
        from thidua.core.context_processors import register_nav_item
        from thidua.inspections import audit_actions, permissions  # noqa: F401  (register themselves)
        from thidua.inspections.indicator import measure_office_culture
        from thidua.inspections.selectors import years_with_inspections
        from thidua.organizations.access import allowed_to

        register_nav_item("inspection-list", _("Inspections"), allowed_to("inspection.view"), order=40)
        register_indicator(
            Indicator("office_culture", _("Office-culture compliance"), measure_office_culture)
        )
        register_data_years("office_culture", years_with_inspections)
        from thidua.core.panels import register_overdue_source, register_waiting_work
        from thidua.inspections.work import overdue_remediations, waiting_work

        register_waiting_work(
            "inspections",
            waiting_work,
            {
                "inspections.to_review": _("Inspections to review"),
                "inspections.to_record": _("Inspection records to complete"),
                "inspections.remediation_overdue": _("Overdue remediations"),
                "inspections.remediation_due": _("Remediations due"),
                "inspections.remediation_to_verify": _("Remediation actions to verify"),
            },
        )
        register_overdue_source("inspections.remediations", overdue_remediations)
        from thidua.inspections.indicator import overdue_remediations as overdue_remediation_counts

        register_dashboard_overdue("remediations", _("Remediation"), overdue_remediation_counts)
