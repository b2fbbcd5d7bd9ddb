from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "thidua.inspections"
    label = "inspections"
    verbose_name = _("Office-culture inspections")

    def ready(self) -> None:
        from thidua.campaigns.indicators import Indicator, register_indicator
        from thidua.core.audit import register_action_labels
        from thidua.core.context_processors import register_nav_item
        from thidua.inspections import permissions  # noqa: F401 - registers the actions
        from thidua.inspections.indicator import measure_office_culture

        register_nav_item("inspection-list", _("Inspections"), "inspection.view", order=40)
        register_indicator(
            Indicator("office_culture", _("Office-culture compliance"), measure_office_culture)
        )
        register_action_labels(
            {
                "checklist.created": _("Checklist created"),
                "checklist.revised": _("Checklist revised"),
                "inspection.created": _("Inspection started"),
                "inspection.submitted": _("Inspection record submitted"),
                "inspection.returned": _("Inspection record returned"),
                "inspection.reviewed": _("Inspection record reviewed"),
                "finding.saved": _("Finding saved"),
                "finding.photo_added": _("Photo added to a finding"),
                "remediation.opened": _("Remediation opened"),
                "remediation.action_recorded": _("Remediation action recorded"),
                "remediation.closed": _("Remediation closed"),
                "remediation.reopened": _("Remediation reopened"),
                "discipline.recorded": _("Discipline breach recorded"),
            }
        )
