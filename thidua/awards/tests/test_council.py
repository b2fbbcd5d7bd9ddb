"""Quorum, thresholds on each denominator and ties, at their edges, with counts worked out by hand."""

import pytest

from thidua.awards import council
from thidua.awards.council import FAILED, PASSED, TIE


@pytest.mark.parametrize(
    ("present", "members", "numerator", "denominator", "met"),
    [
        (6, 9, 2, 3, True),  # exactly two thirds
        (5, 9, 2, 3, False),  # one below
        (7, 9, 2, 3, True),
        (5, 7, 2, 3, True),  # 15 ≥ 14
        (4, 7, 2, 3, False),  # 12 < 14
        (8, 10, 4, 5, True),  # exactly 80%
        (7, 10, 4, 5, False),
        (6, 7, 4, 5, True),  # 30 ≥ 28
        (5, 7, 4, 5, False),  # 25 < 28
        (0, 0, 2, 3, False),  # a council without members has no quorum
    ],
)
def test_quorum_is_a_share_of_all_members(present, members, numerator, denominator, met):
    assert (
        council.quorum_met(present=present, members=members, numerator=numerator, denominator=denominator)
        is met
    )


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (council.DENOMINATOR_ALL, 9),
        (council.DENOMINATOR_PRESENT, 7),
        (council.DENOMINATOR_PRESENT_AND_WRITTEN, 8),
    ],
)
def test_the_denominator_counts_all_members_those_present_or_present_and_written(kind, expected):
    assert council.vote_denominator(kind=kind, members=9, present=7, written=1) == expected


def test_an_unknown_denominator_is_refused():
    with pytest.raises(ValueError):
        council.vote_denominator(kind="some", members=9, present=7, written=1)


# Nine members, seven present, one written opinion; a simple majority is "more than half".
MAJORITY = {"numerator": 1, "denominator": 2, "strict": True}
# "At least two thirds".
TWO_THIRDS = {"numerator": 2, "denominator": 3, "strict": False}


@pytest.mark.parametrize(
    ("kind", "agree", "rule", "result"),
    [
        # all members: base 9; more than half means 5
        (council.DENOMINATOR_ALL, 5, MAJORITY, PASSED),
        (council.DENOMINATOR_ALL, 4, MAJORITY, FAILED),
        # present: base 7; more than half means 4
        (council.DENOMINATOR_PRESENT, 4, MAJORITY, PASSED),
        (council.DENOMINATOR_PRESENT, 3, MAJORITY, FAILED),
        # present and written: base 8; 5 passes, exactly 4 is a tie
        (council.DENOMINATOR_PRESENT_AND_WRITTEN, 5, MAJORITY, PASSED),
        (council.DENOMINATOR_PRESENT_AND_WRITTEN, 4, MAJORITY, TIE),
        (council.DENOMINATOR_PRESENT_AND_WRITTEN, 3, MAJORITY, FAILED),
        # at least two thirds: all 9 → 6; present 7 → 5 (15 ≥ 14); present+written 8 → 6 (18 ≥ 16)
        (council.DENOMINATOR_ALL, 6, TWO_THIRDS, PASSED),
        (council.DENOMINATOR_ALL, 5, TWO_THIRDS, FAILED),
        (council.DENOMINATOR_PRESENT, 5, TWO_THIRDS, PASSED),
        (council.DENOMINATOR_PRESENT, 4, TWO_THIRDS, FAILED),
        (council.DENOMINATOR_PRESENT_AND_WRITTEN, 6, TWO_THIRDS, PASSED),
        (council.DENOMINATOR_PRESENT_AND_WRITTEN, 5, TWO_THIRDS, FAILED),
    ],
)
def test_the_threshold_passes_exactly_at_its_edge_and_fails_one_vote_below(kind, agree, rule, result):
    base = council.vote_denominator(kind=kind, members=9, present=7, written=1)
    assert council.vote_outcome(agree=agree, base=base, **rule).result == result


@pytest.mark.parametrize(
    ("numerator", "denominator", "base", "edge"),
    [(4, 5, 10, 8), (4, 5, 7, 6), (9, 10, 9, 9), (9, 10, 11, 10)],  # 80% of 7 is 5.6 → 6; 90% of 11 → 10
)
def test_an_at_least_threshold_that_is_not_a_whole_number_rounds_up(numerator, denominator, base, edge):
    def result(agree):
        return council.vote_outcome(
            agree=agree, base=base, numerator=numerator, denominator=denominator, strict=False
        ).result

    assert (result(edge), result(edge - 1)) == (PASSED, FAILED)


def test_a_vote_on_an_empty_base_fails():
    assert council.vote_outcome(agree=0, base=0, **MAJORITY).result == FAILED


@pytest.mark.parametrize(
    ("agree", "base", "percent"),
    [(4, 8, "50"), (5, 7, "71,4"), (2, 3, "66,7"), (1, 8, "12,5"), (7, 7, "100"), (0, 9, "0"), (0, 0, "0")],
)
def test_the_percentage_for_the_minutes_has_one_decimal_rounded_half_up(agree, base, percent):
    assert council.Outcome(PASSED, agree, base).percent == percent


@pytest.mark.parametrize(
    ("tie_rule", "chair_agrees", "result"),
    [
        (council.TIE_CHAIR, True, PASSED),
        (council.TIE_CHAIR, False, FAILED),
        (council.TIE_CHAIR, None, TIE),
        (council.TIE_NEW_VOTE, True, TIE),
        (council.TIE_NEW_VOTE, None, TIE),
    ],
)
def test_a_tie_goes_to_the_chairs_side_or_to_a_new_vote(tie_rule, chair_agrees, result):
    assert council.settle_tie(tie_rule=tie_rule, chair_agrees=chair_agrees) == result
