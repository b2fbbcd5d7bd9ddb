from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "thidua.surveys"
    label = "surveys"
    verbose_name = _("Citizen satisfaction")

    def ready(self) -> None:
        from thidua.campaigns.indicators import Indicator, register_indicator
        from thidua.campaigns.years import register_data_years
        from thidua.core.context_processors import register_nav_item
        from thidua.organizations.access import allowed_to
        from thidua.surveys import audit_actions, jobs, periodic, permissions  # noqa: F401  (register themselves)
        from thidua.surveys.selectors import (
            SATISFACTION_INDICATOR,
            measure_satisfaction,
            monthly_satisfaction,
            years_with_ratings,
        )

        register_nav_item(
            "satisfaction-district", _("Satisfaction"), allowed_to("satisfaction.view"), order=30
        )
        register_indicator(
            Indicator(
                SATISFACTION_INDICATOR,
                _("Satisfaction index"),
                measure_satisfaction,
                monthly=monthly_satisfaction,
            )
        )
        register_data_years(SATISFACTION_INDICATOR, years_with_ratings)
