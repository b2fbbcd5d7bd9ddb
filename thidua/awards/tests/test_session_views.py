"""Council session pages: who sees and does what, the vote on the page, bad input, and secrecy on the page."""

import re

import pytest
from django.test import Client
from django.utils.translation import gettext as _

from conftest import PERSONAS
from thidua.awards.models import (
    Attendance,
    Ballot,
    CouncilSession,
    EvaluationEntry,
    SessionStatus,
    VoteReceipt,
)

pytestmark = pytest.mark.django_db

# A script element without a src (the CSP allows only the product's own files).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)")

STAFF = {"district_officer", "inspector", "council_member", "chairman", "viewer"}


@pytest.fixture
def session(world, client_as, proposed_round):
    client_as("district_officer").post(
        f"/awards/rounds/{proposed_round.pk}/sessions/new/",
        {"held_on": "2022-01-20", "place": "Hội trường UBND huyện"},
    )
    return CouncilSession.objects.get()


def everyone_present(client, session):
    data = {f"attendance-{member.pk}": Attendance.PRESENT for member in session.members.all()}
    client.post(f"/awards/sessions/{session.pk}/attendance/", data)


def sheet(world, session, a="agree", b="agree"):
    entries = {entry.unit_id: entry.pk for entry in EvaluationEntry.objects.filter(round=session.round)}
    return {f"choice-{entries[world.unit_a.pk]}": a, f"choice-{entries[world.unit_b.pk]}": b}


@pytest.fixture
def voting(world, client_as, session):
    officer = client_as("district_officer")
    everyone_present(officer, session)
    officer.post(f"/awards/sessions/{session.pk}/open/")
    session.refresh_from_db()
    assert session.status == SessionStatus.VOTING
    return session


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_session_page_is_for_the_authoritys_staff(client_as, session, persona):
    response = client_as(persona).get(f"/awards/sessions/{session.pk}/")
    assert response.status_code == (302 if persona == "anonymous" else 200 if persona in STAFF else 404)


@pytest.mark.parametrize("persona", sorted(STAFF - {"district_officer"}))
def test_only_the_standing_office_calls_the_council_and_opens_the_vote(
    world, client_as, proposed_round, persona
):
    client = client_as(persona)
    response = client.post(
        f"/awards/rounds/{proposed_round.pk}/sessions/new/", {"held_on": "2022-01-20", "place": "x"}
    )
    assert response.status_code == 403
    assert not CouncilSession.objects.exists()


@pytest.mark.parametrize(
    "data", [{}, {"held_on": "31/02/2022", "place": "x"}, {"held_on": "2022-01-20", "place": " "}]
)
def test_a_bad_session_is_refused_with_400(world, client_as, proposed_round, data):
    response = client_as("district_officer").post(f"/awards/rounds/{proposed_round.pk}/sessions/new/", data)
    assert response.status_code == 400
    assert not CouncilSession.objects.exists()


def test_a_member_votes_on_the_page_once_and_the_page_shows_no_choice(world, client_as, voting):
    member = client_as("council_member")
    page = member.get(f"/awards/sessions/{voting.pk}/").content.decode()
    assert 'type="radio"' in page and not INLINE_SCRIPT.search(page) and "style=" not in page
    member.post(f"/awards/sessions/{voting.pk}/vote/", sheet(world, voting, "agree", "disagree"))
    member.post(f"/awards/sessions/{voting.pk}/vote/", sheet(world, voting, "disagree", "agree"))
    assert (Ballot.objects.count(), VoteReceipt.objects.count()) == (2, 1)
    after = member.get(f"/awards/sessions/{voting.pk}/").content.decode()
    assert 'type="radio"' not in after
    officer_page = client_as("district_officer").get(f"/awards/sessions/{voting.pk}/").content.decode()
    assert f"<h2>{_('Results')}</h2>" not in officer_page


@pytest.mark.parametrize("persona", ["district_officer", "viewer", "inspector"])
def test_staff_who_are_not_members_cannot_vote(world, client_as, voting, persona):
    response = client_as(persona).post(f"/awards/sessions/{voting.pk}/vote/", sheet(world, voting))
    assert response.status_code in {302, 403}
    assert Ballot.objects.count() == 0


@pytest.mark.parametrize("choice", ["", "yes", "agree'--"])
def test_a_bad_choice_records_nothing(world, client_as, voting, choice):
    client_as("council_member").post(
        f"/awards/sessions/{voting.pk}/vote/", sheet(world, voting, choice, "agree")
    )
    assert (Ballot.objects.count(), VoteReceipt.objects.count()) == (0, 0)


def test_the_chair_closes_the_vote_and_the_results_are_shown(world, client_as, voting):
    for username in ["chairman", "council_member", "hoidong2"]:
        client = Client()
        client.force_login(world.user(username))
        client.post(f"/awards/sessions/{voting.pk}/vote/", sheet(world, voting, "agree", "disagree"))
    client_as("council_member").post(f"/awards/sessions/{voting.pk}/close/")
    voting.refresh_from_db()
    assert voting.status == SessionStatus.VOTING  # an ordinary member does not close the vote
    client_as("chairman").post(f"/awards/sessions/{voting.pk}/close/")
    voting.refresh_from_db()
    assert voting.status == SessionStatus.CLOSED
    page = client_as("viewer").get(f"/awards/sessions/{voting.pk}/").content.decode()
    # three of all five members agreed with unit A, none with unit B
    assert _("%(percent)s%% of %(base)s") % {"percent": "60", "base": 5} in page
    assert _("%(percent)s%% of %(base)s") % {"percent": "0", "base": 5} in page
