"""Vietnamese text helpers: NFC storage and diacritic-insensitive search keys."""

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
