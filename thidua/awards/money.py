"""The cash that goes with an award: a coefficient of the base salary, in whole VND."""

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal


def cash_amount(*, coefficient: Decimal, base_salary: int, round_up_to: int = 1) -> int:
    """coefficient × base salary, rounded to the dong, then up to a multiple of ``round_up_to`` when the rule in
    force asks for it (kept as data with the coefficient)."""
    amount = (Decimal(coefficient) * base_salary).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if round_up_to > 1:
        amount = (amount / round_up_to).to_integral_value(rounding=ROUND_CEILING) * round_up_to
    return int(amount)


DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SCALES = ["", "nghìn", "triệu", "tỷ"]


def _three_digits(number: int, *, full: bool) -> list[str]:
    """Words for 0–999; ``full`` reads the hundreds even when they are zero ("không trăm"), as a group after the
    first must be read."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 4 and tens > 1:
        words.append("tư")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def amount_in_words(amount: int) -> str:
    """ "Một triệu bốn trăm linh bốn nghìn đồng": an amount in VND written out, as a decision prints it."""
    if amount < 0:
        raise ValueError("a negative amount")
    if amount == 0:
        return "Không đồng"
    groups = []
    while amount:
        amount, group = divmod(amount, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            # A billion's multiple keeps its scale word ("một nghìn tỷ"); other empty groups are skipped.
            if index % 3 == 0 and index and any(groups[index + 1 : index + 3]):
                words.append(SCALES[3])
            continue
        words += _three_digits(group, full=bool(words))
        scale = index % 3 if index < 3 else (index % 3 or 3)
        if index >= 3 and index % 3 == 0:
            words.append(SCALES[3])
        elif scale:
            words.append(SCALES[scale])
    text = " ".join(words)
    return text[0].upper() + text[1:] + " đồng"


def amount_in_figures(amount: int) -> str:
    """ "1.404.000": Vietnamese groups thousands with dots."""
    return f"{amount:,}".replace(",", ".")
