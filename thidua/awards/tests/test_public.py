"""After the decision: the public list, the public API, the "why" breakdown, the decision download, award
history on the unit page and the start-page work of each role."""

import pytest
from django.test import Client

from conftest import PERSONAS
from thidua.awards.models import AwardDecision, EvaluationEntry
from thidua.awards.tests.conftest import DECISION_DATE

pytestmark = pytest.mark.django_db


def test_the_awarded_units_are_listed_publicly_with_their_decision(world, client, decided_round):
    decision = AwardDecision.objects.get()
    page = client.get("/awards/awarded/2021/").content.decode()
    assert world.unit_a.official_name in page and decision.number in page
    assert world.unit_b.official_name not in page.split("<table")[1].split("</table>")[0]
    # unit B was proposed by exception and not awarded: the exception stays public
    assert "Mô hình được tỉnh công nhận đầu năm 2022" in page


def test_the_public_list_without_a_year_shows_the_latest(client, decided_round):
    assert client.get("/awards/awarded/").context["year"] == 2021


def test_the_awards_endpoint_follows_the_contract(world, client, decided_round):
    decision = AwardDecision.objects.get()
    items = client.get("/api/awards?year=2021").json()
    assert items == [
        {
            "unit": {"code": world.unit_a.code, "name": world.unit_a.official_name},
            "award": {"code": "giay-khen-tap-the-chuyen-de", "label": decided_round.award_type.label},
            "campaign": {"id": world.campaign.pk, "number": "47/KH-UBND"},
            "decision": {
                "number": decision.number,
                "date": DECISION_DATE.isoformat(),
                "document_url": f"/awards/decisions/{decision.pk}/quyet-dinh.docx",
            },
            "register_number": 1,
            "score": "65.00",
            "breakdown_url": f"/awards/rounds/{decided_round.pk}/units/{world.unit_a.code}/",
            "corrections": [],  # the amending or revoking decisions, when there are any
        }
    ]
    assert client.get("/api/awards?year=2022").json() == []


@pytest.mark.parametrize("query", ["", "?year=x", "?year=99999999999999999999"])
def test_the_awards_endpoint_refuses_a_bad_year_with_422(client, query):
    response = client.get(f"/api/awards{query}")
    assert response.status_code == 422 and response.json()["detail"]


def test_the_why_link_opens_the_frozen_breakdown_to_everyone_after_the_decision(world, client, decided_round):
    response = client.get(f"/awards/rounds/{decided_round.pk}/units/{world.unit_a.code}/")
    assert response.status_code == 200
    assert f'href="/evidence/reform_models/{world.unit_a.code}"' in response.content.decode()
    evaluation = client.get(f"/api/campaigns/{world.campaign.pk}/evaluation?year=2021")
    assert evaluation.status_code == 200


def test_before_the_decision_the_breakdown_sends_a_visitor_to_sign_in(world, client, opened_round):
    response = client.get(f"/awards/rounds/{opened_round.pk}/units/{world.unit_a.code}/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_decision_downloads_as_docx_for_everyone(client, decided_round):
    decision = AwardDecision.objects.get()
    response = client.get(f"/awards/decisions/{decision.pk}/quyet-dinh.docx")
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_the_unit_page_shows_its_award_history(world, client_as, decided_round):
    page = client_as("head_a").get(f"/units/{world.unit_a.code}/").content.decode()
    decision = AwardDecision.objects.get()
    assert decision.number in page and decided_round.award_type.label in page
    other = client_as("head_b").get(f"/units/{world.unit_b.code}/").content.decode()
    assert decision.number not in other


def test_the_history_keeps_the_name_a_unit_had_after_it_merged(world, client_as, decided_round):
    from conftest import make_unit
    from thidua.organizations.models import UnitKind

    successor = make_unit("t-xa-moi", "Long Phú mới", UnitKind.COMMUNE_COMMITTEE, world.district)
    world.unit_a.successors.add(successor)
    client = client_as("district_officer")
    page = client.get(f"/units/{successor.code}/").content.decode()
    assert world.unit_a.official_name in page


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_awards_pages_answer_every_role_without_a_server_error(world, client_as, decided_round, persona):
    client = client_as(persona)
    for url in [
        "/awards/awarded/",
        "/awards/awarded/2021/",
        "/awards/rounds/",
        f"/awards/rounds/{decided_round.pk}/",
    ]:
        assert client.get(url).status_code in {200, 302, 403, 404}, url


def test_the_start_page_shows_each_role_its_waiting_work(world, client_as, proposed_round):
    from datetime import date

    from thidua.awards import services
    from thidua.awards.models import Attendance

    officer = world.user("district_officer")
    session = services.session_create(
        actor=officer, evaluation_round=proposed_round, held_on=date(2022, 1, 20), place="Phòng họp"
    )
    services.attendance_record(
        actor=officer,
        session=session,
        attendance={member.pk: Attendance.PRESENT for member in session.members.all()},
    )
    services.session_open_vote(actor=officer, session=session)
    member_home = client_as("council_member").get("/").content.decode()
    assert f'href="/awards/sessions/{session.pk}/"' in member_home
    officer_home = client_as("district_officer").get("/").content.decode()
    assert f'href="/awards/rounds/{proposed_round.pk}/"' in officer_home
    assert f'href="/awards/sessions/{session.pk}/"' not in client_as("officer_a").get("/").content.decode()


def test_the_chairman_sees_the_proposal_waiting_for_approval(world, client_as, voted_round):
    from datetime import date

    from thidua.awards import services

    services.proposal_submit(
        actor=world.user("district_officer"), evaluation_round=voted_round, day=date(2022, 2, 1)
    )
    home = client_as("chairman").get("/").content.decode()
    assert f'href="/awards/rounds/{voted_round.pk}/"' in home
    assert EvaluationEntry.objects.filter(round=voted_round).count() == 3
    assert Client().get("/").status_code == 200


def test_the_units_proposed_to_the_council_and_their_exceptions_are_public_before_the_decision(
    world, client, proposed_round
):
    page = client.get("/awards/awarded/2021/").content.decode()
    assert world.unit_a.official_name in page and world.unit_b.official_name in page
    assert "Mô hình được tỉnh công nhận đầu năm 2022" in page
    assert world.agency.official_name not in page


def test_a_round_still_in_appraisal_is_not_public(world, client, opened_round):
    page = client.get("/awards/awarded/2021/").content.decode()
    assert world.unit_a.official_name not in page
