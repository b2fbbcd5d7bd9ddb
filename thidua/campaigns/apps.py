from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "thidua.campaigns"
    label = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self) -> None:
        from thidua.campaigns import audit_actions, permissions  # noqa: F401  (register themselves)
        from thidua.core.context_processors import register_nav_item
        from thidua.organizations.access import allowed_to

        register_nav_item("campaign-list", _("Campaigns"), allowed_to("campaign.view"), order=10)
        register_nav_item("plan-list", _("My authority's plans"), allowed_to("campaign.manage"), order=11)

        from thidua.campaigns.comparison import reads_several_authorities

        register_nav_item("dashboard-communes", _("Compare communes"), reads_several_authorities, order=15)

        from thidua.campaigns.work import waiting_work
        from thidua.core.panels import register_waiting_work

        register_waiting_work(
            "campaigns",
            waiting_work,
            {
                "campaigns.registration_to_confirm": _("Registrations to confirm"),
                "campaigns.registration_returned": _("Registrations returned to you"),
                "campaigns.registration_to_finish": _("Registrations to finish"),
            },
        )
