"""The compliance score, worked out by hand. Weights are the checklist weights; "na" and "" count neither way."""

from decimal import Decimal

import pytest

from thidua.inspections.scoring import Answer, InspectionAnswers, compliance, percent, pool, score_answers


def answers(*pairs):
    return [Answer(weight=Decimal(weight), result=result) for weight, result in pairs]


SINGLE_INSPECTION_CASES = [
    # (answers, passed weight, applicable weight, percent)
    ([], "0", "0", None),
    ([("2", "pass"), ("1", "pass"), ("3", "pass")], "6", "6", "100.00"),
    # 5 of 6 = 83.333… → 83.33
    ([("2", "pass"), ("1", "fail"), ("3", "pass")], "5", "6", "83.33"),
    # the "na" item (weight 1) leaves the denominator: 2 of 5 = 40.00
    ([("2", "pass"), ("1", "na"), ("3", "fail")], "2", "5", "40.00"),
    # an unanswered item counts neither way: 1 of 1
    ([("1", "pass"), ("5", "")], "1", "1", "100.00"),
    # only "na": nothing applicable, no score
    ([("1", "na"), ("2", "na")], "0", "0", None),
    # decimal weights: 1.5 of 2.0 = 75.00
    ([("1.5", "pass"), ("0.5", "fail")], "1.5", "2.0", "75.00"),
    # half-up rounding: 1 of 800 = 0.125 % → 0.13 (banker's rounding would give 0.12)
    ([("1", "pass"), ("799", "fail")], "1", "800", "0.13"),
    # 2 of 3 = 66.666… → 66.67
    ([("1", "pass"), ("1", "pass"), ("1", "fail")], "2", "3", "66.67"),
    ([("4", "fail")], "0", "4", "0.00"),
]


@pytest.mark.parametrize(("pairs", "passed", "applicable", "expected"), SINGLE_INSPECTION_CASES)
def test_one_inspection_scores_the_weighted_share_of_passed_items(pairs, passed, applicable, expected):
    score = score_answers(answers(*pairs))
    assert score.passed_weight == Decimal(passed)
    assert score.applicable_weight == Decimal(applicable)
    assert score.percent == (Decimal(expected) if expected is not None else None)


def test_several_inspections_are_pooled_by_weight_not_averaged():
    # first 2 of 3 (66.67 %), second 1 of 1 (100 %): pooled 3 of 4 = 75.00, where a mean would say 83.33
    pooled = pool(
        [
            InspectionAnswers("unannounced", answers(("2", "pass"), ("1", "fail"))),
            InspectionAnswers("scheduled", answers(("1", "pass"))),
        ]
    )
    assert (pooled.passed_weight, pooled.applicable_weight, pooled.percent) == (
        Decimal(3),
        Decimal(4),
        Decimal("75.00"),
    )


COMPLIANCE_CASES = [
    # (inspections, counted, score, self count, self score)
    ([], 0, None, 0, None),
    # a self-inspection alone gives no score: it is shown, not counted
    ([("self", [("2", "pass"), ("1", "pass")])], 0, None, 1, "100.00"),
    # scheduled 1 of 2 = 50.00; the perfect self-inspection does not lift it
    (
        [("scheduled", [("1", "pass"), ("1", "fail")]), ("self", [("2", "pass"), ("1", "pass")])],
        1,
        "50.00",
        1,
        "100.00",
    ),
    # the worked example of the database test: unannounced 5 of 6, scheduled 1 of 4 → 6 of 10 = 60.00
    (
        [
            ("unannounced", [("2", "pass"), ("1", "fail"), ("3", "pass")]),
            ("scheduled", [("2", "na"), ("1", "pass"), ("3", "fail")]),
            ("self", [("2", "pass"), ("1", "pass"), ("3", "pass")]),
        ],
        2,
        "60.00",
        1,
        "100.00",
    ),
]


@pytest.mark.parametrize(("inspections", "counted", "expected", "own", "own_expected"), COMPLIANCE_CASES)
def test_compliance_counts_district_inspections_and_shows_self_inspections_apart(
    inspections, counted, expected, own, own_expected
):
    result = compliance(
        [InspectionAnswers(kind, answers(*pairs)) for kind, pairs in inspections],
        open_remediations=2,
        overdue_remediations=1,
    )
    assert result.counted_inspections == counted
    assert result.percent == (Decimal(expected) if expected else None)
    assert result.self_inspections == own
    assert result.self_percent == (Decimal(own_expected) if own_expected else None)
    assert (result.open_remediations, result.overdue_remediations) == (2, 1)


def test_percent_of_nothing_is_no_score_not_zero():
    assert percent(Decimal(0), Decimal(0)) is None
    assert percent(Decimal(1), Decimal(3)) == Decimal("33.33")


def test_a_weight_of_zero_is_refused():
    with pytest.raises(ValueError):
        score_answers(answers(("0", "pass")))
