from decimal import Decimal as D

import pytest

from thidua.campaigns.verdicts import judge, meets


@pytest.mark.parametrize(
    ("value", "responses", "comparison", "expected"),
    [
        (D("90.00"), 30, "gt", "not_met"),  # the plan says above 90%: exactly 90 is not enough
        (D("90.01"), 30, "gt", "met"),
        (D("90.00"), 30, "gte", "met"),
        (D("89.99"), 30, "gte", "not_met"),
        (D("99.00"), 29, "gt", "no_data"),  # below the minimum of 30 responses
        (None, 100, "gt", "no_data"),
        (D("85.00"), 100, "lt", "met"),
        (D("90.00"), 100, "lte", "met"),
        (D("90.00"), 100, "eq", "met"),
        (D("90.01"), 100, "eq", "not_met"),
    ],
)
def test_a_value_is_judged_against_the_comparison_threshold_and_minimum(
    value, responses, comparison, expected
):
    assert (
        judge(
            value=value, comparison=comparison, threshold=D("90"), responses=responses, minimum_responses=30
        )
        == expected
    )


def test_without_a_count_of_responses_only_the_value_is_judged():
    assert judge(value=D("1"), comparison="gte", threshold=D("1")) == "met"
    assert judge(value=None, comparison="gte", threshold=D("1")) == "no_data"


@pytest.mark.parametrize(
    ("comparison", "expected"), [("gte", True), ("gt", False), ("lte", True), ("lt", False), ("eq", True)]
)
def test_meets_compares_a_value_equal_to_the_threshold(comparison, expected):
    assert meets(D("80"), comparison, D("80.0000")) is expected
