"""Rubric points and eligibility with values worked out by hand."""

from decimal import Decimal as D

import pytest

from thidua.awards import scoring
from thidua.awards.scoring import MET, NO_DATA, NOT_MET, EligibilityFacts, EligibilityRules, Ranked


@pytest.mark.parametrize(
    ("rule", "points", "status", "value", "zero", "full", "expected"),
    [
        (scoring.RULE_MET, D(40), MET, D(2), None, None, D("40.00")),
        (scoring.RULE_MET, D(40), NOT_MET, D(0), None, None, D("0.00")),
        (scoring.RULE_MET, D(40), NO_DATA, None, None, None, D("0.00")),
        # satisfaction 95% between 90 (nothing) and 100 (all 30 points): half → 15
        (scoring.RULE_SCALED, D(30), MET, D(95), D(90), D(100), D("15.00")),
        (scoring.RULE_SCALED, D(30), MET, D("92.5"), D(90), D(100), D("7.50")),
        (scoring.RULE_SCALED, D(30), NOT_MET, D(85), D(90), D(100), D("0.00")),  # below the bound
        (scoring.RULE_SCALED, D(30), MET, D(100), D(90), D(100), D("30.00")),
        (scoring.RULE_SCALED, D(30), MET, D(104), D(90), D(100), D("30.00")),  # capped
        # compliance 87% between 80 and 100 for 30 points: 7/20 × 30 = 10.5
        (scoring.RULE_SCALED, D(30), MET, D(87), D(80), D(100), D("10.50")),
        # one third of 10 points: 3.333… → 3.33; two thirds → 6.67 (half up)
        (scoring.RULE_SCALED, D(10), MET, D(1), D(0), D(3), D("3.33")),
        (scoring.RULE_SCALED, D(10), MET, D(2), D(0), D(3), D("6.67")),
        (scoring.RULE_SCALED, D(30), NO_DATA, None, D(80), D(100), D("0.00")),
    ],
)
def test_criterion_points(rule, points, status, value, zero, full, expected):
    result = scoring.criterion_points(
        rule=rule, max_points=points, status=status, value=value, scale_zero=zero, scale_full=full
    )
    assert (result, str(result)) == (expected, str(expected))


def test_a_scaled_criterion_without_two_bounds_is_refused():
    with pytest.raises(ValueError):
        scoring.criterion_points(
            rule=scoring.RULE_SCALED,
            max_points=D(1),
            status=MET,
            value=D(1),
            scale_zero=D(1),
            scale_full=D(1),
        )


def test_the_total_uses_the_adjusted_value_where_there_is_one():
    points = [
        scoring.effective_points(D("40.00"), None),
        scoring.effective_points(D("15.00"), D("20.00")),
        scoring.effective_points(D("0.00"), D("5.5")),
    ]
    assert scoring.total_score(points) == D("65.50")


ALL_RULES = EligibilityRules()


@pytest.mark.parametrize(
    ("facts", "reasons"),
    [
        (EligibilityFacts(target_statuses=[MET, MET, MET]), []),
        (EligibilityFacts(target_statuses=[MET, NOT_MET, MET]), [scoring.REASON_TARGET_NOT_MET]),
        (EligibilityFacts(target_statuses=[MET, NO_DATA]), [scoring.REASON_TARGET_NO_DATA]),
        (EligibilityFacts(target_statuses=[MET], flagged=True), [scoring.REASON_FLAGGED]),
        (EligibilityFacts(target_statuses=[MET], dissolved_before_decision=True), [scoring.REASON_DISSOLVED]),
        (EligibilityFacts(target_statuses=[MET], already_awarded=True), [scoring.REASON_ALREADY_AWARDED]),
        (
            EligibilityFacts(target_statuses=[NOT_MET, NO_DATA], flagged=True, already_awarded=True),
            [
                scoring.REASON_TARGET_NOT_MET,
                scoring.REASON_TARGET_NO_DATA,
                scoring.REASON_FLAGGED,
                scoring.REASON_ALREADY_AWARDED,
            ],
        ),
        # a unit no target applies to has nothing unmet
        (EligibilityFacts(target_statuses=[]), []),
    ],
)
def test_every_reason_the_rules_would_not_admit_a_unit_is_listed(facts, reasons):
    assert scoring.ineligibility_reasons(ALL_RULES, facts) == reasons


def test_rules_that_are_switched_off_admit_the_unit():
    rules = EligibilityRules(
        every_target_met=False,
        not_while_flagged=False,
        not_when_dissolved=False,
        one_award_per_achievement=False,
    )
    facts = EligibilityFacts(
        target_statuses=[NOT_MET], flagged=True, dissolved_before_decision=True, already_awarded=True
    )
    assert scoring.ineligibility_reasons(rules, facts) == []


def test_equal_scores_prefer_a_collective_of_seventy_percent_women_when_the_tie_break_asks():
    candidates = [
        Ranked("a", D(80), D(40)),
        Ranked("b", D(90), None),
        Ranked("c", D(80), D(70)),
        Ranked("d", D(80), D("69.9")),
    ]
    women = [candidate.key for candidate in scoring.ranking(candidates, scoring.TIE_BREAK_WOMEN)]
    plain = [candidate.key for candidate in scoring.ranking(candidates, scoring.TIE_BREAK_NONE)]
    assert (women, plain) == (["b", "c", "a", "d"], ["b", "a", "c", "d"])
