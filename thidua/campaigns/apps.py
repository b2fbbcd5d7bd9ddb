from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "thidua.campaigns"
    label = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self) -> None:
        from thidua.core.audit import register_action_labels
        from thidua.core.context_processors import register_nav_item

        register_action_labels(
            {
                "campaign.created": _("Campaign created"),
                "campaign.extended": _("Campaign period extended"),
                "target.created": _("Target created"),
                "target.updated": _("Target changed"),
                "registration.created": _("Registration drafted"),
                "registration.updated": _("Registration changed"),
                "registration.submitted": _("Registration submitted"),
                "registration.confirmed": _("Registration confirmed"),
                "registration.returned": _("Registration returned"),
            }
        )

        register_nav_item("campaign-list", _("Campaigns"), "campaign.view", order=10)
