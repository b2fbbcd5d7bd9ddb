"""Rubric arithmetic and eligibility on plain values: no ORM, exact ``Decimal`` results.

A criterion bound to an indicator earns its points from the campaign's verdict on that indicator ("met" rule) or in
proportion to the measured value between two bounds ("scaled" rule). A manual criterion earns nothing until the
standing office enters points with evidence and a reason; that entry is an adjustment, kept beside the computed 0.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MET = "met"
NOT_MET = "not_met"
NO_DATA = "no_data"

RULE_MET = "met"
RULE_SCALED = "scaled"

POINTS_QUANTUM = Decimal("0.01")

# Reasons a unit cannot be admitted, in the order they are shown.
REASON_TARGET_NOT_MET = "target_not_met"
REASON_TARGET_NO_DATA = "target_no_data"
REASON_FLAGGED = "flagged"
REASON_DISSOLVED = "dissolved"
REASON_ALREADY_AWARDED = "already_awarded"


def quantize_points(points: Decimal) -> Decimal:
    return points.quantize(POINTS_QUANTUM, rounding=ROUND_HALF_UP)


def criterion_points(
    *,
    rule: str,
    max_points: Decimal,
    status: str,
    value: Decimal | None,
    scale_zero: Decimal | None = None,
    scale_full: Decimal | None = None,
) -> Decimal:
    """Points a criterion earns. No data earns nothing; it is never read as a figure."""
    if status == NO_DATA or value is None:
        return quantize_points(Decimal(0))
    if rule == RULE_MET:
        return quantize_points(max_points if status == MET else Decimal(0))
    if rule == RULE_SCALED:
        if scale_zero is None or scale_full is None or scale_zero == scale_full:
            raise ValueError("a scaled criterion needs two different bounds")
        share = (value - scale_zero) / (scale_full - scale_zero)
        share = min(max(share, Decimal(0)), Decimal(1))
        return quantize_points(max_points * share)
    raise ValueError(f"unknown rule {rule!r}")


def effective_points(computed: Decimal, adjusted: Decimal | None) -> Decimal:
    return computed if adjusted is None else adjusted


def total_score(points: Iterable[Decimal]) -> Decimal:
    return quantize_points(sum(points, Decimal(0)))


@dataclass(frozen=True)
class EligibilityRules:
    every_target_met: bool = True
    not_while_flagged: bool = True
    not_when_dissolved: bool = True
    one_award_per_achievement: bool = True


@dataclass(frozen=True)
class EligibilityFacts:
    target_statuses: Sequence[str]
    flagged: bool = False
    dissolved_before_decision: bool = False
    already_awarded: bool = False


def ineligibility_reasons(rules: EligibilityRules, facts: EligibilityFacts) -> list[str]:
    """Every reason the rules would not admit the unit; an empty list means eligible."""
    reasons = []
    if rules.every_target_met:
        if NOT_MET in facts.target_statuses:
            reasons.append(REASON_TARGET_NOT_MET)
        if NO_DATA in facts.target_statuses:
            reasons.append(REASON_TARGET_NO_DATA)
    if rules.not_while_flagged and facts.flagged:
        reasons.append(REASON_FLAGGED)
    if rules.not_when_dissolved and facts.dissolved_before_decision:
        reasons.append(REASON_DISSOLVED)
    if rules.one_award_per_achievement and facts.already_awarded:
        reasons.append(REASON_ALREADY_AWARDED)
    return reasons


TIE_BREAK_NONE = "none"
TIE_BREAK_WOMEN = "women_share"
# Decree 152/2025 art. 4: among equal candidates, prefer collectives with at least 70% women.
WOMEN_PREFERENCE_SHARE = Decimal(70)


@dataclass(frozen=True)
class Ranked:
    key: object
    score: Decimal
    women_share: Decimal | None = None


def ranking(candidates: Sequence[Ranked], tie_break: str) -> list[Ranked]:
    """Highest score first; equal scores ordered by the tie-break, then kept in their given order."""

    def preferred(candidate: Ranked) -> int:
        if tie_break == TIE_BREAK_WOMEN and candidate.women_share is not None:
            return 1 if candidate.women_share >= WOMEN_PREFERENCE_SHARE else 0
        return 0

    return sorted(candidates, key=lambda candidate: (-candidate.score, -preferred(candidate)))
