"""What waits for people in the reform-model workflow: the head's sign-off, the district's appraisal, and the
officer's revision of a model sent back."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.panels import WaitingItem
from thidua.initiatives.models import ModelStatus, ReformModel
from thidua.organizations.access import scope_queryset


def _url(model: ReformModel) -> str:
    return reverse("reform-model-detail", kwargs={"model_id": model.pk})


def waiting_work(user: Any) -> list[WaitingItem]:
    items: list[WaitingItem] = []
    models = ReformModel.objects.select_related("unit")
    for model in scope_queryset(models.filter(status=ModelStatus.AWAITING_HEAD), user, "reform_model.submit"):
        items.append(
            WaitingItem(
                kind="initiatives.model_to_approve",
                title=_("Approve and submit the reform model: %(title)s") % {"title": model.title},
                url=_url(model),
                since=model.updated_at,
                unit=model.unit,
            )
        )
    for model in scope_queryset(models.filter(status=ModelStatus.SUBMITTED), user, "reform_model.appraise"):
        items.append(
            WaitingItem(
                kind="initiatives.model_to_appraise",
                title=_("Appraise the reform model: %(title)s") % {"title": model.title},
                url=_url(model),
                since=model.submitted_at or model.updated_at,
                unit=model.unit,
            )
        )
    returned = models.filter(status=ModelStatus.RETURNED) | models.filter(
        status=ModelStatus.DRAFT, return_reason__gt=""
    )
    for model in scope_queryset(returned, user, "reform_model.edit"):
        items.append(
            WaitingItem(
                kind="initiatives.model_returned",
                title=_("Revise the returned reform model: %(title)s") % {"title": model.title},
                url=_url(model),
                since=model.decided_at if model.status == ModelStatus.RETURNED else model.updated_at,
                unit=model.unit,
            )
        )
    return items
