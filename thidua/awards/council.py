"""Council arithmetic on plain counts: quorum, the vote threshold on its denominator, ties. No ORM.

Shares are kept as fractions (numerator, denominator) so that "two thirds" is exact. A threshold is either "at
least" the share or, when strict, "more than" it (a simple majority is more than 1/2). A tie is the one count a
strict threshold leaves undecided: agreement exactly at the share, e.g. 4 of 8 on a majority rule.
"""

from dataclasses import dataclass

DENOMINATOR_ALL = "all"
DENOMINATOR_PRESENT = "present"
DENOMINATOR_PRESENT_AND_WRITTEN = "present_written"

PASSED = "passed"
FAILED = "failed"
TIE = "tie"

TIE_CHAIR = "chair"
TIE_NEW_VOTE = "new_vote"


def quorum_met(*, present: int, members: int, numerator: int, denominator: int) -> bool:
    """At least ``numerator/denominator`` of all members present (a council without members has no quorum)."""
    if members <= 0 or denominator <= 0:
        return False
    return present * denominator >= numerator * members


def vote_denominator(*, kind: str, members: int, present: int, written: int) -> int:
    """How many votes the threshold is counted on."""
    if kind == DENOMINATOR_ALL:
        return members
    if kind == DENOMINATOR_PRESENT:
        return present
    if kind == DENOMINATOR_PRESENT_AND_WRITTEN:
        return present + written
    raise ValueError(f"unknown denominator {kind!r}")


@dataclass(frozen=True)
class Outcome:
    result: str
    agree: int
    base: int

    @property
    def percent(self) -> str:
        """Agreement as a share of the base, for the minutes: one decimal, exact rounding half up."""
        if self.base == 0:
            return "0"
        tenths = (self.agree * 2000 // self.base + 1) // 2
        whole, fraction = divmod(tenths, 10)
        return f"{whole},{fraction}" if fraction else str(whole)


def vote_outcome(*, agree: int, base: int, numerator: int, denominator: int, strict: bool) -> Outcome:
    """Passed, failed or tie for ``agree`` votes out of ``base`` against the threshold share."""
    if base <= 0:
        return Outcome(FAILED, agree, base)
    left, right = agree * denominator, numerator * base
    if strict:
        if left > right:
            return Outcome(PASSED, agree, base)
        return Outcome(TIE if left == right else FAILED, agree, base)
    return Outcome(PASSED if left >= right else FAILED, agree, base)


def settle_tie(*, tie_rule: str, chair_agrees: bool | None) -> str:
    """A tie settled by the chair's side passes when the chair agrees; a new-vote rule leaves it to a new vote."""
    if tie_rule == TIE_CHAIR:
        if chair_agrees is None:
            return TIE
        return PASSED if chair_agrees else FAILED
    if tie_rule == TIE_NEW_VOTE:
        return TIE
    raise ValueError(f"unknown tie rule {tie_rule!r}")
