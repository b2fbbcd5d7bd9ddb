"""Every change to reform models, their appraisal and evidence goes through these functions.

The workflow (one function per transition, each audited in its own transaction):

    draft ──model_send_to_head (officer)──▶ awaiting_head ──model_submit (head)──▶ submitted
      ▲                                          │                                   │
      └────────model_head_return (head)──────────┘          model_approve / model_return / model_reject
                                                                           (district officer)
    returned ──model_send_to_head──▶ …        approved ──model_recognise──▶ exemplary
                                              approved / exemplary ──model_discontinue──▶ discontinued
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns.models import Campaign
from thidua.core.audit import audit_record
from thidua.core.text import clean_text, fold
from thidua.core.uploads import (
    DOCUMENT_KINDS,
    name_for_kind,
    private_storage,
    private_upload_path,
    validate_upload,
)
from thidua.initiatives import announcements
from thidua.initiatives.models import (
    CRITERIA,
    EDITABLE_STATUSES,
    PUBLIC_STATUSES,
    Appraisal,
    AppraisalDecision,
    EvidenceFile,
    ModelCategory,
    ModelStatus,
    ReformModel,
    Verdict,
)
from thidua.organizations.models import Unit

# Fields an officer writes; everything else (status, dates, signers) belongs to the workflow.
CONTENT_FIELDS = (
    "title",
    "category",
    "problem",
    "solution",
    "started_on",
    "minutes_saved_per_dossier",
    "minutes_saved_method",
    "cost_saved_per_year",
    "cost_saved_method",
    "trips_avoided_per_dossier",
    "trips_avoided_method",
    "people_served_per_year",
    "people_served_method",
    "links",
)
TEXT_FIELDS = {
    "title",
    "problem",
    "solution",
    "minutes_saved_method",
    "cost_saved_method",
    "trips_avoided_method",
    "people_served_method",
    "links",
}
EFFECTS = (
    ("minutes_saved_per_dossier", "minutes_saved_method"),
    ("cost_saved_per_year", "cost_saved_method"),
    ("trips_avoided_per_dossier", "trips_avoided_method"),
    ("people_served_per_year", "people_served_method"),
)


def search_key_for(model: ReformModel) -> str:
    """The folded text the library searches: title, problem, solution, unit and category."""
    parts = [
        model.title,
        model.problem,
        model.solution,
        model.unit.name,
        model.unit.official_name,
        str(ModelCategory(model.category).label) if model.category in ModelCategory.values else "",
    ]
    return fold(" ".join(parts))


def _clean_content(content: dict[str, Any]) -> dict[str, Any]:
    unknown = set(content) - set(CONTENT_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    cleaned = {key: clean_text(value) if key in TEXT_FIELDS else value for key, value in content.items()}
    errors: dict[str, str] = {}
    for field in ("title", "problem", "solution"):
        if field in cleaned and not cleaned[field]:
            errors[field] = _("This field is required.")
    if "category" in cleaned and cleaned["category"] not in ModelCategory.values:
        errors["category"] = _("Choose a category from the list.")
    for value_field, method_field in EFFECTS:
        value = cleaned.get(value_field)
        if value is not None and Decimal(value) < 0:
            errors[value_field] = _("A measured effect cannot be negative.")
        elif value is not None and not cleaned.get(method_field):
            errors[method_field] = _("Say how this effect was measured.")
    validate_url = URLValidator(schemes=["http", "https"])
    for line in (cleaned.get("links") or "").splitlines():
        try:
            validate_url(line.strip())
        except ValidationError:
            errors["links"] = _("Each line must be one web address starting with http:// or https://.")
            break
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_campaign_year(campaign: Campaign, unit: Unit, year: int) -> None:
    if year not in campaign.years:
        raise ValidationError({"year": _("The year must fall within the campaign period.")})
    if not campaign.participating_units(year).filter(pk=unit.pk).exists():
        raise ValidationError(_("This unit does not take part in the campaign in that year."))


def _save_new(model: ReformModel) -> ReformModel:
    model.search_key = search_key_for(model)
    model.full_clean(exclude=["search_key"])
    model.save()
    return model


@transaction.atomic
def model_create(*, actor: Any, unit: Unit, campaign: Campaign, year: int, **content: Any) -> ReformModel:
    """Record a new model as a draft of the unit."""
    cleaned = _clean_content(content)
    missing = {
        field
        for field in ("title", "category", "problem", "solution", "started_on")
        if not cleaned.get(field)
    }
    if missing:
        raise ValidationError(dict.fromkeys(sorted(missing), _("This field is required.")))
    _check_campaign_year(campaign, unit, year)
    model = _save_new(ReformModel(unit=unit, campaign=campaign, year=year, created_by=actor, **cleaned))
    audit_record(
        actor=actor,
        action="reform_model.created",
        target=model,
        unit=unit,
        data={"year": year, "category": model.category},
    )
    return model


def _locked(model: ReformModel) -> ReformModel:
    # Lock only the model's row: PostgreSQL refuses FOR UPDATE on the outer join to a missing source.
    return (
        ReformModel.objects.select_for_update(of=("self",))
        .select_related("unit", "campaign", "source")
        .get(pk=model.pk)
    )


@transaction.atomic
def model_update(*, actor: Any, model: ReformModel, year: int | None = None, **content: Any) -> ReformModel:
    """Change a draft or returned model's content."""
    model = _locked(model)
    if not model.is_editable:
        raise ValidationError(_("Only a draft or returned model can be changed."))
    cleaned = _clean_content(content)
    if year is not None and year != model.year:
        _check_campaign_year(model.campaign, model.unit, year)
        model.year = year
    changed = sorted(key for key, value in cleaned.items() if getattr(model, key) != value)
    for key, value in cleaned.items():
        setattr(model, key, value)
    model.search_key = search_key_for(model)
    model.full_clean(exclude=["search_key"])
    model.save()
    audit_record(
        actor=actor, action="reform_model.updated", target=model, unit=model.unit, data={"changed": changed}
    )
    return model


def _require_status(
    model: ReformModel, allowed: tuple[Any, ...], message: str
) -> None:  # ModelStatus members
    if model.status not in allowed:
        raise ValidationError(message)


@transaction.atomic
def model_send_to_head(*, actor: Any, model: ReformModel) -> ReformModel:
    """The officer sends a draft (or a returned model) to the unit head for sign-off."""
    model = _locked(model)
    _require_status(
        model, EDITABLE_STATUSES, _("Only a draft or returned model can be sent to the unit head.")
    )
    model.status = ModelStatus.AWAITING_HEAD
    model.save(update_fields=["status", "updated_at"])
    entry = audit_record(actor=actor, action="reform_model.sent_to_head", target=model, unit=model.unit)
    announcements.sent_to_head(model, entry, actor)
    return model


@transaction.atomic
def model_head_return(*, actor: Any, model: ReformModel, reason: str) -> ReformModel:
    """The unit head sends the model back to the officer as a draft, saying why."""
    model = _locked(model)
    _require_status(
        model, (ModelStatus.AWAITING_HEAD,), _("Only a model awaiting the unit head can be sent back.")
    )
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the model is sent back.")})
    model.status = ModelStatus.DRAFT
    model.return_reason = reason
    model.save(update_fields=["status", "return_reason", "updated_at"])
    entry = audit_record(
        actor=actor,
        action="reform_model.head_returned",
        target=model,
        unit=model.unit,
        data={"reason": reason},
    )
    announcements.head_returned(model, entry, actor)
    return model


@transaction.atomic
def model_submit(*, actor: Any, model: ReformModel) -> ReformModel:
    """The unit head confirms the model and submits it to the district for appraisal."""
    model = _locked(model)
    _require_status(
        model,
        (ModelStatus.AWAITING_HEAD,),
        _("Only a model the officer has sent to the unit head can be submitted."),
    )
    model.status = ModelStatus.SUBMITTED
    model.submitted_by = actor
    model.submitted_at = timezone.now()
    model.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    entry = audit_record(actor=actor, action="reform_model.submitted", target=model, unit=model.unit)
    announcements.submitted(model, entry, actor)
    return model


def _appraise(
    *,
    actor: Any,
    model: ReformModel,
    decision: Any,  # an AppraisalDecision (typed loosely: mypy runs without the Django plugin)
    criteria: dict[str, str],
    comments: dict[str, str] | None,
    reason: str,
) -> ReformModel:
    model = _locked(model)
    _require_status(model, (ModelStatus.SUBMITTED,), _("Only a submitted model can be appraised."))
    comments = comments or {}
    codes = [code for code, _label in CRITERIA]
    if set(criteria) != set(codes) or any(value not in Verdict.values for value in criteria.values()):
        raise ValidationError(_("Give a verdict on each of the four criteria."))
    reason = clean_text(reason)
    if decision == AppraisalDecision.APPROVED:
        if any(criteria[code] != Verdict.MEETS for code in codes):
            raise ValidationError(_("A model can be approved only when it meets all four criteria."))
    elif not reason:
        raise ValidationError({"reason": _("Say why the model is returned or rejected.")})
    appraisal = Appraisal.objects.create(
        model=model,
        appraiser=actor,
        decision=decision,
        reason=reason,
        **{code: criteria[code] for code in codes},
        **{f"{code}_comment": clean_text(comments.get(code, "")) for code in codes},
    )
    model.status = decision
    model.decided_at = timezone.now()
    model.return_reason = reason if decision == AppraisalDecision.RETURNED else ""
    model.save(update_fields=["status", "decided_at", "return_reason", "updated_at"])
    entry = audit_record(
        actor=actor,
        action=f"reform_model.{decision}",
        target=model,
        unit=model.unit,
        data={"appraisal": appraisal.pk, "criteria": criteria, "reason": reason},
    )
    announcements.appraised(model, entry, actor, str(decision))
    return model


@transaction.atomic
def model_approve(
    *,
    actor: Any,
    model: ReformModel,
    criteria: dict[str, str],
    comments: dict[str, str] | None = None,
    reason: str = "",
) -> ReformModel:
    """The district officer approves a submitted model that meets all four criteria."""
    return _appraise(
        actor=actor,
        model=model,
        decision=AppraisalDecision.APPROVED,
        criteria=criteria,
        comments=comments,
        reason=reason,
    )


@transaction.atomic
def model_return(
    *,
    actor: Any,
    model: ReformModel,
    criteria: dict[str, str],
    reason: str,
    comments: dict[str, str] | None = None,
) -> ReformModel:
    """The district officer returns a submitted model for revision, with the reason."""
    return _appraise(
        actor=actor,
        model=model,
        decision=AppraisalDecision.RETURNED,
        criteria=criteria,
        comments=comments,
        reason=reason,
    )


@transaction.atomic
def model_reject(
    *,
    actor: Any,
    model: ReformModel,
    criteria: dict[str, str],
    reason: str,
    comments: dict[str, str] | None = None,
) -> ReformModel:
    """The district officer rejects a submitted model, with the reason."""
    return _appraise(
        actor=actor,
        model=model,
        decision=AppraisalDecision.REJECTED,
        criteria=criteria,
        comments=comments,
        reason=reason,
    )


@transaction.atomic
def model_recognise(*, actor: Any, model: ReformModel) -> ReformModel:
    """Recognise an approved model as exemplary (điển hình tiên tiến)."""
    model = _locked(model)
    _require_status(
        model, (ModelStatus.APPROVED,), _("Only an approved model can be recognised as exemplary.")
    )
    model.status = ModelStatus.EXEMPLARY
    model.recognised_at = timezone.now()
    model.save(update_fields=["status", "recognised_at", "updated_at"])
    entry = audit_record(actor=actor, action="reform_model.recognised", target=model, unit=model.unit)
    announcements.recognised(model, entry, actor)
    return model


@transaction.atomic
def model_discontinue(*, actor: Any, model: ReformModel, reason: str) -> ReformModel:
    """Record that an approved or exemplary model is no longer applied."""
    model = _locked(model)
    _require_status(model, PUBLIC_STATUSES, _("Only an approved or exemplary model can be discontinued."))
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the model is discontinued.")})
    model.status = ModelStatus.DISCONTINUED
    model.discontinued_at = timezone.now()
    model.discontinue_reason = reason
    model.save(update_fields=["status", "discontinued_at", "discontinue_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="reform_model.discontinued",
        target=model,
        unit=model.unit,
        data={"reason": reason},
    )
    return model


@transaction.atomic
def model_adopt(
    *,
    actor: Any,
    source: ReformModel,
    unit: Unit,
    campaign: Campaign,
    year: int,
    started_on: date,
    solution: str = "",
) -> ReformModel:
    """A unit adopts another unit's approved model: a new draft of its own, linked to the source.

    The copy carries the source's title, category and problem; the measured effect is left empty, since the
    adopting unit must measure its own. It goes through the same appraisal as any model.
    """
    source = ReformModel.objects.select_related("unit").get(pk=source.pk)
    if source.status not in PUBLIC_STATUSES:
        raise ValidationError(_("Only an approved or exemplary model can be adopted."))
    if source.unit_id == unit.pk:
        raise ValidationError(_("A unit cannot adopt its own model."))
    if ReformModel.objects.filter(source=source, unit=unit).exists():
        raise ValidationError(_("This unit has already adopted this model."))
    _check_campaign_year(campaign, unit, year)
    solution = clean_text(solution) or source.solution
    model = ReformModel(
        unit=unit,
        campaign=campaign,
        year=year,
        title=source.title,
        category=source.category,
        problem=source.problem,
        solution=solution,
        started_on=started_on,
        source=source,
        created_by=actor,
    )
    try:
        with transaction.atomic():
            _save_new(model)
    except IntegrityError:
        # Two adoptions raced; the unique constraint kept one.
        raise ValidationError(_("This unit has already adopted this model.")) from None
    audit_record(
        actor=actor,
        action="reform_model.adopted",
        target=model,
        unit=unit,
        data={"source": source.pk, "source_unit": source.unit.code},
    )
    return model


def evidence_add(
    *, actor: Any, model: ReformModel, uploaded: Any, description: str = "", is_public: bool = False
) -> EvidenceFile:
    """Attach an evidence file: content checked, stored privately; nothing is left behind if anything fails."""
    kind = validate_upload(uploaded, DOCUMENT_KINDS, settings.UPLOAD_MAX_BYTES)
    stored_name = None
    try:
        with transaction.atomic():
            model = _locked(model)
            if model.status not in (*EDITABLE_STATUSES, *PUBLIC_STATUSES):
                raise ValidationError(
                    _("Evidence can be added while the model is a draft or returned, or after approval.")
                )
            uploaded.seek(0)
            stored_name = private_storage.save(private_upload_path(f"models/{model.pk}", kind), uploaded)
            evidence = EvidenceFile.objects.create(
                model=model,
                file=stored_name,
                original_name=name_for_kind(clean_text(getattr(uploaded, "name", "") or "")[:240], kind),
                description=clean_text(description)[:300],
                kind=kind.code,
                content_type=kind.content_type,
                size=uploaded.size,
                is_public=is_public,
                uploaded_by=actor,
            )
            audit_record(
                actor=actor,
                action="reform_model.evidence_added",
                target=model,
                unit=model.unit,
                data={
                    "evidence": evidence.pk,
                    "name": evidence.original_name,
                    "kind": kind.code,
                    "public": is_public,
                },
            )
    except BaseException:
        if stored_name is not None:
            private_storage.delete(stored_name)
        raise
    return evidence


@transaction.atomic
def evidence_set_public(*, actor: Any, evidence: EvidenceFile, is_public: bool) -> EvidenceFile:
    """Show or hide an evidence file in the public library."""
    evidence = EvidenceFile.objects.select_for_update().select_related("model__unit").get(pk=evidence.pk)
    if evidence.is_public == is_public:
        return evidence
    evidence.is_public = is_public
    evidence.save(update_fields=["is_public"])
    audit_record(
        actor=actor,
        action="reform_model.evidence_published" if is_public else "reform_model.evidence_hidden",
        target=evidence.model,
        unit=evidence.model.unit,
        data={"evidence": evidence.pk, "name": evidence.original_name},
    )
    return evidence


@transaction.atomic
def evidence_delete(*, actor: Any, evidence: EvidenceFile) -> None:
    """Remove an evidence file of a draft or returned model; the stored file goes once the row is gone."""
    evidence = EvidenceFile.objects.select_for_update().select_related("model__unit").get(pk=evidence.pk)
    model = evidence.model
    if not model.is_editable:
        raise ValidationError(_("Evidence can be removed only while the model is a draft or returned."))
    name = evidence.file.name
    evidence.delete()
    audit_record(
        actor=actor,
        action="reform_model.evidence_removed",
        target=model,
        unit=model.unit,
        data={"name": evidence.original_name},
    )
    transaction.on_commit(lambda: private_storage.delete(name))
