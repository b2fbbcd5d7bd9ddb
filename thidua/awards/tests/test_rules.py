"""Dated award rules: what is in force on a day, and edits with a reason that never reach a round already open."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from thidua.awards import services
from thidua.awards.models import CouncilRule
from thidua.awards.money import cash_amount
from thidua.awards.tests.conftest import RULE
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "amount"),
    [
        (date(2022, 2, 15), 894_000),  # 0.6 × 1,490,000
        (date(2023, 6, 30), 894_000),
        (date(2023, 7, 1), 1_080_000),  # 0.6 × 1,800,000
        (date(2024, 6, 30), 1_080_000),
        (date(2024, 7, 1), 1_404_000),  # 0.6 × 2,340,000
        (date(2025, 8, 1), 1_404_000),
    ],
)
def test_the_cash_rate_is_the_coefficient_times_the_base_salary_in_force_on_the_decision_date(
    award_type, day, amount
):
    rate = services.cash_rate_on(award_type, day)
    assert (rate.coefficient, rate.amount) == (Decimal("0.6"), amount)


@pytest.mark.parametrize(
    ("coefficient", "base", "round_up_to", "amount"),
    [
        (Decimal("0.6"), 2_340_000, 1, 1_404_000),
        (Decimal("0.6"), 1_490_000, 10_000, 900_000),
        (Decimal("0.6"), 1_800_000, 10_000, 1_080_000),
        (Decimal("0.3"), 1_490_000, 1, 447_000),
    ],
)
def test_the_cash_amount_is_rounded_up_only_when_the_rule_asks(coefficient, base, round_up_to, amount):
    assert cash_amount(coefficient=coefficient, base_salary=base, round_up_to=round_up_to) == amount


@pytest.mark.parametrize(
    ("day", "kinds", "title"),
    [
        (date(2022, 2, 15), {"district"}, "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN"),
        (date(2025, 6, 30), {"district"}, "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN"),
        (date(2025, 7, 1), {"commune_committee"}, "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ"),
    ],
)
def test_the_district_chairman_awards_until_june_2025_and_the_commune_chairman_after(
    award_type, day, kinds, title
):
    powers = services.awarding_power_on(award_type, day)
    assert ({power.authority_kind for power in powers}, [power.signer_title for power in powers]) == (
        kinds,
        [title],
    )


def test_the_decision_cites_the_law_and_decree_in_force_on_its_date(award_type):
    in_2022 = services.legal_bases_on(award_type, date(2022, 2, 15))
    in_2024 = services.legal_bases_on(award_type, date(2024, 3, 1))
    in_2025 = services.legal_bases_on(award_type, date(2025, 9, 1))
    assert [("2003" in line, "91/2017" in line) for line in in_2022] == [
        (False, False),
        (True, False),
        (False, True),
    ]
    assert "15 tháng 6 năm 2022" in in_2024[1] and "98/2023" in in_2024[2]
    assert "152/2025" in in_2025[2] and "16 tháng 6 năm 2025" in in_2025[0]


def test_the_rule_in_force_is_found_by_date(world, award_type, council_rule):
    assert services.council_rule_on(world.district, award_type, date(2022, 2, 15)) == council_rule
    assert services.council_rule_on(world.district, award_type, date(2025, 7, 1)) is None
    assert services.council_rule_on(world.unit_a, award_type, date(2022, 2, 15)) is None


def test_a_rule_change_is_recorded_with_its_reason_and_what_changed(world, council_rule):
    services.council_rule_update(
        actor=world.user("district_officer"),
        rule=council_rule,
        reason="Quy chế mới: 80% thành viên dự họp",
        quorum_numerator=4,
        quorum_denominator=5,
    )
    entry = AuditEntry.objects.filter(action="award.council_rule_changed").get()
    assert entry.data == {
        "reason": "Quy chế mới: 80% thành viên dự họp",
        "changed": {"quorum_numerator": [2, 4], "quorum_denominator": [3, 5]},
    }


def test_a_rule_change_without_a_reason_is_refused_and_changes_nothing(world, council_rule):
    with pytest.raises(ValidationError):
        services.council_rule_update(
            actor=world.user("district_officer"), rule=council_rule, reason="  ", quorum_numerator=4
        )
    council_rule.refresh_from_db()
    assert council_rule.quorum_numerator == 2
    assert not AuditEntry.objects.filter(action="award.council_rule_changed").exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"quorum_numerator": 4, "quorum_denominator": 3},
        {"threshold_numerator": 3, "threshold_denominator": 2},
        {"valid_to": date(2020, 1, 1)},
    ],
)
def test_a_rule_that_is_not_a_share_or_ends_before_it_starts_is_refused(world, council_rule, changes):
    with pytest.raises(ValidationError):
        services.council_rule_update(
            actor=world.user("district_officer"), rule=council_rule, reason="x", **changes
        )
    council_rule.refresh_from_db()
    assert (council_rule.quorum_numerator, council_rule.threshold_numerator, council_rule.valid_to) == (
        2,
        1,
        date(2025, 6, 30),
    )


def test_two_rules_of_one_authority_cannot_overlap(world, award_type, council_rule):
    with pytest.raises(ValidationError):
        services.council_rule_create(
            actor=world.user("district_officer"),
            authority=world.district,
            award_type=award_type,
            reason="trùng",
            **{**RULE, "valid_from": date(2024, 1, 1), "valid_to": None},
        )
    assert CouncilRule.objects.count() == 1


def test_a_rule_change_never_alters_a_round_already_open(world, opened_round, council_rule):
    before = dict(opened_round.rule_snapshot)
    services.council_rule_update(
        actor=world.user("district_officer"),
        rule=council_rule,
        reason="Biểu quyết giơ tay",
        voting_method="show_of_hands",
        threshold_strict=False,
    )
    opened_round.refresh_from_db()
    assert opened_round.rule_snapshot == before
    assert (before["voting_method"], before["threshold_strict"]) == ("ballot", True)
