"""The cash that goes with an award: a coefficient of the base salary, in whole VND."""

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal


def cash_amount(*, coefficient: Decimal, base_salary: int, round_up_to: int = 1) -> int:
    """coefficient × base salary, rounded to the dong, then up to a multiple of ``round_up_to`` when the rule in
    force asks for it (kept as data with the coefficient)."""
    amount = (Decimal(coefficient) * base_salary).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if round_up_to > 1:
        amount = (amount / round_up_to).to_integral_value(rounding=ROUND_CEILING) * round_up_to
    return int(amount)
