"""The reform-model target's two counting rules: "approved in the year" (the default) and "in operation during the
year" — a model approved in 2021 and still running counts in 2022 under the second rule only."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils.translation import gettext

from thidua.campaigns.indicators import get_indicator
from thidua.campaigns.models import Target
from thidua.initiatives.indicators import APPROVED_IN_YEAR, IN_OPERATION
from thidua.initiatives.models import ReformModel

pytestmark = pytest.mark.django_db


def town_cell(world, year: int) -> dict:
    response = Client().get(f"/api/campaigns/{world.campaign.pk}/progress", {"year": year})
    assert response.status_code == 200
    for row in response.json()["rows"]:
        if row["unit"]["code"] == world.unit_a.code:
            return next(target for target in row["targets"] if target["indicator"] == "reform_models")
    raise AssertionError("town A has no row")


def choose_rule(world, rule: str) -> None:
    Target.objects.filter(campaign=world.campaign, indicator="reform_models").update(counting_rule=rule)


def test_the_indicator_declares_both_rules_with_approved_in_the_year_first():
    indicator = get_indicator("reform_models")
    assert [rule.code for rule in indicator.counting_rules] == [APPROVED_IN_YEAR, IN_OPERATION]
    assert indicator.rule_for(Target(indicator="reform_models")) == APPROVED_IN_YEAR
    assert indicator.rule_for(Target(indicator="reform_models", counting_rule="nonsense")) == APPROVED_IN_YEAR


def test_a_model_approved_in_2021_and_still_running_counts_in_2022_only_when_in_operation_counts(
    world, make_model
):
    make_model("approved")  # recorded for 2021, approved now and running
    ReformModel.objects.update(decided_at=datetime(2021, 9, 1, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))

    assert (town_cell(world, 2021)["status"], town_cell(world, 2021)["value"]) == ("met", 1.0)
    assert (town_cell(world, 2022)["status"], town_cell(world, 2022)["value"]) == ("not_met", 0.0)

    choose_rule(world, IN_OPERATION)
    assert (town_cell(world, 2021)["status"], town_cell(world, 2021)["value"]) == ("met", 1.0)
    cell = town_cell(world, 2022)
    assert (cell["status"], cell["value"]) == ("met", 1.0)
    assert cell["detail"] == gettext("%(count)s models in operation during the year") % {"count": 1}


def test_a_model_discontinued_before_the_year_does_not_count_as_in_operation(world, make_model):
    make_model("discontinued")
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    ReformModel.objects.update(
        decided_at=datetime(2021, 6, 1, tzinfo=tz), discontinued_at=datetime(2021, 12, 1, tzinfo=tz)
    )
    choose_rule(world, IN_OPERATION)
    # It ran during part of 2021, so it counts there; by 2022 it had stopped.
    assert town_cell(world, 2021)["value"] == 1.0
    assert (town_cell(world, 2022)["status"], town_cell(world, 2022)["value"]) == ("not_met", 0.0)


def test_a_model_discontinued_during_the_year_still_counts_as_in_operation_that_year(world, make_model):
    make_model("discontinued")
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    ReformModel.objects.update(
        decided_at=datetime(2021, 6, 1, tzinfo=tz), discontinued_at=datetime(2022, 3, 1, tzinfo=tz)
    )
    choose_rule(world, IN_OPERATION)
    assert town_cell(world, 2022)["value"] == 1.0
    choose_rule(world, APPROVED_IN_YEAR)
    assert town_cell(world, 2022)["value"] == 0.0


def test_a_draft_or_rejected_model_never_counts_as_in_operation(world, make_model):
    make_model("draft")
    make_model("rejected", title="Bị từ chối")
    choose_rule(world, IN_OPERATION)
    assert town_cell(world, 2021)["value"] == 0.0
    assert town_cell(world, 2022)["value"] == 0.0


def test_a_recorded_model_means_the_plan_has_data_and_changes_need_a_reason(world, make_model):
    from thidua.campaigns.services import campaign_has_data

    assert not campaign_has_data(world.campaign)
    make_model("draft")
    assert campaign_has_data(world.campaign)
