from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "thidua.organizations"
    label = "organizations"
    verbose_name = _("Units and people")

    def ready(self) -> None:
        from thidua.core.audit import register_action_labels
        from thidua.core.context_processors import register_nav_item

        register_action_labels(
            {
                "unit.created": _("Unit created"),
                "unit.updated": _("Unit changed"),
                "unit.merged": _("Units merged"),
                "user.created": _("Account created"),
                "user.password_reset": _("Password reset by an officer"),
                "user.password_changed": _("Password changed by its owner"),
                "membership.granted": _("Role granted"),
                "membership.revoked": _("Role revoked"),
                "api_token.created": _("API token created"),
                "api_token.revoked": _("API token revoked"),
            }
        )

        register_nav_item("unit-list", _("Units"), "unit.view", order=20)
        register_nav_item("people", _("People"), "user.manage", order=70)
        register_nav_item("token-list", _("API tokens"), "token.manage", order=80)
