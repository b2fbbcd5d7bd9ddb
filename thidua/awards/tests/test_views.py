"""Round pages and the evaluation endpoint: access by every role, bad input, and nothing changed on refusal."""

import re
from decimal import Decimal

import pytest

from conftest import PERSONAS, make_unit, make_user
from thidua.awards import services
from thidua.awards.models import (
    CouncilRule,
    EligibilityFlag,
    EntryStatus,
    EvaluationEntry,
    EvaluationFigure,
    EvaluationRound,
    RoundStatus,
)
from thidua.awards.tests.conftest import DECISION_DATE, accepted_report
from thidua.organizations.models import Role, UnitKind

pytestmark = pytest.mark.django_db

# A script element without a src (the CSP allows only the product's own files).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)")

STAFF = {"district_officer", "inspector", "council_member", "chairman", "viewer"}


def round_url(evaluation_round):
    return f"/awards/rounds/{evaluation_round.pk}/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_round_page_is_for_the_authoritys_staff_before_the_decision(client_as, opened_round, persona):
    response = client_as(persona).get(round_url(opened_round))
    expected = 302 if persona == "anonymous" else 200 if persona in STAFF else 404
    assert response.status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_units_own_breakdown_is_open_to_its_officer_and_head(world, client_as, opened_round, persona):
    response = client_as(persona).get(f"{round_url(opened_round)}units/{world.unit_a.code}/")
    expected = 302 if persona == "anonymous" else 200 if persona in STAFF | {"officer_a", "head_a"} else 404
    assert response.status_code == expected


def test_the_breakdown_links_every_point_to_its_evidence_and_shows_a_later_change(
    world, client_as, opened_round, measured
):
    measured.set("office_culture", world.unit_a, 70)
    page = (
        client_as("council_member")
        .get(f"{round_url(opened_round)}units/{world.unit_a.code}/")
        .content.decode()
    )
    assert f'href="/evidence/office_culture/{world.unit_a.code}"' in page
    assert f'href="/evidence/satisfaction_index/{world.unit_a.code}"' in page
    assert page.count('class="now"') == 2  # the target and the criterion bound to it
    assert not INLINE_SCRIPT.search(page) and "style=" not in page


def test_another_authoritys_district_officer_gets_404(world, client, opened_round):
    other = make_unit("t-huyen-khac", "Khác", UnitKind.DISTRICT, official_name="Ủy ban nhân dân huyện Khác")
    client.force_login(make_user("noivu-khac", Role.DISTRICT_OFFICER, other))
    assert client.get(round_url(opened_round)).status_code == 404
    figure = EvaluationFigure.objects.filter(entry__round=opened_round, kind="criterion").first()
    response = client.post(f"/awards/figures/{figure.pk}/adjust/", {"points": "1", "reason": "x"})
    assert response.status_code == 404
    figure.refresh_from_db()
    assert figure.adjusted_points is None


@pytest.mark.parametrize("persona", sorted(STAFF - {"district_officer"}) + ["officer_a", "head_a"])
def test_only_the_standing_office_adjusts_and_proposes(world, client_as, opened_round, persona):
    figure = EvaluationFigure.objects.get(entry__unit=world.unit_a, kind="criterion", code="culture")
    entry = EvaluationEntry.objects.get(round=opened_round, unit=world.unit_a)
    client = client_as(persona)
    assert (
        client.post(f"/awards/figures/{figure.pk}/adjust/", {"points": "1", "reason": "x"}).status_code == 403
    )
    assert client.post(f"/awards/entries/{entry.pk}/propose/").status_code == 403
    # the unit's own people see their entry, not the round
    expected = 404 if persona in {"officer_a", "head_a"} else 403
    assert client.post(f"/awards/rounds/{opened_round.pk}/propose/").status_code == expected
    figure.refresh_from_db()
    entry.refresh_from_db()
    opened_round.refresh_from_db()
    assert (figure.adjusted_points, entry.status, opened_round.status) == (
        None,
        EntryStatus.ASSESSED,
        RoundStatus.APPRAISAL,
    )


def test_the_standing_office_adjusts_proposes_and_sends_to_the_council_in_the_browser(
    world, client_as, opened_round
):
    client = client_as("district_officer")
    figure = EvaluationFigure.objects.get(entry__unit=world.unit_a, kind="criterion", code="culture")
    entry = EvaluationEntry.objects.get(round=opened_round, unit=world.unit_a)
    client.post(f"/awards/figures/{figure.pk}/adjust/", {"points": "15", "reason": "Kiểm tra bổ sung"})
    client.post(f"/awards/entries/{entry.pk}/propose/")
    accepted_report(world, entry, "unit_a")
    client.post(f"/awards/rounds/{opened_round.pk}/propose/")
    entry.refresh_from_db()
    opened_round.refresh_from_db()
    assert (entry.score, entry.status, opened_round.status) == (
        Decimal("70.00"),
        EntryStatus.PROPOSED,
        RoundStatus.PROPOSED,
    )


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"points": "abc", "reason": "x"},
        {"points": "1e999", "reason": "x"},
        {"points": "-1", "reason": "x"},
    ],
)
def test_a_bad_adjustment_is_refused_without_a_server_error_and_changes_nothing(
    world, client_as, opened_round, data
):
    figure = EvaluationFigure.objects.get(entry__unit=world.unit_a, kind="criterion", code="culture")
    response = client_as("district_officer").post(f"/awards/figures/{figure.pk}/adjust/", data)
    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.adjusted_points is None


def test_an_ineligible_candidate_proposed_without_a_reason_stays_out(world, client_as, opened_round):
    entry = EvaluationEntry.objects.get(round=opened_round, unit=world.unit_b)
    client_as("district_officer").post(f"/awards/entries/{entry.pk}/propose/", {"exception_reason": ""})
    entry.refresh_from_db()
    assert entry.status == EntryStatus.ASSESSED


def test_the_exception_is_shown_on_the_round_page(world, client_as, opened_round):
    entry = EvaluationEntry.objects.get(round=opened_round, unit=world.unit_b)
    client_as("district_officer").post(
        f"/awards/entries/{entry.pk}/propose/", {"exception_reason": "Được tỉnh biểu dương"}
    )
    page = client_as("viewer").get(round_url(opened_round)).content.decode()
    assert "Được tỉnh biểu dương" in page


def test_the_district_officer_opens_a_round_from_the_list(
    world, client_as, award_type, rubric, measured_world
):
    response = client_as("district_officer").post(
        "/awards/rounds/",
        {
            "campaign": world.campaign.pk,
            "year": 2021,
            "award_type": award_type.pk,
            "planned_decision_date": DECISION_DATE.isoformat(),
        },
    )
    evaluation_round = EvaluationRound.objects.get()
    assert response["Location"] == round_url(evaluation_round)
    assert evaluation_round.entries.count() == 3


@pytest.mark.parametrize(
    "data",
    [{}, {"campaign": "x", "year": "y"}, {"campaign": "999", "year": "2021", "award_type": "1"}],
)
def test_a_bad_round_opening_answers_400_and_opens_nothing(world, client_as, award_type, rubric, data):
    assert client_as("district_officer").post("/awards/rounds/", data).status_code == 400
    assert not EvaluationRound.objects.exists()


@pytest.mark.parametrize("persona", ["council_member", "chairman", "officer_a", "viewer"])
def test_only_the_district_officer_opens_a_round(world, client_as, award_type, rubric, persona):
    data = {
        "campaign": world.campaign.pk,
        "year": 2021,
        "award_type": award_type.pk,
        "planned_decision_date": "2022-02-15",
    }
    assert client_as(persona).post("/awards/rounds/", data).status_code == 403
    assert not EvaluationRound.objects.exists()


def test_the_rule_is_changed_in_the_browser_with_a_reason(world, client_as, council_rule):
    client = client_as("district_officer")
    assert client.get(f"/awards/rules/council/{council_rule.pk}/edit/").status_code == 200
    data = {
        **services_rule_data(council_rule),
        "quorum_numerator": 4,
        "quorum_denominator": 5,
        "reason": "Quy chế mới",
    }
    response = client.post(f"/awards/rules/council/{council_rule.pk}/edit/", data)
    assert response.status_code == 302
    council_rule.refresh_from_db()
    assert (council_rule.quorum_numerator, council_rule.quorum_denominator) == (4, 5)


def services_rule_data(rule):
    data = {}
    for name in services.RULE_FIELDS:
        value = getattr(rule, name)
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


@pytest.mark.parametrize("persona", ["council_member", "chairman", "officer_a", "viewer"])
def test_only_the_district_officer_changes_a_rule(world, client_as, council_rule, persona):
    data = {**services_rule_data(council_rule), "quorum_numerator": 1, "reason": "x"}
    response = client_as(persona).post(f"/awards/rules/council/{council_rule.pk}/edit/", data)
    assert response.status_code in {403, 404}
    council_rule.refresh_from_db()
    assert council_rule.quorum_numerator == 2


def test_a_rule_change_without_a_reason_answers_400(world, client_as, council_rule):
    data = {**services_rule_data(council_rule), "quorum_numerator": 1}
    response = client_as("district_officer").post(f"/awards/rules/council/{council_rule.pk}/edit/", data)
    assert response.status_code == 400
    assert CouncilRule.objects.get().quorum_numerator == 2


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_rules_page_is_for_signed_in_people(client_as, council_rule, persona):
    assert client_as(persona).get("/awards/rules/").status_code == (302 if persona == "anonymous" else 200)


def test_the_standing_office_records_and_lifts_a_flag(world, client_as):
    client = client_as("district_officer")
    response = client.post(
        "/awards/flags/",
        {
            "unit": world.unit_a.pk,
            "kind": "discipline",
            "reason": "Kỷ luật khiển trách",
            "starts_on": "2021-10-01",
        },
    )
    assert response.status_code == 302
    flag = EligibilityFlag.objects.get()
    client.post(f"/awards/flags/{flag.pk}/lift/", {"ends_on": "2021-12-31", "reason": "Hết thời hạn"})
    flag.refresh_from_db()
    assert (flag.ends_on.isoformat(), flag.lifted_reason) == ("2021-12-31", "Hết thời hạn")


@pytest.mark.parametrize("persona", ["council_member", "chairman", "officer_a", "head_a"])
def test_only_the_standing_office_records_a_flag(world, client_as, persona):
    data = {"unit": world.unit_a.pk, "kind": "discipline", "reason": "x", "starts_on": "2021-10-01"}
    assert client_as(persona).post("/awards/flags/", data).status_code == 403
    assert not EligibilityFlag.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_evaluation_endpoint_is_for_staff_before_the_decision(world, client_as, opened_round, persona):
    response = client_as(persona).get(f"/api/campaigns/{world.campaign.pk}/evaluation", {"year": 2021})
    assert response.status_code == (200 if persona in STAFF else 404)


def test_the_evaluation_endpoint_follows_the_contract(world, client_as, opened_round):
    rows = (
        client_as("council_member")
        .get(f"/api/campaigns/{world.campaign.pk}/evaluation?year=2021")
        .json()["rows"]
    )
    row = next(row for row in rows if row["unit"]["code"] == world.unit_a.code)
    assert (row["score"], row["eligible"], row["status"]) == ("65.00", True, "assessed")
    assert [criterion["code"] for criterion in row["criteria"]] == [
        "models",
        "satisfaction",
        "culture",
        "initiative",
    ]
    assert row["criteria"][1] == {
        "code": "satisfaction",
        "label": "Chỉ số hài lòng",
        "points": "15.00",
        "computed_points": "15.00",
        "adjusted_points": None,
        "adjustment_reason": "",
        "status": "met",
        "value": "95.0000",
        "evidence_url": f"/evidence/satisfaction_index/{world.unit_a.code}",
    }


def test_after_the_decision_the_evaluation_is_public(world, client, opened_round):
    EvaluationRound.objects.filter(pk=opened_round.pk).update(status=RoundStatus.DECIDED)
    response = client.get(f"/api/campaigns/{world.campaign.pk}/evaluation?year=2021")
    assert (response.status_code, len(response.json()["rows"])) == (200, 3)


@pytest.mark.parametrize("query", ["", "?year=abc", "?year=99999999999999999999", "?year=1999"])
def test_bad_years_answer_a_4xx_with_a_detail(world, client_as, opened_round, query):
    response = client_as("district_officer").get(f"/api/campaigns/{world.campaign.pk}/evaluation{query}")
    assert response.status_code in {404, 422}
    assert response.json()["detail"]
