"""The council session: members, attendance and quorum, the vote (secret or named), the count by the frozen rule."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from thidua.awards import services
from thidua.awards.models import (
    Attendance,
    Ballot,
    CouncilSession,
    EvaluationEntry,
    EvaluationRound,
    NamedVote,
    RoundStatus,
    SessionMember,
    SessionResult,
    SessionStatus,
    VoteReceipt,
)
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def make_session(world, evaluation_round):
    return services.session_create(
        actor=world.user("district_officer"),
        evaluation_round=evaluation_round,
        held_on=date(2022, 1, 20),
        place="Phòng họp UBND huyện",
    )


def attend(world, session, absent=(), written=()):
    attendance = {}
    for member in session.members.select_related("user"):
        name = member.user.username
        attendance[member.pk] = (
            Attendance.ABSENT_WRITTEN
            if name in written
            else Attendance.ABSENT
            if name in absent
            else Attendance.PRESENT
        )
    services.attendance_record(actor=world.user("district_officer"), session=session, attendance=attendance)


def open_vote(world, session, **attendance):
    attend(world, session, **attendance)
    return services.session_open_vote(actor=world.user("district_officer"), session=session)


def entries(world, evaluation_round):
    return {
        "a": EvaluationEntry.objects.get(round=evaluation_round, unit=world.unit_a),
        "b": EvaluationEntry.objects.get(round=evaluation_round, unit=world.unit_b),
    }


def vote(world, session, username, a, b):
    candidates = entries(world, session.round)
    services.vote_cast(
        actor=world.user(username), session=session, choices={candidates["a"].pk: a, candidates["b"].pk: b}
    )


def set_rule(evaluation_round, **changes):
    EvaluationRound.objects.filter(pk=evaluation_round.pk).update(
        rule_snapshot={**evaluation_round.rule_snapshot, **changes}
    )
    evaluation_round.refresh_from_db()


def results(session):
    return {
        result.entry.unit.code: (result.agree, result.base, result.result)
        for result in SessionResult.objects.filter(session=session).select_related("entry__unit")
    }


def test_the_members_are_the_council_roles_of_the_authority_with_the_chairman_in_the_chair(
    world, proposed_round
):
    session = make_session(world, proposed_round)
    members = {member.user.username: member.is_chair for member in session.members.select_related("user")}
    assert members == {
        "chairman": True,
        "council_member": False,
        "hoidong2": False,
        "hoidong3": False,
        "hoidong4": False,
    }


def test_a_session_needs_the_candidates_proposed(world, opened_round, council):
    with pytest.raises(ValidationError):
        make_session(world, opened_round)
    assert not CouncilSession.objects.exists()


@pytest.mark.parametrize(("absent", "opens"), [(("hoidong4",), True), (("hoidong3", "hoidong4"), False)])
def test_the_vote_opens_only_with_the_quorum_of_the_frozen_rule(world, proposed_round, absent, opens):
    # two thirds of five: four present is 12 ≥ 10; three present is 9 < 10
    session = make_session(world, proposed_round)
    attend(world, session, absent=absent)
    if opens:
        services.session_open_vote(actor=world.user("district_officer"), session=session)
    else:
        with pytest.raises(ValidationError):
            services.session_open_vote(actor=world.user("district_officer"), session=session)
    session.refresh_from_db()
    assert session.status == (SessionStatus.VOTING if opens else SessionStatus.PLANNED)


def test_the_vote_waits_for_every_members_attendance(world, proposed_round):
    session = make_session(world, proposed_round)
    with pytest.raises(ValidationError):
        services.session_open_vote(actor=world.user("district_officer"), session=session)
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def test_nobody_votes_before_the_vote_opens_or_after_it_closes(world, proposed_round):
    session = make_session(world, proposed_round)
    attend(world, session)
    with pytest.raises(ValidationError):
        vote(world, session, "council_member", "agree", "agree")
    services.session_open_vote(actor=world.user("district_officer"), session=session)
    services.session_close(actor=world.user("chairman"), session=session)
    with pytest.raises(ValidationError):
        vote(world, session, "council_member", "agree", "agree")
    assert (Ballot.objects.count(), VoteReceipt.objects.count()) == (0, 0)


@pytest.mark.parametrize("username", ["officer_a", "district_officer", "viewer", "hoidong4"])
def test_only_a_member_present_votes(world, proposed_round, username):
    session = open_vote(world, make_session(world, proposed_round), absent=("hoidong4",))
    with pytest.raises(ValidationError):
        vote(world, session, username, "agree", "agree")
    assert (Ballot.objects.count(), VoteReceipt.objects.count()) == (0, 0)


def test_a_member_votes_once(world, proposed_round):
    session = open_vote(world, make_session(world, proposed_round))
    vote(world, session, "council_member", "agree", "disagree")
    with pytest.raises(ValidationError):
        vote(world, session, "council_member", "disagree", "agree")
    assert (Ballot.objects.count(), VoteReceipt.objects.count()) == (2, 1)


@pytest.mark.parametrize("sheet", ["empty", "partial", "extra", "bad-choice"])
def test_a_ballot_sheet_must_give_one_valid_choice_per_candidate(world, proposed_round, sheet):
    session = open_vote(world, make_session(world, proposed_round))
    candidates = entries(world, proposed_round)
    choices = {
        "partial": {candidates["a"].pk: "agree"},
        "extra": {candidates["a"].pk: "agree", candidates["b"].pk: "agree", 999999: "agree"},
        "bad-choice": {candidates["a"].pk: "agree", candidates["b"].pk: "yes"},
    }.get(sheet, {})
    with pytest.raises(ValidationError):
        services.vote_cast(actor=world.user("council_member"), session=session, choices=choices)
    assert (Ballot.objects.count(), VoteReceipt.objects.count()) == (0, 0)


def field_kinds(model):
    return {field.name: type(field) for field in model._meta.get_fields() if hasattr(field, "column")}


def test_a_stored_ballot_carries_nothing_that_leads_to_its_voter():
    fields = field_kinds(Ballot)
    assert set(fields) == {"id", "session", "entry", "choice"}
    assert fields["id"] is models.UUIDField
    assert not any(issubclass(kind, models.DateTimeField | models.DateField) for kind in fields.values())


def test_the_has_voted_record_carries_no_candidate_no_choice_and_no_time():
    fields = field_kinds(VoteReceipt)
    assert set(fields) == {"id", "session", "member"}
    assert fields["id"] is models.UUIDField


def test_neither_the_trail_nor_the_ballots_tie_a_choice_to_a_member(world, proposed_round):
    session = open_vote(world, make_session(world, proposed_round))
    vote(world, session, "council_member", "agree", "disagree")
    vote(world, session, "hoidong2", "disagree", "abstain")
    before_close = set(Ballot.objects.values_list("id", flat=True))
    services.session_close(actor=world.user("chairman"), session=session)
    cast_entries = AuditEntry.objects.filter(action="award.vote_cast")
    assert [entry.data for entry in cast_entries] == [{}, {}]
    trail = " ".join(str(entry.data) + entry.target_label for entry in AuditEntry.objects.all())
    assert "agree" not in trail.replace("'chair_agrees'", "")
    assert not NamedVote.objects.exists()
    # the ballots were written again with new random keys when the session closed
    after_close = set(Ballot.objects.values_list("id", flat=True))
    assert len(after_close) == 4 and not before_close & after_close
    assert sorted(Ballot.objects.values_list("choice", flat=True)) == [
        "abstain",
        "agree",
        "disagree",
        "disagree",
    ]


def test_the_count_follows_the_frozen_threshold_on_all_members(world, proposed_round):
    # more than half of all five members: 3 passes, 2 fails
    session = open_vote(world, make_session(world, proposed_round), absent=("hoidong4",))
    vote(world, session, "chairman", "agree", "agree")
    vote(world, session, "council_member", "agree", "agree")
    vote(world, session, "hoidong2", "agree", "disagree")
    vote(world, session, "hoidong3", "abstain", "disagree")
    services.session_close(actor=world.user("chairman"), session=session)
    assert results(session) == {world.unit_a.code: (3, 5, "passed"), world.unit_b.code: (2, 5, "failed")}
    proposed_round.refresh_from_db()
    assert proposed_round.status == RoundStatus.VOTED
    result = SessionResult.objects.get(session=session, entry__unit=world.unit_a)
    assert (result.valid, result.disagree, result.abstain, result.percent) == (4, 0, 1, "60")


def test_a_named_tie_goes_to_the_chairs_side(world, proposed_round):
    set_rule(proposed_round, voting_method="show_of_hands", vote_denominator="present")
    session = open_vote(world, make_session(world, proposed_round), absent=("hoidong4",))
    vote(world, session, "chairman", "agree", "disagree")
    vote(world, session, "council_member", "agree", "agree")
    vote(world, session, "hoidong2", "disagree", "agree")
    vote(world, session, "hoidong3", "disagree", "disagree")
    services.session_close(actor=world.user("chairman"), session=session)
    # two of four present for each: exactly half on a "more than half" rule is a tie, settled by the chair
    assert results(session) == {world.unit_a.code: (2, 4, "passed"), world.unit_b.code: (2, 4, "failed")}
    assert NamedVote.objects.filter(session=session).count() == 8


def test_a_secret_tie_waits_for_the_chair_to_state_his_side(world, proposed_round):
    set_rule(proposed_round, vote_denominator="present")
    session = open_vote(world, make_session(world, proposed_round), absent=("hoidong4",))
    for username, a in [
        ("chairman", "agree"),
        ("council_member", "agree"),
        ("hoidong2", "disagree"),
        ("hoidong3", "abstain"),
    ]:
        vote(world, session, username, a, "agree")
    services.session_close(actor=world.user("chairman"), session=session)
    assert results(session)[world.unit_a.code] == (2, 4, "tie")
    proposed_round.refresh_from_db()
    assert proposed_round.status == RoundStatus.PROPOSED
    tied = SessionResult.objects.get(session=session, entry__unit=world.unit_a)
    with pytest.raises(ValidationError):
        services.tie_settle_by_chair(actor=world.user("council_member"), result=tied, agrees=True)
    tied.refresh_from_db()
    assert tied.result == "tie"
    services.tie_settle_by_chair(actor=world.user("chairman"), result=tied, agrees=True)
    tied.refresh_from_db()
    proposed_round.refresh_from_db()
    assert (tied.result, tied.tie_settled_by_chair, proposed_round.status) == (
        "passed",
        True,
        RoundStatus.VOTED,
    )


def test_written_opinions_of_absent_members_count_when_the_rule_says_so(world, proposed_round):
    set_rule(proposed_round, vote_denominator="present_written")
    session = make_session(world, proposed_round)
    attend(world, session, written=("hoidong4",))
    absent = SessionMember.objects.get(session=session, user__username="hoidong4")
    candidates = entries(world, proposed_round)
    services.written_opinion_record(
        actor=world.user("district_officer"),
        session=session,
        member=absent,
        choices={candidates["a"].pk: "agree", candidates["b"].pk: "disagree"},
    )
    services.session_open_vote(actor=world.user("district_officer"), session=session)
    vote(world, session, "chairman", "agree", "agree")
    vote(world, session, "council_member", "agree", "disagree")
    vote(world, session, "hoidong2", "disagree", "agree")
    vote(world, session, "hoidong3", "disagree", "disagree")
    services.session_close(actor=world.user("chairman"), session=session)
    # A: 2 present + 1 written = 3 of 5 → passed; B: 2 of 5 → failed
    assert results(session) == {world.unit_a.code: (2, 5, "passed"), world.unit_b.code: (2, 5, "failed")}
    assert SessionResult.objects.get(session=session, entry__unit=world.unit_a).written_agree == 1
