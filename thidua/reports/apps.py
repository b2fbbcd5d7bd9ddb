from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "thidua.reports"
    label = "reports"
    verbose_name = _("Periodic reports")

    def ready(self) -> None:
        from thidua.campaigns.dashboard import register_overdue_source as register_dashboard_overdue
        from thidua.campaigns.indicators import Indicator, register_indicator
        from thidua.core.context_processors import register_nav_item
        from thidua.core.panels import register_waiting_work
        from thidua.organizations.access import allowed_to
        from thidua.reports import audit_actions, permissions, reminders  # noqa: F401 - register themselves
        from thidua.reports.indicators import TIMELINESS, measure_timeliness
        from thidua.reports.work import overdue_reports, waiting_work

        register_indicator(Indicator(TIMELINESS, _("Reports on time and accepted"), measure_timeliness))
        register_waiting_work(
            "reports",
            waiting_work,
            {
                "reports.to_write": _("Reports to write"),
                "reports.returned": _("Reports returned for revision"),
                "reports.to_submit": _("Reports to sign and submit"),
                "reports.to_review": _("Reports to review"),
            },
        )
        register_dashboard_overdue("reports", _("Report"), overdue_reports)
        register_nav_item("reports-period-list", _("Reports"), allowed_to("reports.view"), order=55)
