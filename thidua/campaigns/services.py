"""Every change to campaigns, targets and registrations goes through these functions."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns.models import Campaign, CampaignExtension, Registration, RegistrationStatus, Target
from thidua.core.audit import audit_record
from thidua.core.events import Reason, tell
from thidua.core.text import clean_text
from thidua.organizations.access import users_for_action
from thidua.organizations.models import Unit, UnitKind


@transaction.atomic
def campaign_create(
    *,
    actor: Any,
    number: str,
    title: str,
    issue_date: date,
    issuing_unit: Unit,
    period_start: date,
    period_end: date,
    participating_kinds: list[str],
    legal_bases: str = "",
    summary: str = "",
) -> Campaign:
    unknown = set(participating_kinds) - set(UnitKind.values)
    if unknown or not participating_kinds:
        raise ValidationError({"participating_kinds": _("Choose the kinds of unit that take part.")})
    campaign = Campaign(
        number=clean_text(number),
        title=clean_text(title),
        issue_date=issue_date,
        issuing_unit=issuing_unit,
        period_start=period_start,
        period_end=period_end,
        participating_kinds=list(participating_kinds),
        legal_bases=clean_text(legal_bases),
        summary=clean_text(summary),
    )
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period cannot end before it starts.")})
    campaign.full_clean()
    campaign.save()
    audit_record(
        actor=actor,
        action="campaign.created",
        target=campaign,
        unit=issuing_unit,
        data={"number": campaign.number, "period": [period_start.isoformat(), period_end.isoformat()]},
    )
    return campaign


@transaction.atomic
def campaign_extend(
    *, actor: Any, campaign: Campaign, new_end: date, decided_on: date, reason: str, document: str = ""
) -> CampaignExtension:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if new_end <= campaign.effective_end:
        raise ValidationError(
            {"new_end": _("The new end date must be later than the current end of the period.")}
        )
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    extension = CampaignExtension.objects.create(
        campaign=campaign,
        new_end=new_end,
        decided_on=decided_on,
        reason=reason,
        document=clean_text(document),
    )
    audit_record(
        actor=actor,
        action="campaign.extended",
        target=campaign,
        unit=campaign.issuing_unit,
        data={"new_end": new_end.isoformat(), "document": extension.document},
    )
    return extension


@transaction.atomic
def target_create(
    *,
    actor: Any,
    campaign: Campaign,
    indicator: str,
    label: str,
    comparison: str,
    threshold: Decimal,
    unit_of_measure: str = "",
    unit_kinds: list[str] | None = None,
    position: int = 0,
    source_text: str = "",
) -> Target:
    target = Target(
        campaign=campaign,
        indicator=indicator,
        label=clean_text(label),
        comparison=comparison,
        threshold=threshold,
        unit_of_measure=unit_of_measure,
        unit_kinds=list(unit_kinds or []),
        position=position,
        source_text=clean_text(source_text),
    )
    target.full_clean()
    target.save()
    audit_record(
        actor=actor,
        action="target.created",
        target=target,
        unit=campaign.issuing_unit,
        data={"indicator": indicator, "comparison": comparison, "threshold": str(threshold)},
    )
    return target


@transaction.atomic
def target_update(
    *, actor: Any, target: Target, comparison: str, threshold: Decimal, label: str, reason: str
) -> Target:
    """Change a target; the reason is required and recorded, as the plan forbids unexplained overrides."""
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Give the reason for changing the target.")})
    target = Target.objects.select_for_update().get(pk=target.pk)
    before = {"comparison": target.comparison, "threshold": str(target.threshold), "label": target.label}
    target.comparison, target.threshold, target.label = comparison, threshold, clean_text(label)
    target.full_clean()
    target.save()
    audit_record(
        actor=actor,
        action="target.updated",
        target=target,
        unit=target.campaign.issuing_unit,
        data={
            "before": before,
            "after": {"comparison": comparison, "threshold": str(threshold), "label": target.label},
            "reason": reason,
        },
    )
    return target


def _check_registration_year(campaign: Campaign, unit: Unit, year: int) -> None:
    if year not in campaign.years:
        raise ValidationError({"year": _("The year must fall within the campaign period.")})
    if not campaign.participating_units(year).filter(pk=unit.pk).exists():
        raise ValidationError(_("This unit does not take part in the campaign in that year."))


@transaction.atomic
def registration_save(
    *, actor: Any, campaign: Campaign, unit: Unit, year: int, commitment: str
) -> Registration:
    """Create the unit's registration for the year, or change its text while it is a draft or returned."""
    commitment = clean_text(commitment)
    if not commitment:
        raise ValidationError({"commitment": _("Write the unit's commitment.")})
    _check_registration_year(campaign, unit, year)
    registration = (
        Registration.objects.select_for_update().filter(campaign=campaign, unit=unit, year=year).first()
    )
    if registration is None:
        registration = Registration.objects.create(
            campaign=campaign, unit=unit, year=year, commitment=commitment, created_by=actor
        )
        audit_record(
            actor=actor, action="registration.created", target=registration, unit=unit, data={"year": year}
        )
        return registration
    if not registration.is_editable:
        raise ValidationError(_("A submitted or confirmed registration can no longer be changed."))
    registration.commitment = commitment
    registration.save(update_fields=["commitment", "updated_at"])
    audit_record(
        actor=actor, action="registration.updated", target=registration, unit=unit, data={"year": year}
    )
    return registration


def _tell(
    registration: Registration, entry: Any, *, kind: str, reason: Reason, action: str, title, actor
) -> None:
    """Tell the people of the unit who act next (thidua/core/events.py; the notifications app listens)."""
    tell(
        kind=kind,
        reason=reason,
        recipients=users_for_action(action, registration.unit_id),
        title=title,
        url=reverse("registration-detail", kwargs={"registration_id": registration.pk}),
        key=f"registration:{registration.pk}:{kind}:{entry.pk}",
        unit_id=registration.unit_id,
        actor=actor,
    )


def _locked(registration: Registration) -> Registration:
    return Registration.objects.select_for_update().select_related("unit", "campaign").get(pk=registration.pk)


@transaction.atomic
def registration_submit(*, actor: Any, registration: Registration) -> Registration:
    registration = _locked(registration)
    if not registration.is_editable:
        raise ValidationError(_("Only a draft or returned registration can be submitted."))
    registration.status = RegistrationStatus.SUBMITTED
    registration.submitted_by = actor
    registration.submitted_at = timezone.now()
    registration.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    entry = audit_record(
        actor=actor, action="registration.submitted", target=registration, unit=registration.unit
    )
    _tell(
        registration,
        entry,
        kind="campaigns.registration_to_confirm",
        reason=Reason.WAITING,
        action="registration.confirm",
        title=lambda: (
            _("A registration waits for your confirmation: %(unit)s, %(year)s")
            % {"unit": registration.unit, "year": registration.year}
        ),
        actor=actor,
    )
    return registration


@transaction.atomic
def registration_confirm(*, actor: Any, registration: Registration) -> Registration:
    registration = _locked(registration)
    if registration.status != RegistrationStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted registration can be confirmed."))
    registration.status = RegistrationStatus.CONFIRMED
    registration.confirmed_by = actor
    registration.confirmed_at = timezone.now()
    registration.return_reason = ""
    registration.save(update_fields=["status", "confirmed_by", "confirmed_at", "return_reason", "updated_at"])
    entry = audit_record(
        actor=actor, action="registration.confirmed", target=registration, unit=registration.unit
    )
    _tell(
        registration,
        entry,
        kind="campaigns.registration_confirmed",
        reason=Reason.DONE,
        action="registration.edit",
        title=lambda: (
            _("The registration was confirmed: %(unit)s, %(year)s")
            % {"unit": registration.unit, "year": registration.year}
        ),
        actor=actor,
    )
    return registration


@transaction.atomic
def registration_return(*, actor: Any, registration: Registration, reason: str) -> Registration:
    registration = _locked(registration)
    if registration.status != RegistrationStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted registration can be returned."))
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the registration is returned.")})
    registration.status = RegistrationStatus.RETURNED
    registration.return_reason = reason
    registration.save(update_fields=["status", "return_reason", "updated_at"])
    entry = audit_record(
        actor=actor,
        action="registration.returned",
        target=registration,
        unit=registration.unit,
        data={"reason": reason},
    )
    _tell(
        registration,
        entry,
        kind="campaigns.registration_returned",
        reason=Reason.RETURNED,
        action="registration.edit",
        title=lambda: (
            _("The registration was returned: %(unit)s, %(year)s")
            % {"unit": registration.unit, "year": registration.year}
        ),
        actor=actor,
    )
    return registration
