"""Satisfaction indices: pure arithmetic on plain counts, no ORM, exact ``Decimal`` results.

Levels run 1 (very dissatisfied) … 5 (very satisfied). An element's index is the share of its valid answers
(levels 1–5) that are satisfied or very satisfied (4 or 5), in percent. The overall index follows the
questionnaire's rule: the mean of the element indices, or the share satisfied on the overall question
(domain.md §3). Fractions are kept exact until the final rounding to two decimals, half up.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

ELEMENT_MEAN = "element_mean"
OVERALL_QUESTION = "overall_question"
LEVELS = (1, 2, 3, 4, 5)
SATISFIED_LEVELS = (4, 5)
Z_95 = Decimal("1.96")
HUNDREDTH = Decimal("0.01")

LevelCounts = Mapping[int, int]


def percent(value: Fraction) -> Decimal:
    """A fraction of one as a percentage rounded half up to two decimals."""
    scaled = value * 100
    return (Decimal(scaled.numerator) / Decimal(scaled.denominator)).quantize(HUNDREDTH, ROUND_HALF_UP)


def valid_answers(counts: LevelCounts) -> int:
    return sum(counts.get(level, 0) for level in LEVELS)


def satisfied_share(counts: LevelCounts) -> Fraction | None:
    """Share of valid answers at level 4 or 5; None without valid answers."""
    valid = valid_answers(counts)
    if valid == 0:
        return None
    return Fraction(sum(counts.get(level, 0) for level in SATISFIED_LEVELS), valid)


@dataclass(frozen=True)
class IndexResult:
    rule: str
    share: Fraction | None  # exact, 0..1
    responses: int
    elements: dict[str, Fraction | None]

    @property
    def index(self) -> Decimal | None:
        return None if self.share is None else percent(self.share)

    def element_index(self, code: str) -> Decimal | None:
        share = self.elements.get(code)
        return None if share is None else percent(share)


def overall_index(
    *,
    rule: str,
    element_counts: Mapping[str, LevelCounts],
    overall_counts: LevelCounts,
    responses: int,
    element_codes: Iterable[str] | None = None,
) -> IndexResult:
    """The overall index by the rule. Elements without answers are left out of the mean (and shown as None)."""
    codes = list(element_codes) if element_codes is not None else list(element_counts)
    elements = {code: satisfied_share(element_counts.get(code, {})) for code in codes}
    if rule == ELEMENT_MEAN:
        known = [share for share in elements.values() if share is not None]
        share = sum(known, Fraction(0)) / len(known) if known else None
    elif rule == OVERALL_QUESTION:
        share = satisfied_share(overall_counts)
    else:
        raise ValueError(f"unknown index rule {rule!r}")
    return IndexResult(rule=rule, share=share, responses=responses, elements=elements)


def wilson_interval(share: Fraction | None, n: int, z: Decimal = Z_95) -> tuple[Decimal, Decimal] | None:
    """Wilson score interval for a proportion, in percent (two decimals, bounds rounded outwards).

    For the element-mean rule the share is the index and ``n`` the number of responses: each response counts
    once, which is conservative since the answers within one response are not independent.
    """
    if share is None or n <= 0:
        return None
    with localcontext() as context:
        context.prec = 40
        p = Decimal(share.numerator) / Decimal(share.denominator)
        count = Decimal(n)
        z2 = z * z
        denominator = 1 + z2 / count
        centre = (p + z2 / (2 * count)) / denominator
        half = (z / denominator) * (p * (1 - p) / count + z2 / (4 * count * count)).sqrt()
        low = max(Decimal(0), centre - half) * 100
        high = min(Decimal(1), centre + half) * 100
        return low.quantize(HUNDREDTH, rounding="ROUND_FLOOR"), high.quantize(
            HUNDREDTH, rounding="ROUND_CEILING"
        )


def element_sample_size(groups: Iterable[tuple[int, int]]) -> int:
    """The n of an element's interval: the respondents its answers amount to, never the answers themselves.

    ``groups`` holds, for each questionnaire version pooled into the figure, (valid answers to the element's
    items, number of the element's items). One respondent's answers to the items of one element are not
    independent (whoever finds the desk clean tends to find its signs clear too), so treating each answer as an
    observation would make the interval far too narrow. Under the worst case (a respondent answers every item
    of the element alike) a respondent weighs as many answers as they gave, and Kish's effective sample size of
    the pooled share is (Σ answers)² / Σ (answers per respondent)². Since no respondent answers more than the
    element's k items, Σ (answers per respondent)² ≤ Σ k·answers, which gives the bound used here, rounded
    down: n = (Σ A)² / Σ k·A. For one questionnaire that is A / k — the respondents, when each answers every
    item; fewer (a wider interval) when items are skipped. A group with k = 0 contributes nothing.
    """
    pairs = [(answers, items) for answers, items in groups if answers > 0 and items > 0]
    total = sum(answers for answers, _items in pairs)
    if total == 0:
        return 0
    weighted = sum(answers * items for answers, items in pairs)
    return (total * total) // weighted


def required_sample(transactions: int, margin: Fraction = Fraction(1, 20)) -> int:
    """n = N / (1 + N·e²), rounded up (e = 5% by default)."""
    if transactions <= 0:
        return 0
    return math.ceil(Fraction(transactions) / (1 + transactions * margin * margin))


def sample_adequate(responses: int, transactions: int | None) -> bool | None:
    """Whether the responses reach the required sample; None when N was not entered."""
    if transactions is None:
        return None
    return responses >= required_sample(transactions)
