"""Amounts of the cash award, in figures and in words, worked out by hand."""

import pytest

from thidua.awards.money import amount_in_figures, amount_in_words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (1_404_000, "Một triệu bốn trăm linh bốn nghìn đồng"),
        (894_000, "Tám trăm chín mươi tư nghìn đồng"),
        (1_080_000, "Một triệu không trăm tám mươi nghìn đồng"),
        (2_808_000, "Hai triệu tám trăm linh tám nghìn đồng"),
        (4_212_000, "Bốn triệu hai trăm mười hai nghìn đồng"),
        (1_000_000, "Một triệu đồng"),
        (15_000, "Mười lăm nghìn đồng"),
        (21_000, "Hai mươi mốt nghìn đồng"),
        (105, "Một trăm linh năm đồng"),
        (1_000_050, "Một triệu không trăm năm mươi đồng"),
        (2_000_000_000, "Hai tỷ đồng"),
        (7_020_000_000, "Bảy tỷ không trăm hai mươi triệu đồng"),
        (0, "Không đồng"),
    ],
)
def test_an_amount_is_written_out_as_a_decision_prints_it(amount, words):
    assert amount_in_words(amount) == words


@pytest.mark.parametrize(("amount", "figures"), [(1_404_000, "1.404.000"), (894_000, "894.000"), (0, "0")])
def test_an_amount_in_figures_groups_thousands_with_dots(amount, figures):
    assert amount_in_figures(amount) == figures
