import unicodedata

import pytest

from thidua.core.text import clean_text, fold, nfc


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Văn hóa công sở", "van hoa cong so"),
        ("VĂN HOÁ CÔNG SỞ", "van hoa cong so"),
        ("van hoa cong so", "van hoa cong so"),
        ("Đại Ngãi", "dai ngai"),
        ("  Trường   Khánh ", "truong khanh"),
        ("van\x00hoa", "vanhoa"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_ignores_case_diacritics_and_spacing(text, key):
    assert fold(text) == key


def test_decomposed_input_is_stored_in_nfc():
    decomposed = unicodedata.normalize("NFD", "Hậu Thạnh")
    assert decomposed != "Hậu Thạnh"
    assert nfc(decomposed) == "Hậu Thạnh"
    assert clean_text(f"  {decomposed}  ") == "Hậu Thạnh"


def test_clean_text_keeps_line_breaks_but_collapses_spaces():
    assert clean_text(" a   b \n  c\td ") == "a b\nc d"
