"""The council and the award workflow tell the people who act next, once (thidua/awards/announcements.py)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from thidua.awards import services
from thidua.awards.models import Attendance
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db


def told(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_calling_the_council_and_opening_the_vote_tell_its_members(
    world, proposed_round, council, django_capture_on_commit_callbacks
):
    officer = world.user("district_officer")
    with django_capture_on_commit_callbacks(execute=True):
        session = services.session_create(
            actor=officer, evaluation_round=proposed_round, held_on=date(2022, 1, 20), place="Phòng họp"
        )
    members = {user.username for user in council}
    assert told("awards.session") == members
    absent = world.user("hoidong4")
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_record(
            actor=officer,
            session=session,
            attendance={
                member.pk: Attendance.ABSENT if member.user == absent else Attendance.PRESENT
                for member in session.members.all()
            },
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.session_open_vote(actor=officer, session=session)
    assert told("awards.vote") == members - {"hoidong4"}
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.session_open_vote(actor=officer, session=session)  # open already: refused
    assert Notification.objects.filter(kind="awards.vote").count() == len(members) - 1


def test_the_proposal_tells_the_chairman_and_the_decision_the_office(
    world, voted_round, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_submit(
            actor=world.user("district_officer"), evaluation_round=voted_round, day=date(2022, 2, 1)
        )
    assert told("awards.approval") == {"chairman"}
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_approve(
            actor=world.user("chairman"), evaluation_round=voted_round, day=date(2022, 2, 5)
        )
    assert told("awards.decided") == {"district_officer"}
