"""Every change to campaigns, targets and registrations goes through these functions."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns.award_types import award_type_choices
from thidua.campaigns.indicators import (
    counting_rules,
    default_unit_of_measure,
    get_indicator,
    indicator_choices,
    indicator_label,
)
from thidua.campaigns.models import (
    Campaign,
    CampaignExtension,
    CampaignRevision,
    Comparison,
    Registration,
    RegistrationStatus,
    Target,
)
from thidua.campaigns.years import years_with_data
from thidua.core.audit import audit_record
from thidua.core.events import Reason, tell
from thidua.core.text import clean_text
from thidua.core.uploads import PDF, name_for_kind, private_storage, private_upload_path, validate_upload
from thidua.organizations.access import descendant_unit_ids, users_for_action
from thidua.organizations.models import Unit, UnitKind


@dataclass
class TargetSpec:
    """One row of the plan editor's target table: an existing target (``id``) to change or remove, or a new one."""

    indicator: str
    comparison: str
    threshold: Decimal
    label: str = ""
    unit_of_measure: str = ""
    unit_kinds: list[str] = field(default_factory=list)
    position: int = 0
    counting_rule: str = ""
    source_text: str = ""
    id: int | None = None
    remove: bool = False


# The plan's own fields a revision lists, in the order the page shows them.
PLAN_FIELDS = (
    "number",
    "title",
    "issue_date",
    "issuing_unit",
    "legal_bases",
    "summary",
    "period_start",
    "period_end",
    "participating_kinds",
    "participants",
    "award_types",
)
TARGET_FIELDS = (
    "indicator",
    "label",
    "comparison",
    "threshold",
    "unit_of_measure",
    "unit_kinds",
    "position",
    "counting_rule",
)


def campaign_has_data(campaign: Campaign) -> bool:
    """Has anything been recorded under the plan: a registration, or a measurement (something counted: answers,
    inspections, recorded models) for one of its participating units in one of its years?

    Once it has, every change to the plan needs a reason and is kept as a revision.
    """
    if campaign.pk is None:
        return False
    if campaign.registrations.exists():
        return True
    # The pillars say cheaply which years hold any data at all; only those years are measured.
    for year in years_with_data(campaign):
        units = list(campaign.participating_units(year))
        if not units:
            continue
        for target in campaign.targets.all():
            indicator = get_indicator(target.indicator)
            if indicator is None:
                continue
            for measurement in indicator.measure(campaign, target, units, year).values():
                counted = measurement.count
                if (counted or 0) > 0 or (counted is None and measurement.value is not None):
                    return True
    return False


def _plan_values(campaign: Campaign) -> dict[str, Any]:
    """The plan's fields as plain JSON values, for revisions and the audit trail."""
    participants = (
        sorted(campaign.participants.values_list("code", flat=True)) if campaign.pk is not None else []
    )
    return {
        "number": campaign.number,
        "title": campaign.title,
        "issue_date": campaign.issue_date.isoformat(),
        "issuing_unit": campaign.issuing_unit.code,
        "legal_bases": campaign.legal_bases,
        "summary": campaign.summary,
        "period_start": campaign.period_start.isoformat(),
        "period_end": campaign.period_end.isoformat(),
        "participating_kinds": sorted(campaign.participating_kinds),
        "participants": participants,
        "award_types": list(campaign.award_types),
    }


def _target_values(target: Target) -> dict[str, Any]:
    return {
        "indicator": target.indicator,
        "label": target.label,
        "comparison": target.comparison,
        "threshold": format(Decimal(target.threshold).normalize(), "f"),
        "unit_of_measure": target.unit_of_measure,
        "unit_kinds": sorted(target.unit_kinds),
        "position": target.position,
        "counting_rule": target.counting_rule,
    }


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {name: [before.get(name), after[name]] for name in after if before.get(name) != after[name]}


def _check_participation(
    issuing_unit: Unit, participating_kinds: list[str], participants: list[Unit] | None
) -> list[str]:
    """The kinds the plan records: the chosen kinds, or, for a list of units, the kinds of the units listed."""
    if participants:
        inside = descendant_unit_ids({issuing_unit.pk})
        if any(unit.pk not in inside for unit in participants):
            raise ValidationError(
                {"participants": _("Only units under the issuing authority can take part in its plan.")}
            )
        return sorted({unit.kind for unit in participants})
    unknown = set(participating_kinds) - set(UnitKind.values)
    if unknown or not participating_kinds:
        raise ValidationError({"participating_kinds": _("Choose the kinds of unit that take part.")})
    return list(participating_kinds)


def _check_award_types(award_types: list[str]) -> list[str]:
    known = {code for code, _label in award_type_choices()}
    unknown = [code for code in award_types if code not in known]
    if unknown:
        raise ValidationError({"award_types": _("Choose award types from the list.")})
    return list(dict.fromkeys(award_types))


def _check_target(spec: TargetSpec) -> TargetSpec:
    """Fill the defaults from the indicator registry and refuse what the registry does not know."""
    known = {code for code, _label in indicator_choices()}
    if spec.indicator not in known:
        raise ValidationError(_("Choose an indicator from the registry."))
    rules = [rule.code for rule in counting_rules(spec.indicator)]
    if spec.counting_rule and spec.counting_rule not in rules:
        raise ValidationError(
            _("The indicator %(indicator)s has no such counting rule.")
            % {"indicator": indicator_label(spec.indicator)}
        )
    if spec.comparison not in Comparison.values:
        raise ValidationError(_("Choose a comparison."))
    if spec.threshold is None or spec.threshold < 0:
        raise ValidationError(_("The threshold cannot be negative."))
    if set(spec.unit_kinds) - set(UnitKind.values):
        raise ValidationError(_("Choose the kinds of unit the target applies to from the list."))
    spec.label = clean_text(spec.label) or indicator_label(spec.indicator)
    spec.unit_of_measure = clean_text(spec.unit_of_measure) or default_unit_of_measure(spec.indicator)
    spec.source_text = clean_text(spec.source_text)
    return spec


def _check_targets(specs: list[TargetSpec]) -> list[TargetSpec]:
    kept = [_check_target(spec) for spec in specs if not spec.remove]
    indicators = [spec.indicator for spec in kept]
    duplicates = sorted({code for code in indicators if indicators.count(code) > 1})
    if duplicates:
        raise ValidationError(
            _("A plan has one target per indicator; %(indicators)s is chosen twice.")
            % {"indicators": ", ".join(indicator_label(code) for code in duplicates)}
        )
    return [spec for spec in specs if spec.remove] + kept


def _revise(
    *,
    actor: Any,
    campaign: Campaign,
    subject: str,
    changes: dict[str, list[Any]],
    reason: str,
    had_data: bool,
) -> CampaignRevision:
    return CampaignRevision.objects.create(
        campaign=campaign,
        subject=subject[:300],
        changes=changes,
        reason=reason,
        had_data=had_data,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _save_targets(
    *, actor: Any, campaign: Campaign, specs: list[TargetSpec], reason: str, had_data: bool, revise: bool
) -> None:
    existing = {target.pk: target for target in Target.objects.select_for_update().filter(campaign=campaign)}
    # Removals first, so a row can take over an indicator another row gave up.
    for spec in specs:
        if not spec.remove:
            continue
        target = existing.get(spec.id) if spec.id is not None else None
        if target is None:
            continue
        values = _target_values(target)
        audit_record(
            actor=actor,
            action="target.removed",
            target=target,
            unit=campaign.issuing_unit,
            data={"indicator": target.indicator, "reason": reason},
        )
        if revise:
            _revise(
                actor=actor,
                campaign=campaign,
                subject=_("Target removed: %(label)s") % {"label": target.label},
                changes={name: [value, None] for name, value in values.items()},
                reason=reason,
                had_data=had_data,
            )
        try:
            with transaction.atomic():
                target.delete()
        except ProtectedError:
            raise ValidationError(
                _("The target %(label)s is used by recorded data and cannot be removed.")
                % {"label": target.label}
            ) from None
    for spec in specs:
        if spec.remove:
            continue
        if spec.id is not None:
            target = existing.get(spec.id)
            if target is None:
                raise ValidationError(_("A target of the form no longer exists; reload the page."))
            before = _target_values(target)
        else:
            target, before = Target(campaign=campaign), {}
        for name in TARGET_FIELDS:
            setattr(target, name, getattr(spec, name))
        target.unit_kinds = sorted(spec.unit_kinds)
        target.source_text = spec.source_text
        target.full_clean(validate_unique=False)
        target.save()
        after = _target_values(target)
        if spec.id is None:
            audit_record(
                actor=actor,
                action="target.created",
                target=target,
                unit=campaign.issuing_unit,
                data={
                    "indicator": target.indicator,
                    "comparison": target.comparison,
                    "threshold": str(target.threshold),
                    "counting_rule": target.counting_rule,
                },
            )
            if revise:
                _revise(
                    actor=actor,
                    campaign=campaign,
                    subject=_("Target added: %(label)s") % {"label": target.label},
                    changes={name: [None, value] for name, value in after.items()},
                    reason=reason,
                    had_data=had_data,
                )
            continue
        changes = _diff(before, after)
        if not changes:
            continue
        audit_record(
            actor=actor,
            action="target.updated",
            target=target,
            unit=campaign.issuing_unit,
            data={"changes": changes, "reason": reason},
        )
        if revise:
            _revise(
                actor=actor,
                campaign=campaign,
                subject=_("Target changed: %(label)s") % {"label": target.label},
                changes=changes,
                reason=reason,
                had_data=had_data,
            )


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
    participants: list[Unit] | None = None,
    award_types: list[str] | None = None,
    targets: list[TargetSpec] | None = None,
    copied_from: Campaign | None = None,
) -> Campaign:
    """A new plan with its targets, in one transaction; ``copied_from`` names the earlier plan it started from."""
    kinds = _check_participation(issuing_unit, participating_kinds, participants)
    campaign = Campaign(
        number=clean_text(number),
        title=clean_text(title),
        issue_date=issue_date,
        issuing_unit=issuing_unit,
        period_start=period_start,
        period_end=period_end,
        participating_kinds=kinds,
        legal_bases=clean_text(legal_bases),
        summary=clean_text(summary),
        award_types=_check_award_types(list(award_types or [])),
        copied_from=copied_from,
    )
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period cannot end before it starts.")})
    if Campaign.objects.filter(issuing_unit=issuing_unit, number=campaign.number).exists():
        raise ValidationError({"number": _("The authority already has a plan with this number.")})
    specs = _check_targets(list(targets or []))
    campaign.full_clean()
    campaign.save()
    if participants:
        campaign.participants.set(participants)
    data: dict[str, Any] = {
        "number": campaign.number,
        "period": [period_start.isoformat(), period_end.isoformat()],
    }
    if copied_from is not None:
        data["copied_from"] = copied_from.number
    audit_record(actor=actor, action="campaign.created", target=campaign, unit=issuing_unit, data=data)
    _save_targets(actor=actor, campaign=campaign, specs=specs, reason="", had_data=False, revise=False)
    return campaign


@transaction.atomic
def campaign_update(
    *,
    actor: Any,
    campaign: Campaign,
    number: str,
    title: str,
    issue_date: date,
    period_start: date,
    period_end: date,
    participating_kinds: list[str],
    legal_bases: str = "",
    summary: str = "",
    participants: list[Unit] | None = None,
    award_types: list[str] | None = None,
    targets: list[TargetSpec] | None = None,
    reason: str = "",
) -> Campaign:
    """Change a plan and its targets. Every change is kept as a revision and audited; once the plan has data
    (registrations or measurements in its years) a change needs a reason."""
    campaign = Campaign.objects.select_for_update().select_related("issuing_unit").get(pk=campaign.pk)
    reason = clean_text(reason)
    had_data = campaign_has_data(campaign)
    if had_data and not reason:
        raise ValidationError(
            {"reason": _("Data have been recorded under this plan: give the reason for the change.")}
        )
    before = _plan_values(campaign)
    kinds = _check_participation(campaign.issuing_unit, participating_kinds, participants)
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period cannot end before it starts.")})
    number = clean_text(number)
    if (
        Campaign.objects.filter(issuing_unit=campaign.issuing_unit, number=number)
        .exclude(pk=campaign.pk)
        .exists()
    ):
        raise ValidationError({"number": _("The authority already has a plan with this number.")})
    campaign.number = number
    campaign.title = clean_text(title)
    campaign.issue_date = issue_date
    campaign.period_start, campaign.period_end = period_start, period_end
    campaign.participating_kinds = kinds
    campaign.legal_bases = clean_text(legal_bases)
    campaign.summary = clean_text(summary)
    campaign.award_types = _check_award_types(list(award_types or []))
    specs = _check_targets(list(targets or [])) if targets is not None else []
    campaign.full_clean(validate_unique=False)
    campaign.save()
    campaign.participants.set(participants or [])
    changes = _diff(before, _plan_values(campaign))
    if changes:
        audit_record(
            actor=actor,
            action="campaign.updated",
            target=campaign,
            unit=campaign.issuing_unit,
            data={"changes": changes, "reason": reason},
        )
        _revise(
            actor=actor,
            campaign=campaign,
            subject=_("Plan changed"),
            changes=changes,
            reason=reason,
            had_data=had_data,
        )
    _save_targets(actor=actor, campaign=campaign, specs=specs, reason=reason, had_data=had_data, revise=True)
    return campaign


def campaign_attach_signed_plan(
    *, actor: Any, campaign: Campaign, uploaded: Any, reason: str = ""
) -> Campaign:
    """Attach the signed plan as a PDF (checked by content, stored privately). Replacing one once the plan has
    data needs a reason; the earlier file stays stored and the revision names it."""
    kind = validate_upload(uploaded, (PDF,), settings.UPLOAD_MAX_BYTES)
    reason = clean_text(reason)
    stored_name = None
    try:
        with transaction.atomic():
            campaign = Campaign.objects.select_for_update().select_related("issuing_unit").get(pk=campaign.pk)
            had_data = campaign_has_data(campaign)
            if campaign.signed_plan and had_data and not reason:
                raise ValidationError(
                    {"reason": _("Data have been recorded under this plan: give the reason for the change.")}
                )
            uploaded.seek(0)
            stored_name = private_storage.save(private_upload_path(f"plans/{campaign.pk}", kind), uploaded)
            previous = campaign.signed_plan_name
            campaign.signed_plan = stored_name
            campaign.signed_plan_name = name_for_kind(
                clean_text(getattr(uploaded, "name", "") or "")[:240], kind
            )
            campaign.signed_plan_size = uploaded.size
            campaign.save(update_fields=["signed_plan", "signed_plan_name", "signed_plan_size"])
            changes = {"signed_plan": [previous or None, campaign.signed_plan_name]}
            audit_record(
                actor=actor,
                action="campaign.signed_plan_attached",
                target=campaign,
                unit=campaign.issuing_unit,
                data={"changes": changes, "reason": reason},
            )
            if previous:
                _revise(
                    actor=actor,
                    campaign=campaign,
                    subject=_("Signed plan replaced"),
                    changes=changes,
                    reason=reason,
                    had_data=had_data,
                )
    except BaseException:
        if stored_name is not None:
            private_storage.delete(stored_name)
        raise
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
    values_before = _target_values(target)
    target.comparison, target.threshold, target.label = comparison, threshold, clean_text(label)
    target.full_clean()
    target.save()
    changes = _diff(values_before, _target_values(target))
    if changes:
        # The same history the plan editor keeps, so the plan page lists this change too.
        _revise(
            actor=actor,
            campaign=target.campaign,
            subject=_("Target changed: %(label)s") % {"label": target.label},
            changes=changes,
            reason=reason,
            had_data=campaign_has_data(target.campaign),
        )
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
