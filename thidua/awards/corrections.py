"""Correcting an issued decision: never by changing it (the database refuses an update of a decision row), but by
a new decision of the Chairman that amends or revokes it ("Sửa đổi, bổ sung Quyết định số …", "Thu hồi Quyết
định số …"), numbered in the authority's register and pointing to the decision it corrects. Both are kept and
shown; what is in force is read from the award decision and its corrections (``effective_awards``).

A correction always names the award decision itself: an amendment of an amendment is a second amendment of the
award decision. An amendment withdraws the award from units (``removed``) or corrects the name a unit was
awarded under (``renamed``); a revocation withdraws the whole decision. The award-register numbers stay.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.awards.models import AwardDecision, AwardedUnit, DecisionKind, EntryStatus, EvaluationEntry
from thidua.core.audit import audit_record
from thidua.core.text import clean_text
from thidua.organizations.models import DocumentType, Membership, Role


@dataclass
class CorrectionState:
    """What the corrections of one award decision did, in their order."""

    corrections: list[AwardDecision] = field(default_factory=list)
    revoked_by: AwardDecision | None = None
    removed: dict[int, AwardDecision] = field(default_factory=dict)  # unit id → the amending decision
    renamed: dict[int, tuple[str, AwardDecision]] = field(default_factory=dict)

    @property
    def amended_by(self) -> list[AwardDecision]:
        return [item for item in self.corrections if item.kind == DecisionKind.AMEND]


def correction_states(decision_ids: Iterable[int]) -> dict[int, CorrectionState]:
    states: dict[int, CorrectionState] = defaultdict(CorrectionState)
    corrections = AwardDecision.objects.filter(corrects_id__in=set(decision_ids)).order_by("issued_on", "pk")
    for correction in corrections:
        state = states[correction.corrects_id]
        state.corrections.append(correction)
        if correction.kind == DecisionKind.REVOKE:
            state.revoked_by = correction
            continue
        for unit_id in correction.changes.get("removed", []):
            state.removed[int(unit_id)] = correction
        for unit_id, name in correction.changes.get("renamed", {}).items():
            state.renamed[int(unit_id)] = (name, correction)
    return states


def correction_state(decision: AwardDecision) -> CorrectionState:
    return correction_states([decision.pk])[decision.pk]


def annotate_awards(awards: Iterable[AwardedUnit]) -> list[AwardedUnit]:
    """Each award with ``effective_name``, ``withdrawn_by`` (the decision that took it away, or None) and
    ``corrections`` (every correction of its decision)."""
    awards = list(awards)
    states = correction_states({award.decision_id for award in awards})
    for award in awards:
        state = states[award.decision_id]
        award.corrections = state.corrections
        award.withdrawn_by = state.revoked_by or state.removed.get(award.unit_id)
        renamed = state.renamed.get(award.unit_id)
        award.effective_name = renamed[0] if renamed else award.unit_name
    return awards


def effective_awards(awards: Iterable[AwardedUnit]) -> list[AwardedUnit]:
    """The awards still in force: a revoked decision's and a removed unit's awards are left out."""
    return [award for award in annotate_awards(awards) if award.withdrawn_by is None]


def _require_chairman(actor: Any, decision: AwardDecision) -> None:
    authority = decision.round.authority
    if not Membership.objects.filter(
        user=actor, unit=authority, role=Role.CHAIRMAN, is_active=True
    ).exists() and not getattr(actor, "is_superuser", False):
        raise ValidationError(_("Only the Chairman of the authority amends or revokes a decision."))


def _check_correctable(actor: Any, decision: AwardDecision, reason: str, day: date) -> CorrectionState:
    _require_chairman(actor, decision)
    if decision.kind != DecisionKind.AWARD:
        raise ValidationError(_("A correction names the award decision itself, not another correction."))
    state = correction_state(decision)
    if state.revoked_by is not None:
        raise ValidationError(
            _("This decision was revoked by decision %(number)s.") % {"number": state.revoked_by.number}
        )
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the correction.")})
    last = state.corrections[-1].issued_on if state.corrections else decision.issued_on
    if day < last:
        raise ValidationError({"day": _("A correction cannot come before the decision it corrects.")})
    return state


def _issue(
    *, actor: Any, decision: AwardDecision, kind: str, reason: str, day: date, changes: dict
) -> AwardDecision:
    from thidua.awards.services import issue_document_number, legal_bases_on

    sequence = decision.corrections.count() + 1
    document = issue_document_number(
        actor=actor,
        issuer=decision.round.authority,
        type_code=DocumentType.DECISION,
        day=day,
        subject=f"{'Sửa đổi, bổ sung' if kind == DecisionKind.AMEND else 'Thu hồi'} Quyết định số {decision.number}",
        reference=f"award-decision-{kind}:{decision.pk}:{sequence}",
    )
    return AwardDecision.objects.create(
        round=decision.round,
        number=document.number,
        issued_on=day,
        signer=actor,
        signer_title=decision.signer_title,
        legal_bases=legal_bases_on(decision.round.award_type, day),
        proposal_number=decision.proposal_number,
        proposal_date=decision.proposal_date,
        proposer=decision.proposer,
        coefficient=decision.coefficient,
        base_salary=decision.base_salary,
        cash_amount=decision.cash_amount,
        kind=kind,
        corrects=decision,
        reason=reason,
        changes=changes,
    )


def _locked(decision: AwardDecision) -> AwardDecision:
    # The round's row serialises corrections of its decision.
    from thidua.awards.services import _locked_round

    _locked_round(decision.round)
    return AwardDecision.objects.select_related("round__authority", "round__award_type").get(pk=decision.pk)


@transaction.atomic
def decision_amend(
    *,
    actor: Any,
    decision: AwardDecision,
    reason: str,
    day: date,
    remove_units: Sequence[int] = (),
    rename_units: dict[int, str] | None = None,
) -> AwardDecision:
    """A new decision amending ``decision``: withdraw the award from ``remove_units`` (unit ids) and correct the
    names in ``rename_units`` (unit id → name as it should have been printed)."""
    decision = _locked(decision)
    reason = clean_text(reason)
    state = _check_correctable(actor, decision, reason, day)
    in_force = {
        award.unit_id: award
        for award in annotate_awards(decision.awarded.all())
        if award.withdrawn_by is None
    }
    removed = sorted({int(unit_id) for unit_id in remove_units})
    renamed = {int(unit_id): clean_text(name) for unit_id, name in (rename_units or {}).items()}
    if not removed and not renamed:
        raise ValidationError(_("Say what the amendment changes."))
    unknown = (set(removed) | set(renamed)) - set(in_force)
    if unknown:
        raise ValidationError(
            _("The amendment names a unit this decision does not award (or no longer awards).")
        )
    if set(removed) & set(renamed):
        raise ValidationError(_("A unit is either withdrawn or renamed, not both."))
    for unit_id, name in renamed.items():
        if not name or len(name) > 300:
            raise ValidationError({"rename": _("Give the corrected name (at most 300 characters).")})
        if name == in_force[unit_id].effective_name:
            raise ValidationError({"rename": _("The corrected name is the name already in force.")})
    if len(removed) == len(in_force):
        raise ValidationError(_("Withdrawing every unit is a revocation: revoke the decision instead."))
    correction = _issue(
        actor=actor,
        decision=decision,
        kind=DecisionKind.AMEND,
        reason=reason,
        day=day,
        changes={"removed": removed, "renamed": {str(key): value for key, value in renamed.items()}},
    )
    EvaluationEntry.objects.filter(award__decision=decision, unit_id__in=removed).update(
        status=EntryStatus.NOT_AWARDED
    )
    audit_record(
        actor=actor,
        action="award.decision_amended",
        target=correction,
        unit=decision.round.authority,
        data={
            "number": correction.number,
            "corrects": decision.number,
            "reason": reason,
            "removed": [in_force[unit_id].unit_name for unit_id in removed],
            "renamed": {in_force[unit_id].unit_name: name for unit_id, name in renamed.items()},
            "earlier": len(state.corrections),
        },
    )
    return correction


@transaction.atomic
def decision_revoke(*, actor: Any, decision: AwardDecision, reason: str, day: date) -> AwardDecision:
    """A new decision revoking ``decision``: none of its awards is in force any more; both stay on record."""
    decision = _locked(decision)
    reason = clean_text(reason)
    _check_correctable(actor, decision, reason, day)
    correction = _issue(
        actor=actor, decision=decision, kind=DecisionKind.REVOKE, reason=reason, day=day, changes={}
    )
    EvaluationEntry.objects.filter(award__decision=decision).update(status=EntryStatus.NOT_AWARDED)
    audit_record(
        actor=actor,
        action="award.decision_revoked",
        target=correction,
        unit=decision.round.authority,
        data={"number": correction.number, "corrects": decision.number, "reason": reason},
    )
    return correction
