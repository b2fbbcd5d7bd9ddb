"""Every change to units, memberships and API tokens goes through these functions."""

import secrets
from datetime import date
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record
from thidua.core.text import clean_text, fold, printable
from thidua.organizations.models import (
    COMMITTEE_ABBREVIATION,
    COMMITTEE_KINDS,
    ApiToken,
    AuthoritySettings,
    DocumentType,
    IssuedDocument,
    Membership,
    Unit,
    User,
)

UNIT_FIELDS = (
    "code",
    "name",
    "official_name",
    "kind",
    "parent",
    "valid_from",
    "valid_to",
    "is_confirmed",
    "document_abbreviation",
    "note",
)


def _unit_search_key(unit: Unit) -> str:
    return fold(f"{unit.code} {unit.name} {unit.official_name}")[:600]


def _validate_unit(unit: Unit) -> None:
    if unit.parent_id is not None and unit.parent_id == unit.pk:
        raise ValidationError({"parent": _("A unit cannot be its own parent.")})
    ancestor = unit.parent
    seen = set()
    while ancestor is not None and unit.pk is not None:
        if ancestor.pk == unit.pk or ancestor.pk in seen:
            raise ValidationError({"parent": _("This parent would make the hierarchy circular.")})
        seen.add(ancestor.pk)
        ancestor = ancestor.parent
    unit.full_clean()


@transaction.atomic
def unit_create(
    *,
    actor: Any,
    code: str,
    name: str,
    official_name: str,
    kind: str,
    parent: Unit | None = None,
    valid_from: date | None = None,
    valid_to: date | None = None,
    is_confirmed: bool = True,
    document_abbreviation: str = "",
    note: str = "",
) -> Unit:
    document_abbreviation = clean_text(document_abbreviation)
    if not document_abbreviation and kind in COMMITTEE_KINDS:
        document_abbreviation = COMMITTEE_ABBREVIATION
    unit = Unit(
        code=code.strip().lower(),
        name=clean_text(name),
        official_name=clean_text(official_name) or clean_text(name),
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        is_confirmed=is_confirmed,
        document_abbreviation=document_abbreviation,
        note=clean_text(note),
    )
    unit.search_key = _unit_search_key(unit)
    _validate_unit(unit)
    unit.save()
    audit_record(
        actor=actor,
        action="unit.created",
        target=unit,
        unit=unit,
        data={field: getattr(unit, field) for field in UNIT_FIELDS if field != "parent"},
    )
    return unit


@transaction.atomic
def unit_update(*, actor: Any, unit: Unit, **changes: Any) -> Unit:
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = {field: getattr(unit, field) for field in UNIT_FIELDS}
    for field, value in changes.items():
        if field not in UNIT_FIELDS:
            raise TypeError(f"unit_update got an unexpected field {field!r}")
        if field in {"name", "official_name", "note", "document_abbreviation"}:
            value = clean_text(value)
        setattr(unit, field, value)
    unit.search_key = _unit_search_key(unit)
    _validate_unit(unit)
    unit.save()
    diff = {
        field: [
            str(before[field]) if before[field] is not None else None,
            str(getattr(unit, field)) if getattr(unit, field) is not None else None,
        ]
        for field in UNIT_FIELDS
        if before[field] != getattr(unit, field)
    }
    if diff:
        audit_record(actor=actor, action="unit.updated", target=unit, unit=unit, data={"changes": diff})
    return unit


@transaction.atomic
def unit_merge(*, actor: Any, predecessors: list[Unit], successor: Unit, effective: date) -> Unit:
    """Record that the predecessors ceased the day before ``effective`` and continue in the successor.

    The successor may also absorb units from outside the original hierarchy (domain.md §2).
    """
    if not predecessors:
        raise ValidationError(_("Choose at least one unit that is merged."))
    if successor in predecessors:
        raise ValidationError(_("A unit cannot succeed itself."))
    last_day = date.fromordinal(effective.toordinal() - 1)
    for unit in predecessors:
        locked = Unit.objects.select_for_update().get(pk=unit.pk)
        if locked.valid_from and locked.valid_from > last_day:
            raise ValidationError(_("%(unit)s did not exist before the merge date.") % {"unit": locked})
        locked.valid_to = last_day
        locked.save(update_fields=["valid_to"])
        locked.successors.add(successor)
    if successor.valid_from is None or successor.valid_from > effective:
        successor.valid_from = effective
        successor.save(update_fields=["valid_from"])
    audit_record(
        actor=actor,
        action="unit.merged",
        target=successor,
        unit=successor,
        data={"predecessors": [unit.code for unit in predecessors], "effective": effective.isoformat()},
    )
    return successor


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    password: str | None,
    full_name: str = "",
    email: str = "",
    job_title: str = "",
    must_change_password: bool = False,
) -> User:
    """An account. Callers that let one person choose another's password use ``person_create`` instead."""
    user = User(
        username=username.strip(),
        full_name=clean_text(full_name),
        email=email.strip(),
        job_title=clean_text(job_title),
        must_change_password=must_change_password,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(actor=actor, action="user.created", target=user, data={"username": user.username})
    return user


@transaction.atomic
def membership_grant(*, actor: Any, user: User, unit: Unit, role: str) -> Membership:
    membership, created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    if not created and membership.is_active:
        raise ValidationError(_("This person already holds that role in the unit."))
    if not created:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="membership.granted",
        target=membership,
        unit=unit,
        data={"user": user.username, "role": role},
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor: Any, membership: Membership) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not membership.is_active:
        raise ValidationError(_("This role was already revoked."))
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="membership.revoked",
        target=membership,
        unit=membership.unit,
        data={"user": membership.user.username, "role": membership.role},
    )
    return membership


@transaction.atomic
def api_token_create(*, actor: Any, name: str, unit: Unit) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is not stored and cannot be shown again."""
    name = clean_text(name)
    if not name:
        raise ValidationError({"name": _("Give the token a name that says which system uses it.")})
    raw = ApiToken.PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        name=name,
        unit=unit,
        token_hash=ApiToken.hash_token(raw),
        hint=raw[:10],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(actor=actor, action="api_token.created", target=token, unit=unit, data={"name": name})
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ValidationError(_("This token was already revoked."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor, action="api_token.revoked", target=token, unit=token.unit, data={"name": token.name}
    )
    return token


def api_token_authenticate(raw: str) -> ApiToken | None:
    """The active token matching the secret, or None. Updates last use at most once a minute."""
    if not raw or not raw.startswith(ApiToken.PREFIX) or len(raw) > 200:
        return None
    try:
        # get() on the unique hash, with no ordering: this runs on every API call a system makes.
        token = ApiToken.objects.active().select_related("unit").get(token_hash=ApiToken.hash_token(raw))
    except ApiToken.DoesNotExist:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


@transaction.atomic
def person_create(
    *,
    actor: Any,
    username: str,
    password: str,
    full_name: str,
    unit: Unit,
    role: str,
    email: str = "",
    job_title: str = "",
) -> User:
    """An account with its first role, both or neither.

    The officer chooses the first password, so it must pass the password validators and the person must replace
    it at first sign-in.
    """
    _validate_password(password, User(username=username.strip(), full_name=full_name, email=email.strip()))
    user = user_create(
        actor=actor,
        username=username,
        password=password,
        full_name=full_name,
        email=email,
        job_title=job_title,
        must_change_password=True,
    )
    membership_grant(actor=actor, user=user, unit=unit, role=role)
    return user


def document_number_text(*, sequence: int, type_code: str, issuer_abbreviation: str) -> str:
    """ "03/BC-UBND": sequence (two digits at least), type and issuer abbreviations; an official letter has no
    type abbreviation ("15/UBND")."""
    if type_code == DocumentType.OFFICIAL_LETTER:
        return f"{sequence:02d}/{issuer_abbreviation}"
    return f"{sequence:02d}/{type_code}-{issuer_abbreviation}"


@transaction.atomic
def document_number_issue(
    *,
    actor: Any,
    issuer: Unit,
    type_code: str,
    day: date,
    subject: str = "",
    reference: str = "",
) -> IssuedDocument:
    """Enter a document in the issuer's register and give it the next number of the year for its type.

    A document already registered under ``reference`` keeps its entry: downloading it again uses no number.
    """
    if type_code not in DocumentType.values:
        raise ValueError(f"unknown document type {type_code!r}")
    # Locking the issuer serialises numbering per issuer, so two documents never take the same sequence.
    issuer = Unit.objects.select_for_update().get(pk=issuer.pk)
    if reference:
        existing = IssuedDocument.objects.filter(reference=reference).first()
        if existing is not None:
            return existing
    abbreviation = issuer.document_abbreviation.strip()
    if not abbreviation:
        raise ValidationError(
            _("%(unit)s has no document abbreviation yet; set it on the unit's page first.")
            % {"unit": issuer}
        )
    last = (
        IssuedDocument.objects.filter(issuer=issuer, year=day.year, type_code=type_code)
        .order_by("-sequence")
        .values_list("sequence", flat=True)
        .first()
    )
    sequence = (last or 0) + 1
    entry = IssuedDocument.objects.create(
        issuer=issuer,
        year=day.year,
        type_code=type_code,
        sequence=sequence,
        issued_on=day,
        number=document_number_text(sequence=sequence, type_code=type_code, issuer_abbreviation=abbreviation),
        subject=clean_text(printable(subject))[:500],
        reference=reference,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="document.number_issued",
        target=entry,
        unit=issuer,
        data={"number": entry.number, "reference": reference, "issued_on": day.isoformat()},
    )
    return entry


def _validate_password(password: str, user: User) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None


@transaction.atomic
def user_password_reset(*, actor: Any, user: User, password: str) -> User:
    """An officer gives a person a new password (a forgotten one); the person must replace it at next sign-in."""
    user = User.objects.select_for_update().get(pk=user.pk)
    _validate_password(password, user)
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    audit_record(actor=actor, action="user.password_reset", target=user, data={"username": user.username})
    return user


@transaction.atomic
def user_password_change(*, user: User, password: str) -> User:
    """The person chose their own password (validated by the form): the officer's one is gone."""
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit_record(actor=user, action="user.password_changed", target=user, data={"username": user.username})
    return user


AUTHORITY_SETTING_FIELDS = (
    "document_name",
    "letterhead_superior",
    "letterhead_name",
    "place_name",
    "signatory_capacity",
    "signatory_name",
    "standing_office",
    "standing_office_head_title",
)
MULTILINE_SETTINGS = {"letterhead_superior", "letterhead_name", "signatory_capacity"}


def _setting_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Unit):
        return value.code
    return str(value)


@transaction.atomic
def authority_settings_update(
    *, actor: Any, authority: Unit, reason: str, document_abbreviation: str | None = None, **changes: Any
) -> AuthoritySettings:
    """Change an authority's settings (and the abbreviation its document numbers use), with the reason, in one
    audited step. The standing office must be a unit of the authority's own tree."""
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the settings change.")})
    authority = Unit.objects.select_for_update().get(pk=authority.pk)
    if not authority.is_committee:
        raise ValidationError(_("Only a People's Committee is an issuing authority with its own settings."))
    settings, _created = AuthoritySettings.objects.select_for_update().get_or_create(authority=authority)
    before = {field: _setting_text(getattr(settings, field)) for field in AUTHORITY_SETTING_FIELDS}
    before["document_abbreviation"] = authority.document_abbreviation
    for field, value in changes.items():
        if field not in AUTHORITY_SETTING_FIELDS:
            raise TypeError(f"authority_settings_update got an unexpected field {field!r}")
        if field == "standing_office":
            if value is not None and authority.pk not in _ancestors_and_self(value):
                raise ValidationError(
                    {"standing_office": _("The standing office must be a unit of the authority's own tree.")}
                )
        elif field in MULTILINE_SETTINGS:
            value = "\n".join(clean_text(line) for line in (value or "").splitlines() if clean_text(line))
        else:
            value = clean_text(value or "")
        setattr(settings, field, value)
    settings.updated_by = actor if getattr(actor, "pk", None) else None
    settings.full_clean(exclude=["authority", "updated_by"])
    settings.save()
    if (
        document_abbreviation is not None
        and clean_text(document_abbreviation) != authority.document_abbreviation
    ):
        authority.document_abbreviation = clean_text(document_abbreviation)
        authority.full_clean()
        authority.save(update_fields=["document_abbreviation"])
    after = {field: _setting_text(getattr(settings, field)) for field in AUTHORITY_SETTING_FIELDS}
    after["document_abbreviation"] = authority.document_abbreviation
    diff = {field: [before[field], after[field]] for field in after if before[field] != after[field]}
    if diff:
        audit_record(
            actor=actor,
            action="authority.settings_changed",
            target=settings,
            unit=authority,
            data={"changes": diff, "reason": reason},
        )
    return settings


def _ancestors_and_self(unit: Unit) -> set[int]:
    found: set[int] = set()
    current: Unit | None = unit
    while current is not None and current.pk not in found:
        found.add(current.pk)
        current = current.parent
    return found
