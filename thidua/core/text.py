"""Vietnamese text helpers: NFC storage and diacritic-insensitive search keys."""

import unicodedata

# Đ/đ is a separate letter, not D plus a combining mark, so decomposition alone does not fold it.
_SPECIAL_FOLDS = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(value: str) -> str:
    """Normalise to Unicode NFC, the form every Vietnamese string is stored and compared in."""
    return unicodedata.normalize("NFC", value)


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
