"""How the audit trail reads the notification preferences (registered by ready())."""

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import choice_label, register_audit_action
from thidua.notifications.models import EmailMode


def _mode(data: dict[str, Any]) -> list[str]:
    return [
        gettext("e-mail: %(before)s → %(after)s")
        % {
            "before": choice_label(EmailMode, data.get("before", "")),
            "after": choice_label(EmailMode, data.get("email_mode", "")),
        }
    ]


register_audit_action(
    "notification.preference_changed",
    _("Notification preference changed"),
    _("%(actor)s changed %(object)s"),
    noun=_("the notification preference"),
    details=_mode,
)
