"""Whom the reform-model workflow tells, and what (thidua/core/events.py; the notifications app listens)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.events import Reason, tell
from thidua.core.models import AuditEntry
from thidua.initiatives.models import ReformModel
from thidua.organizations.access import users_for_action


def _tell(
    model: ReformModel, entry: AuditEntry, *, kind: str, reason: Reason, action: str | tuple, title, actor
):
    actions = (action,) if isinstance(action, str) else action
    recipients = [user_id for code in actions for user_id in users_for_action(code, model.unit_id)]
    tell(
        kind=kind,
        reason=reason,
        recipients=recipients,
        title=title,
        url=reverse("reform-model-detail", kwargs={"model_id": model.pk}),
        key=f"reform_model:{model.pk}:{kind}:{entry.pk}",  # one event per transition
        unit_id=model.unit_id,
        actor=actor,
    )


def sent_to_head(model: ReformModel, entry: AuditEntry, actor: Any) -> None:
    _tell(
        model,
        entry,
        kind="initiatives.model_to_approve",
        reason=Reason.WAITING,
        action="reform_model.submit",
        title=lambda: _("A reform model waits for your approval: %(title)s") % {"title": model.title},
        actor=actor,
    )


def head_returned(model: ReformModel, entry: AuditEntry, actor: Any) -> None:
    _tell(
        model,
        entry,
        kind="initiatives.model_returned",
        reason=Reason.RETURNED,
        action="reform_model.edit",
        title=lambda: _("The unit head sent back the reform model: %(title)s") % {"title": model.title},
        actor=actor,
    )


def submitted(model: ReformModel, entry: AuditEntry, actor: Any) -> None:
    _tell(
        model,
        entry,
        kind="initiatives.model_to_appraise",
        reason=Reason.WAITING,
        action="reform_model.appraise",
        title=lambda: (
            _("A reform model waits for appraisal: %(title)s (%(unit)s)")
            % {"title": model.title, "unit": model.unit}
        ),
        actor=actor,
    )


def appraised(model: ReformModel, entry: AuditEntry, actor: Any, decision: str) -> None:
    titles = {
        "approved": lambda: _("The reform model was approved: %(title)s") % {"title": model.title},
        "returned": lambda: (
            _("The reform model was returned for revision: %(title)s") % {"title": model.title}
        ),
        "rejected": lambda: _("The reform model was rejected: %(title)s") % {"title": model.title},
    }
    _tell(
        model,
        entry,
        kind="initiatives.model_returned" if decision == "returned" else f"initiatives.model_{decision}",
        reason=Reason.RETURNED if decision == "returned" else Reason.DONE,
        action=("reform_model.edit", "reform_model.submit"),
        title=titles[decision],
        actor=actor,
    )


def recognised(model: ReformModel, entry: AuditEntry, actor: Any) -> None:
    _tell(
        model,
        entry,
        kind="initiatives.model_recognised",
        reason=Reason.DONE,
        action=("reform_model.edit", "reform_model.submit"),
        title=lambda: _("The reform model was recognised as exemplary: %(title)s") % {"title": model.title},
        actor=actor,
    )
