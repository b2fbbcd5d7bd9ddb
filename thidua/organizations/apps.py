from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "thidua.organizations"
    label = "organizations"
    verbose_name = _("Units and people")

    def ready(self) -> None:
        from thidua.core.context_processors import register_nav_item
        from thidua.organizations import audit_actions, permissions  # noqa: F401  (register themselves)
        from thidua.organizations.access import allowed_to

        register_nav_item("unit-list", _("Units"), allowed_to("unit.view"), order=20)
        register_nav_item("people", _("People"), allowed_to("user.manage"), order=70)
        register_nav_item("token-list", _("API tokens"), allowed_to("token.manage"), order=80)
        register_nav_item("audit-list", _("Audit trail"), allowed_to("audit.view"), order=90)
