from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = _("Evaluation and awards")

    def ready(self) -> None:
        from thidua.awards import audit_actions, permissions  # noqa: F401 - register themselves
        from thidua.awards.work import award_history, waiting_work, year_awards
        from thidua.campaigns.dashboard import register_award_source
        from thidua.core.context_processors import register_nav_item
        from thidua.core.panels import register_unit_panel, register_waiting_work
        from thidua.organizations.access import allowed_to

        register_waiting_work(
            "awards",
            waiting_work,
            {
                "awards.vote": _("Council votes to cast"),
                "awards.session": _("Council sessions"),
                "awards.approval": _("Award proposals to approve"),
                "awards.round": _("Evaluation rounds in progress"),
                "awards.report_to_write": _("Achievement reports to write"),
                "awards.report_returned": _("Achievement reports returned for changes"),
                "awards.report_to_submit": _("Achievement reports to submit"),
                "awards.report_to_appraise": _("Achievement reports to appraise"),
            },
        )
        register_unit_panel("awards", "awards/unit_history.html", award_history)
        register_award_source("awards", year_awards)

        from thidua.awards.models import AwardType
        from thidua.campaigns.award_types import register_award_types

        # The plan editor offers these as the award types of the plan's rounds (campaigns cannot import awards).
        register_award_types("awards", lambda: AwardType.objects.values_list("code", "label"))

        register_nav_item("awards-round-list", _("Awards"), allowed_to("awards.round.view"), order=60)
