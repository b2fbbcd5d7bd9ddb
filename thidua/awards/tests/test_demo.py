"""The awards demo: 2021 decided and fair by the checks' own reading, 2022 ready to run, a council of eight."""

import io

import pytest
from django.core.management import call_command

from thidua.awards.models import EvaluationRound, RoundStatus, Rubric
from thidua.organizations.models import Membership, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("seed_demo", force=True, stdout=io.StringIO())


def test_every_unit_awarded_for_2021_met_every_target_or_carries_an_exception(client, demo):
    awards = client.get("/api/awards?year=2021").json()
    assert [item["unit"]["code"] for item in awards] == ["lp-tt-long-phu"]
    campaign_id = awards[0]["campaign"]["id"]
    progress = client.get(f"/api/campaigns/{campaign_id}/progress?year=2021").json()
    statuses = {
        row["unit"]["code"]: {
            target["status"] for target in row["targets"] if target["status"] != "not_applicable"
        }
        for row in progress["rows"]
    }
    evaluation = {
        row["unit"]["code"]: row
        for row in client.get(f"/api/campaigns/{campaign_id}/evaluation?year=2021").json()["rows"]
    }
    for item in awards:
        code = item["unit"]["code"]
        assert statuses[code] == {"met"} or evaluation[code]["exception_reason"]


def test_2022_is_under_appraisal_with_its_rubric_and_a_council_of_at_least_seven(demo):
    assert EvaluationRound.objects.get(year=2021).status == RoundStatus.DECIDED
    assert EvaluationRound.objects.get(year=2022).status == RoundStatus.APPRAISAL
    assert Rubric.objects.filter(year=2022).count() == 1
    council = Membership.objects.filter(unit__code="lp-huyen", role__in=[Role.COUNCIL_MEMBER, Role.CHAIRMAN])
    assert council.values("user").distinct().count() >= 7


def test_the_demo_council_members_sign_in_with_the_demo_password(client, demo):
    assert client.login(username="hoidong5", password="thidua2021")


def test_seeding_the_awards_demo_twice_adds_nothing(demo):
    from thidua.awards.models import AchievementReport, AwardDecision, Ballot, EvaluationFigure, PublicNotice

    def counts():
        return (
            AwardDecision.objects.count(),
            Ballot.objects.count(),
            EvaluationFigure.objects.count(),
            AchievementReport.objects.count(),
            PublicNotice.objects.count(),
        )

    before = counts()
    call_command("seed_demo", force=True, stdout=io.StringIO())
    assert counts() == before


def test_2021_has_accepted_reports_and_2022_reports_under_way(demo):
    from thidua.awards.models import AchievementReport, EntryStatus, PublicNotice, ReportStatus

    awarded_2021 = AchievementReport.objects.filter(
        entry__round__year=2021, entry__status=EntryStatus.AWARDED
    ).values_list("status", flat=True)
    assert list(awarded_2021) == [ReportStatus.ACCEPTED]
    statuses_2022 = dict(
        AchievementReport.objects.filter(entry__round__year=2022).values_list("entry__unit__code", "status")
    )
    assert statuses_2022 == {"lp-tt-long-phu": ReportStatus.SUBMITTED, "lp-xa-long-phu": ReportStatus.DRAFT}
    assert set(PublicNotice.objects.filter(round__year=2021).values_list("kind", flat=True)) == {
        "proposed",
        "awarded",
    }


def test_2022_has_units_that_meet_every_target_and_units_that_miss_a_different_pillar(client, demo):
    from thidua.campaigns.models import Campaign

    campaign = Campaign.objects.get(pk=client.get("/api/awards?year=2021").json()[0]["campaign"]["id"])
    progress = client.get(f"/api/campaigns/{campaign.pk}/progress?year=2022").json()
    statuses = {
        row["unit"]["code"]: {target["indicator"]: target["status"] for target in row["targets"]}
        for row in progress["rows"]
    }
    all_met = {code for code, cells in statuses.items() if set(cells.values()) == {"met"}}
    assert {"lp-tt-long-phu", "lp-tt-dai-ngai", "lp-phong-tu-phap"} <= all_met
    missed = {
        indicator: {
            code for code, cells in statuses.items() if cells[indicator] == "not_met" and code not in all_met
        }
        for indicator in ("reform_models", "satisfaction_index", "office_culture")
    }
    # A unit that misses only this pillar, for each of the three.
    for indicator, codes in missed.items():
        others = [other for other in missed if other != indicator]
        assert any(all(statuses[code][other] == "met" for other in others) for code in codes), indicator


def test_every_demo_desk_has_ratings_in_every_month_of_2022(demo):
    from thidua.surveys.models import CollectionPoint, Response

    # The desks of units that existed in 2022 (the commune Long Phú, formed in 2025, rates in 2026).
    for point in CollectionPoint.objects.filter(is_demo=True).exclude(unit__valid_from__year__gt=2022):
        months = set(
            Response.objects.filter(collection_point=point, day__year=2022).values_list(
                "day__month", flat=True
            )
        )
        assert months == set(range(1, 13)), point.unit.code


def test_the_2022_round_opened_by_the_standing_office_scores_the_units_differently(client, demo):
    from thidua.awards.demo import FLAGGED_CODE
    from thidua.awards.models import EvaluationRound, RoundStatus

    campaign_id = client.get("/api/awards?year=2021").json()[0]["campaign"]["id"]
    evaluation_round = EvaluationRound.objects.get(campaign_id=campaign_id, year=2022)
    assert evaluation_round.status == RoundStatus.APPRAISAL
    entries = {entry.unit.code: entry for entry in evaluation_round.entries.select_related("unit")}
    assert len({entry.score for entry in entries.values()}) >= 5
    eligible = {code for code, entry in entries.items() if entry.eligible}
    assert {"lp-tt-long-phu", "lp-tt-dai-ngai", "lp-phong-tu-phap"} <= eligible
    assert FLAGGED_CODE not in eligible  # meets every target, under complaint
    assert entries["lp-xa-truong-khanh"].score < entries["lp-tt-long-phu"].score
