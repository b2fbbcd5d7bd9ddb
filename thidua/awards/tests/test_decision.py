"""Proposal and decision: only the Chairman approves, numbers from the register, cash by the rate in force, an
issued decision that does not change, and award-register numbers."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from thidua.awards import services
from thidua.awards.models import AwardDecision, AwardedUnit, EntryStatus, EvaluationEntry, RoundStatus
from thidua.awards.tests.conftest import DECISION_DATE

pytestmark = pytest.mark.django_db


def test_the_decision_awards_the_units_the_council_passed_at_the_rate_in_force(world, decided_round):
    decision = AwardDecision.objects.get()
    awarded = list(decision.awarded.values_list("unit__code", "register_number", "position"))
    assert awarded == [(world.unit_a.code, 1, 1)]
    assert (decision.coefficient, decision.base_salary, decision.cash_amount) == (
        Decimal("0.60"),
        1_490_000,
        894_000,
    )
    assert decision.number.endswith("/QĐ-" + world.district.document_abbreviation)
    assert decision.signer_title == "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN"
    # in force on 15/02/2022: the 2003 law as amended in 2013 and Decree 91/2017
    assert ["26 tháng 11 năm 2003" in line or "91/2017" in line for line in decision.legal_bases] == [
        False,
        True,
        True,
    ]
    statuses = dict(EvaluationEntry.objects.filter(round=decided_round).values_list("unit__code", "status"))
    assert statuses == {
        world.unit_a.code: EntryStatus.AWARDED,
        world.unit_b.code: EntryStatus.NOT_AWARDED,
        world.agency.code: EntryStatus.ASSESSED,
    }
    assert decided_round.status == RoundStatus.DECIDED


@pytest.mark.parametrize("persona", ["district_officer", "council_member", "viewer", "head_a"])
def test_only_the_chairman_approves(world, voted_round, persona):
    services.proposal_submit(
        actor=world.user("district_officer"), evaluation_round=voted_round, day=date(2022, 2, 1)
    )
    with pytest.raises(ValidationError):
        services.decision_approve(actor=world.user(persona), evaluation_round=voted_round, day=DECISION_DATE)
    voted_round.refresh_from_db()
    assert (voted_round.status, AwardDecision.objects.count()) == (RoundStatus.SUBMITTED, 0)


def test_a_decision_is_issued_once_and_never_changes(world, decided_round):
    decision = AwardDecision.objects.get()
    before = (
        decision.number,
        decision.issued_on,
        decision.cash_amount,
        list(decision.awarded.values_list("pk")),
    )
    with pytest.raises(ValidationError):
        services.decision_approve(
            actor=world.user("chairman"), evaluation_round=decided_round, day=date(2022, 3, 1)
        )
    decision.refresh_from_db()
    after = (
        decision.number,
        decision.issued_on,
        decision.cash_amount,
        list(decision.awarded.values_list("pk")),
    )
    assert before == after and AwardDecision.objects.count() == 1


def test_the_proposal_waits_for_the_councils_vote(world, proposed_round):
    with pytest.raises(ValidationError):
        services.proposal_submit(
            actor=world.user("district_officer"), evaluation_round=proposed_round, day=date(2022, 2, 1)
        )
    proposed_round.refresh_from_db()
    assert proposed_round.status == RoundStatus.PROPOSED


def test_a_decision_after_june_2025_cannot_be_signed_by_the_district_chairman(world, voted_round):
    services.proposal_submit(
        actor=world.user("district_officer"), evaluation_round=voted_round, day=date(2022, 2, 1)
    )
    with pytest.raises(ValidationError):
        services.decision_approve(
            actor=world.user("chairman"), evaluation_round=voted_round, day=date(2025, 7, 1)
        )
    assert not AwardDecision.objects.exists()


def test_award_register_numbers_continue_through_the_year(world, decided_round):
    first = AwardedUnit.objects.get()
    assert (first.register_year, first.register_number, first.unit_name) == (
        2022,
        1,
        world.unit_a.official_name,
    )
