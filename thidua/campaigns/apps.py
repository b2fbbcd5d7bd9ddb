from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "thidua.campaigns"
    label = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self) -> None:
        from thidua.core.context_processors import register_nav_item

        register_nav_item("campaign-list", _("Campaigns"), "campaign.view", order=10)
