"""Index arithmetic, table-driven; every expected value is worked out by hand in the comment beside it."""

from decimal import Decimal
from fractions import Fraction

import pytest

from thidua.surveys import indices

D = Decimal


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({5: 3, 4: 1, 3: 1}, D("80.00")),  # (3 + 1) / 5
        ({5: 2, 3: 1}, D("66.67")),  # 2 / 3 = 0.6666… → 66.67
        ({1: 1, 2: 1}, D("0.00")),  # nobody satisfied
        ({4: 1}, D("100.00")),
        ({0: 5, 6: 3, 5: 1, 2: 1}, D("50.00")),  # levels outside 1–5 are not valid answers: 1 / 2
        ({5: 1, 4: 1, 3: 1, 2: 1, 1: 1, 9: 7}, D("40.00")),  # 2 / 5
        ({}, None),  # no valid answer, no index
    ],
)
def test_element_index_is_the_share_of_satisfied_valid_answers(counts, expected):
    share = indices.satisfied_share(counts)
    assert (None if share is None else indices.percent(share)) == expected


ELEMENTS = ["access", "procedure", "civil_servant", "result", "feedback"]


@pytest.mark.parametrize(
    ("element_counts", "expected_index", "expected_elements"),
    [
        # 4/5, 2/3, 1/1, 0/2, feedback unanswered → (4/5 + 2/3 + 1 + 0) / 4 = 37/60 = 0.61666… → 61.67
        (
            {"access": {5: 4, 1: 1}, "procedure": {4: 2, 3: 1}, "civil_servant": {5: 1}, "result": {2: 2}},
            D("61.67"),
            [D("80.00"), D("66.67"), D("100.00"), D("0.00"), None],
        ),
        # 2/3 and 1/8: exact mean 19/48 = 0.395833… → 39.58; rounding each first would give 39.59
        (
            {"access": {5: 2, 2: 1}, "procedure": {4: 1, 3: 7}},
            D("39.58"),
            [D("66.67"), D("12.50"), None, None, None],
        ),
        ({}, None, [None] * 5),
    ],
)
def test_element_mean_rule_averages_exact_element_shares(element_counts, expected_index, expected_elements):
    result = indices.overall_index(
        rule=indices.ELEMENT_MEAN,
        element_counts=element_counts,
        overall_counts={},
        responses=9,
        element_codes=ELEMENTS,
    )
    assert result.index == expected_index
    assert [result.element_index(code) for code in ELEMENTS] == expected_elements
    assert result.rule == "element_mean"


@pytest.mark.parametrize(
    ("overall_counts", "expected"),
    [
        ({5: 10, 4: 8, 3: 1, 2: 1}, D("90.00")),  # 18 / 20
        ({5: 1, 3: 2}, D("33.33")),  # 1 / 3
        ({}, None),
    ],
)
def test_overall_question_rule_ignores_the_elements(overall_counts, expected):
    result = indices.overall_index(
        rule=indices.OVERALL_QUESTION,
        element_counts={"access": {1: 50}},
        overall_counts=overall_counts,
        responses=20,
        element_codes=ELEMENTS,
    )
    assert result.index == expected
    assert result.element_index("access") == D("0.00")


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError):
        indices.overall_index(rule="median", element_counts={}, overall_counts={}, responses=0)


@pytest.mark.parametrize(
    ("share", "n", "expected"),
    [
        # p = 0.9, n = 20, z² = 3.8416: centre = (0.9 + 0.09604) / 1.19208 = 0.835548;
        # half = (1.96 / 1.19208) · √(0.0045 + 0.002401) = 1.644185 · 0.083072 = 0.136586 → [69.89, 97.22]
        (Fraction(18, 20), 20, (D("69.89"), D("97.22"))),
        # p = 0, n = 10: centre = 0.19208 / 1.38416 = 0.138770 = half → [0, 27.76] (0.277540 rounded up)
        (Fraction(0), 10, (D("0.00"), D("27.76"))),
        # p = 1, n = 10: the mirror image → [72.24, 100]
        (Fraction(1), 10, (D("72.24"), D("100.00"))),
        # p = 0.5, n = 100: centre 0.5; half = (1.96 / 1.038416) · √(0.0025 + 0.00009604) = 1.887490 · 0.050951
        # = 0.096170 → [40.38, 59.62]
        (Fraction(1, 2), 100, (D("40.38"), D("59.62"))),
        (None, 10, None),
        (Fraction(1, 2), 0, None),
    ],
)
def test_wilson_interval_at_95_percent(share, n, expected):
    assert indices.wilson_interval(share, n) == expected


@pytest.mark.parametrize(
    ("transactions", "expected"),
    [
        (1000, 286),  # 1000 / (1 + 1000 · 0.0025) = 1000 / 3.5 = 285.71 → 286
        (100, 80),  # 100 / 1.25 = 80 exactly
        (10000, 385),  # 10000 / 26 = 384.6 → 385
        (1, 1),  # 1 / 1.0025 = 0.9975 → 1
        (0, 0),
    ],
)
def test_required_sample_follows_n_equals_N_over_1_plus_N_e_squared(transactions, expected):
    assert indices.required_sample(transactions) == expected


@pytest.mark.parametrize(
    ("responses", "transactions", "expected"),
    [(286, 1000, True), (285, 1000, False), (80, 100, True), (5, None, None)],
)
def test_sample_adequacy_against_the_entered_transactions(responses, transactions, expected):
    assert indices.sample_adequate(responses, transactions) is expected


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        ([(30, 1)], 30),  # the desk rating: one item per element, so one answer is one respondent
        ([(120, 4)], 30),  # SIPAS access, 4 items, 30 respondents answering all four: 120 / 4
        ([(118, 4)], 29),  # two items skipped: 118 / 4 = 29.5, rounded down (never more than the data holds)
        # a SIPAS point (100 respondents × 4 items) pooled with a desk point (100 × 1): answers weigh unequally,
        # (400 + 100)² / (4·400 + 1·100) = 250000 / 1700 = 147.06 → 147, not the 200 respondents
        ([(400, 4), (100, 1)], 147),
        ([(12, 3), (0, 1)], 4),  # a version without answers adds nothing: 144 / 36
        ([(5, 0)], 0),  # answers to no item of the element (cannot happen) count for nothing
        ([(0, 4)], 0),
        ([], 0),
    ],
)
def test_element_sample_size_counts_respondents_not_answers(groups, expected):
    assert indices.element_sample_size(groups) == expected


@pytest.mark.parametrize(
    ("share", "groups", "expected"),
    [
        # desk access, 27 of 30 satisfied, n = 30, z² = 3.8416: denominator = 1 + 3.8416/30 = 1.128053;
        # centre = (0.9 + 0.064027) / 1.128053 = 0.854593; half = (1.96 / 1.128053) · √(0.003 + 0.001067)
        # = 1.737507 · 0.063774 = 0.110808 → [74.37, 96.55]
        (Fraction(27, 30), [(30, 1)], (D("74.37"), D("96.55"))),
        # SIPAS access, 102 of 120 answers satisfied (85%) from 30 respondents: n = 30, not 120.
        # centre = (0.85 + 0.064027) / 1.128053 = 0.810269; half = 1.737507 · √(0.00425 + 0.001067)
        # = 1.737507 · 0.072919 = 0.126696 → [68.35, 93.70]
        (Fraction(102, 120), [(120, 4)], (D("68.35"), D("93.70"))),
        # the same answers counted as 120 observations would claim [77.53, 90.30]: half as wide, and false
        (Fraction(102, 120), [(120, 1)], (D("77.53"), D("90.30"))),
        # 5/6 with two items skipped: n = 29; denominator = 1 + 3.8416/29 = 1.132469; centre = (0.833333 +
        # 0.066234) / 1.132469 = 0.794342; half = (1.96 / 1.132469) · √(0.004790 + 0.001142) = 1.730733 ·
        # 0.077015 = 0.133292 → [66.10, 92.77]
        (Fraction(5, 6), [(118, 4)], (D("66.10"), D("92.77"))),
        (None, [(30, 1)], None),  # no index, no interval
        (Fraction(1, 2), [], None),  # no respondents, no interval
    ],
)
def test_element_interval_is_wilson_over_the_respondents(share, groups, expected):
    assert indices.wilson_interval(share, indices.element_sample_size(groups)) == expected
