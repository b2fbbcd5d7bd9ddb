"""Office-culture compliance score: pure arithmetic on plain values, exact ``Decimal`` results.

The score of a unit for a year is the weighted share of passed items among the applicable answered items, pooled
over the district's inspections of the unit that year (scheduled and unannounced). "Not applicable" items and
unanswered items count neither way. Self-inspections are scored the same way but reported separately and never
enter the unit's score. Percentages are rounded half-up to two decimals; the exact fraction is kept beside them.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PASS = "pass"
FAIL = "fail"
NOT_APPLICABLE = "na"

SELF = "self"
COUNTED_KINDS = frozenset({"scheduled", "unannounced"})

HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class Answer:
    weight: Decimal
    result: str  # PASS, FAIL, NOT_APPLICABLE or "" (not answered)


@dataclass(frozen=True)
class InspectionAnswers:
    kind: str
    answers: Sequence[Answer]


@dataclass(frozen=True)
class Score:
    passed_weight: Decimal
    applicable_weight: Decimal

    @property
    def percent(self) -> Decimal | None:
        """Passed share in percent, two decimals, or None when nothing applicable was answered."""
        return percent(self.passed_weight, self.applicable_weight)


@dataclass(frozen=True)
class Compliance:
    score: Score
    counted_inspections: int
    self_score: Score
    self_inspections: int
    open_remediations: int
    overdue_remediations: int

    @property
    def percent(self) -> Decimal | None:
        return self.score.percent

    @property
    def self_percent(self) -> Decimal | None:
        return self.self_score.percent


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def score_answers(answers: Iterable[Answer]) -> Score:
    passed = Decimal(0)
    applicable = Decimal(0)
    for answer in answers:
        if answer.result not in (PASS, FAIL):
            continue
        if answer.weight <= 0:
            raise ValueError("a checklist item's weight must be positive")
        applicable += answer.weight
        if answer.result == PASS:
            passed += answer.weight
    return Score(passed_weight=passed, applicable_weight=applicable)


def pool(inspections: Iterable[InspectionAnswers]) -> Score:
    """One score over several inspections: weights are added up, not percentages averaged."""
    passed = Decimal(0)
    applicable = Decimal(0)
    for inspection in inspections:
        score = score_answers(inspection.answers)
        passed += score.passed_weight
        applicable += score.applicable_weight
    return Score(passed_weight=passed, applicable_weight=applicable)


def compliance(
    inspections: Sequence[InspectionAnswers], *, open_remediations: int = 0, overdue_remediations: int = 0
) -> Compliance:
    counted = [inspection for inspection in inspections if inspection.kind in COUNTED_KINDS]
    own = [inspection for inspection in inspections if inspection.kind == SELF]
    return Compliance(
        score=pool(counted),
        counted_inspections=len(counted),
        self_score=pool(own),
        self_inspections=len(own),
        open_remediations=open_remediations,
        overdue_remediations=overdue_remediations,
    )
