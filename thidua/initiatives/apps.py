from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "thidua.initiatives"
    label = "initiatives"
    verbose_name = _("Reform models")

    def ready(self) -> None:
        from thidua.campaigns.indicators import Indicator, register_indicator
        from thidua.core.audit import register_action_labels
        from thidua.core.context_processors import register_nav_item
        from thidua.initiatives import permissions  # noqa: F401  (registers the actions)
        from thidua.initiatives.indicators import measure_reform_models

        register_nav_item("reform-model-list", _("Reform models"), "reform_model.view", order=30)
        register_nav_item("reform-model-overview", _("Replication"), "reform_model.overview", order=31)
        register_nav_item("library", _("Model library"), None, order=32)
        register_indicator(Indicator("reform_models", _("Approved reform models"), measure_reform_models))
        register_action_labels(
            {
                "reform_model.created": _("Model recorded"),
                "reform_model.updated": _("Model changed"),
                "reform_model.sent_to_head": _("Model sent to the unit head"),
                "reform_model.head_returned": _("Model sent back by the unit head"),
                "reform_model.submitted": _("Model submitted for appraisal"),
                "reform_model.approved": _("Model approved"),
                "reform_model.returned": _("Model returned for revision"),
                "reform_model.rejected": _("Model rejected"),
                "reform_model.recognised": _("Model recognised as exemplary"),
                "reform_model.discontinued": _("Model discontinued"),
                "reform_model.adopted": _("Model adopted by another unit"),
                "reform_model.evidence_added": _("Evidence added"),
                "reform_model.evidence_published": _("Evidence visibility changed"),
                "reform_model.evidence_removed": _("Evidence removed"),
            }
        )
