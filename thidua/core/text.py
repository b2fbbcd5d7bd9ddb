"""Vietnamese text helpers: NFC storage and diacritic-insensitive search keys."""

import functools
import unicodedata

# Đ/đ is a separate letter, not D plus a combining mark, so decomposition alone does not fold it.
_SPECIAL_FOLDS = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(value: str) -> str:
    """Normalise to Unicode NFC, the form every Vietnamese string is stored and compared in."""
    return unicodedata.normalize("NFC", value)


# C0 and C1 control characters other than tab and newline (and carriage return, which line splitting removes).
# XML 1.0 (XLSX, DOCX) cannot hold them at all, PostgreSQL refuses NUL, and none of them is ever typed on purpose.
_CONTROL_CHARACTERS = {
    code: None for code in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)] if chr(code) not in "\t\n\r"
}


def has_control_characters(value: str | None) -> bool:
    """True when ``value`` holds a C0/C1 control character other than tab, newline or carriage return."""
    return bool(value) and value != value.translate(_CONTROL_CHARACTERS)  # type: ignore[union-attr]


def printable(value: str | None) -> str:
    """``value`` in NFC with every C0/C1 control character (but tab, newline, CR) removed; None becomes ''.

    Every exporter and document writer passes stored text through this, so nothing already stored can make an
    export fail.
    """
    if not value:
        return ""
    return nfc(str(value)).translate(_CONTROL_CHARACTERS)


def clean_text(value: str | None) -> str:
    """NFC, trimmed, inner runs of whitespace on one line collapsed; None becomes ''."""
    if not value:
        return ""
    lines = [" ".join(line.split()) for line in nfc(value).strip().splitlines()]
    return "\n".join(lines)


def fold(value: str | None) -> str:
    """Lower-case ASCII key of a text: "Văn hóa công sở" and "van hoa cong so" give the same key."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", value.translate(_SPECIAL_FOLDS))
    # Control characters (NUL among them, which PostgreSQL refuses in text) never belong in a search key.
    stripped = "".join(
        ch
        for ch in decomposed
        if not unicodedata.combining(ch) and (ch.isspace() or unicodedata.category(ch) != "Cc")
    )
    return " ".join(stripped.casefold().split())


# Vietnamese alphabetical order (thứ tự chữ cái tiếng Việt), as the dictionaries and the CLDR "vi" collation
# that PostgreSQL's ICU applies define it: the letters a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
# (with f j w z, foreign, in their Latin places) are primary differences; the five tone marks are secondary,
# weighed only between strings with the same letters, in the order: none, huyền (à), hỏi (ả), ngã (ã), sắc (á),
# nặng (ạ); letter case is tertiary, lower case first.
VIETNAMESE_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(VIETNAMESE_ALPHABET)}
# Marks that make a new letter (breve, circumflex, horn) rather than a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SPACE_RANK, _PUNCTUATION_RANK, _DIGIT_RANK, _LETTER_BASE, _OTHER_RANK = 0, 1, 2, 3, 4


def _graphemes(value: str) -> list[tuple[str, str]]:
    """(letter in NFC without its tone, tone mark or '') for every base character of ``value``."""
    result: list[tuple[str, str]] = []
    for ch in unicodedata.normalize("NFD", value):
        if unicodedata.combining(ch) and result:
            letter, tone = result[-1]
            if ch in _TONE_RANK:
                result[-1] = (letter, ch)
            else:
                result[-1] = (letter + ch, tone)
        else:
            result.append((ch, ""))
    return [(unicodedata.normalize("NFC", letter), tone) for letter, tone in result]


def _primary(letter: str) -> tuple[int, int]:
    lower = letter.lower()
    if lower in _LETTER_RANK:
        return (_LETTER_BASE, _LETTER_RANK[lower])
    if letter.isspace():
        return (_SPACE_RANK, 0)
    if letter.isdigit():
        return (_DIGIT_RANK, int(letter) if letter.isdecimal() else ord(letter))
    if letter.isalpha():
        # A foreign letter (ç, ñ, ...) sorts with its Latin base letter, after it.
        base = "".join(ch for ch in unicodedata.normalize("NFD", lower) if not unicodedata.combining(ch))
        if base in _LETTER_RANK:
            return (_LETTER_BASE, _LETTER_RANK[base])
        return (_OTHER_RANK, ord(letter))
    return (_PUNCTUATION_RANK, ord(letter))


def vietnamese_sort_key(value: str | None) -> tuple:
    """Sort key for Vietnamese alphabetical order: ``sorted(names, key=vietnamese_sort_key)``.

    Đ after D, Ư after U, Ơ and Ô after O, Ă and Â after A, Ê after E; tones only break ties between the same
    letters ("ma" < "mà" < "mác" < "mai"); then lower case before upper. The SQLite connection registers this
    key as the ``vi_icu`` collation (``thidua.core.sqlite``); on PostgreSQL a migration creates ``vi_icu`` from
    ICU's ``vi-VN`` locale, which orders the same way (``thidua/core/tests/test_vietnamese_order.py``).
    """
    graphemes = _graphemes(nfc(value or "").strip())
    primary = tuple(_primary(letter) for letter, _tone in graphemes)
    secondary = tuple(_TONE_RANK.get(tone, 0) for _letter, tone in graphemes)
    tertiary = tuple(int(letter != letter.lower()) for letter, _tone in graphemes)
    return (primary, secondary, tertiary)


def vietnamese_compare(left: str | None, right: str | None) -> int:
    """-1, 0 or 1 as ``left`` sorts before, with or after ``right`` (the SQLite collation callback)."""
    left_key, right_key = _cached_sort_key(left or ""), _cached_sort_key(right or "")
    return (left_key > right_key) - (left_key < right_key)


@functools.lru_cache(maxsize=4096)
def _cached_sort_key(value: str) -> tuple:
    return vietnamese_sort_key(value)
