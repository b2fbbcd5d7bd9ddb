from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "thidua.initiatives"
    label = "initiatives"
    verbose_name = _("Reform models")

    def ready(self) -> None:
        from thidua.campaigns.indicators import register_indicator
        from thidua.campaigns.years import register_data_years
        from thidua.core.context_processors import register_nav_item
        from thidua.initiatives import audit_actions, permissions  # noqa: F401  (register themselves)
        from thidua.initiatives.indicators import REFORM_MODELS
        from thidua.initiatives.selectors import years_with_models
        from thidua.organizations.access import allowed_to

        register_nav_item("reform-model-list", _("Reform models"), allowed_to("reform_model.view"), order=30)
        register_nav_item(
            "reform-model-overview", _("Replication"), allowed_to("reform_model.overview"), order=31
        )
        register_nav_item("library", _("Model library"), None, order=32)
        register_indicator(REFORM_MODELS)
        register_data_years("reform_models", years_with_models)
        from thidua.core.panels import register_waiting_work
        from thidua.initiatives.work import waiting_work

        register_waiting_work(
            "initiatives",
            waiting_work,
            {
                "initiatives.model_to_approve": _("Reform models waiting for your approval"),
                "initiatives.model_to_appraise": _("Reform models to appraise"),
                "initiatives.model_returned": _("Reform models returned for revision"),
            },
        )
