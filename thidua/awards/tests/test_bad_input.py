"""Random form data and query strings never make an awards page or endpoint fail with a server error, and a
refused post changes nothing."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.awards.models import Ballot, EvaluationEntry, EvaluationFigure, VoteReceipt

pytestmark = pytest.mark.django_db

values = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["-1", "0", "1e999", "NaN", "99999999999999999999", "2021-02-30", "agree", "\x00", "%"]),
)
form = st.dictionaries(
    st.sampled_from(
        ["points", "reason", "evidence_url", "exception_reason", "day", "held_on", "place", "side"]
    ),
    values,
    max_size=4,
)
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SLOW
@given(data=form)
def test_random_posts_to_the_rounds_actions_answer_without_a_server_error(
    world, client_as, opened_round, data
):
    client = client_as("district_officer")
    figure = EvaluationFigure.objects.filter(entry__round=opened_round, kind="criterion").first()
    entry = EvaluationEntry.objects.filter(round=opened_round, eligible=False).first()
    before = (figure.adjusted_points, entry.status)
    for url in [
        f"/awards/figures/{figure.pk}/adjust/",
        f"/awards/entries/{entry.pk}/propose/"
        if not data.get("exception_reason", "").strip()
        else "/awards/rounds/",
        f"/awards/rounds/{opened_round.pk}/submit/",
        f"/awards/rounds/{opened_round.pk}/approve/",
        f"/awards/rounds/{opened_round.pk}/sessions/new/",
        "/awards/flags/",
        "/awards/rounds/",
    ]:
        assert client.post(url, data).status_code < 500, url
    figure.refresh_from_db()
    entry.refresh_from_db()
    if not data.get("reason", "").strip():
        assert before[0] == figure.adjusted_points
    assert entry.status == before[1]


@SLOW
@given(data=st.dictionaries(st.text(max_size=20), values, max_size=4))
def test_a_random_ballot_sheet_is_refused_without_a_server_error(world, client_as, proposed_round, data):
    from datetime import date

    from thidua.awards import services
    from thidua.awards.models import Attendance, CouncilSession

    session = CouncilSession.objects.filter(round=proposed_round).first()
    if session is None:
        officer = world.user("district_officer")
        session = services.session_create(
            actor=officer, evaluation_round=proposed_round, held_on=date(2022, 1, 20), place="x"
        )
        services.attendance_record(
            actor=officer,
            session=session,
            attendance={member.pk: Attendance.PRESENT for member in session.members.all()},
        )
        services.session_open_vote(actor=officer, session=session)
    response = client_as("council_member").post(f"/awards/sessions/{session.pk}/vote/", data)
    assert response.status_code < 500
    assert (Ballot.objects.count(), VoteReceipt.objects.count()) == (0, 0)


@SLOW
@given(query=st.dictionaries(st.sampled_from(["year", "page", "q", "format"]), values, max_size=3))
def test_random_query_strings_never_fail(world, client_as, decided_round, query):
    client = client_as("viewer")
    for url in [
        "/awards/rounds/",
        f"/awards/rounds/{decided_round.pk}/",
        "/awards/awarded/",
        "/api/awards",
        f"/api/campaigns/{world.campaign.pk}/evaluation",
    ]:
        assert client.get(url, query).status_code in {200, 404, 422}, (url, query)
