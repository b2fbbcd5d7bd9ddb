"""What waits for people in campaigns: registrations to confirm (the unit head) and to finish (the officer)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.campaigns.models import Registration, RegistrationStatus
from thidua.core.panels import WaitingItem
from thidua.organizations.access import scope_queryset


def waiting_work(user: Any) -> list[WaitingItem]:
    items: list[WaitingItem] = []
    to_confirm = scope_queryset(
        Registration.objects.filter(status=RegistrationStatus.SUBMITTED).select_related("unit"),
        user,
        "registration.confirm",
    )
    for registration in to_confirm:
        items.append(
            WaitingItem(
                kind="campaigns.registration_to_confirm",
                title=_("Confirm the registration of %(unit)s for %(year)s")
                % {"unit": registration.unit, "year": registration.year},
                url=reverse("registration-detail", kwargs={"registration_id": registration.pk}),
                since=registration.submitted_at or registration.updated_at,
                unit=registration.unit,
            )
        )
    to_finish = scope_queryset(
        Registration.objects.filter(
            status__in=[RegistrationStatus.DRAFT, RegistrationStatus.RETURNED]
        ).select_related("unit"),
        user,
        "registration.edit",
    )
    for registration in to_finish:
        returned = registration.status == RegistrationStatus.RETURNED
        items.append(
            WaitingItem(
                kind="campaigns.registration_returned" if returned else "campaigns.registration_to_finish",
                title=_("Registration of %(unit)s for %(year)s (%(status)s)")
                % {
                    "unit": registration.unit,
                    "year": registration.year,
                    "status": registration.get_status_display(),
                },
                url=reverse("registration-detail", kwargs={"registration_id": registration.pk}),
                since=registration.updated_at if returned else registration.created_at,
                unit=registration.unit,
            )
        )
    return items
