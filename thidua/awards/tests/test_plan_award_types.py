"""A plan names the award types of its rounds (campaigns keeps the codes; the awards app owns the types)."""

import pytest
from django.core.exceptions import ValidationError

from thidua.awards import services
from thidua.awards.models import EvaluationRound
from thidua.awards.tests.conftest import DECISION_DATE
from thidua.campaigns.award_types import award_type_choices

pytestmark = pytest.mark.django_db


def test_the_plan_editor_offers_the_award_types_of_the_awards_app(award_type):
    assert (award_type.code, award_type.label) in award_type_choices()


def test_a_round_for_an_award_the_plan_does_not_give_is_refused(world, award_type, rubric, measured_world):
    world.campaign.award_types = ["another-award"]
    world.campaign.save(update_fields=["award_types"])
    with pytest.raises(ValidationError) as error:
        services.round_open(
            actor=world.user("district_officer"),
            campaign=world.campaign,
            year=2021,
            award_type=award_type,
            planned_decision_date=DECISION_DATE,
        )
    assert "award_type" in error.value.message_dict
    assert not EvaluationRound.objects.exists()


def test_a_round_for_an_award_the_plan_gives_opens(world, award_type, rubric, measured_world):
    world.campaign.award_types = [award_type.code]
    world.campaign.save(update_fields=["award_types"])
    evaluation_round = services.round_open(
        actor=world.user("district_officer"),
        campaign=world.campaign,
        year=2021,
        award_type=award_type,
        planned_decision_date=DECISION_DATE,
    )
    assert evaluation_round.award_type == award_type
