"""The one verdict of a value against a target (chỉ tiêu): met, not met, or no data.

Every page, export and API that judges a unit calls ``judge`` (through ``Target.judge``), so a change to a
target's comparison or threshold reaches them all at once. Pure: no ORM.
"""

from decimal import Decimal

MET = "met"
NOT_MET = "not_met"
NO_DATA = "no_data"

_COMPARISONS = {
    "gte": lambda value, threshold: value >= threshold,
    "gt": lambda value, threshold: value > threshold,
    "lte": lambda value, threshold: value <= threshold,
    "lt": lambda value, threshold: value < threshold,
    "eq": lambda value, threshold: value == threshold,
}


def meets(value: Decimal, comparison: str, threshold: Decimal) -> bool:
    """Whether ``value`` passes ``comparison`` (gte, gt, lte, lt, eq) against ``threshold``."""
    return _COMPARISONS[comparison](value, threshold)


def judge(
    *,
    value: Decimal | None,
    comparison: str,
    threshold: Decimal,
    responses: int | None = None,
    minimum_responses: int = 0,
) -> str:
    """``no_data`` without a value or with fewer than ``minimum_responses`` responses (when counted)."""
    if value is None or (responses is not None and responses < minimum_responses):
        return NO_DATA
    return MET if meets(value, comparison, threshold) else NOT_MET
