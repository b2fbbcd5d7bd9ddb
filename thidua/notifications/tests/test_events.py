"""Each transition that makes something wait for a person, return to them or be decided tells them exactly once;
a refused transition tells nobody."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from thidua.core.events import Event, Reason, announce
from thidua.initiatives import services as models_services
from thidua.initiatives.tests.conftest import ALL_MEET, ONE_FAILS, model_at_status
from thidua.inspections import services as inspection_services
from thidua.inspections.models import InspectionKind
from thidua.inspections.tests.conftest import checklist_build, inspection_at_status, items_of
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db


def told(world, persona: str) -> list[tuple[str, str]]:
    return list(
        Notification.objects.filter(recipient=world.user(persona))
        .order_by("id")
        .values_list("kind", "reason")
    )


def everyone(world) -> dict[str, int]:
    return {
        persona: Notification.objects.filter(recipient=world.user(persona)).count() for persona in world.users
    }


def test_a_model_sent_to_the_head_tells_the_head_once_and_nobody_else(world, committed):
    model = model_at_status(world, "draft")
    with committed():
        models_services.model_send_to_head(actor=world.user("officer_a"), model=model)
    assert told(world, "head_a") == [("initiatives.model_to_approve", "waiting")]
    notification = Notification.objects.get(recipient=world.user("head_a"))
    assert notification.url == f"/reform-models/{model.pk}/"
    assert notification.unit == world.unit_a
    assert model.title in notification.title
    assert {persona: count for persona, count in everyone(world).items() if count} == {"head_a": 1}


def test_the_workflow_tells_each_next_person_in_turn(world, committed):
    model = model_at_status(world, "draft")
    officer, head, district = (world.user(p) for p in ("officer_a", "head_a", "district_officer"))
    with committed():
        models_services.model_send_to_head(actor=officer, model=model)
    with committed():
        models_services.model_head_return(actor=head, model=model, reason="Bổ sung số liệu")
    with committed():
        models_services.model_send_to_head(actor=officer, model=model)  # a second time: told again
    with committed():
        models_services.model_submit(actor=head, model=model)
    with committed():
        models_services.model_return(
            actor=district, model=model, criteria=ONE_FAILS, reason="Thiếu minh chứng"
        )
    assert told(world, "head_a") == [
        ("initiatives.model_to_approve", "waiting"),
        ("initiatives.model_to_approve", "waiting"),
        ("initiatives.model_returned", "returned"),
    ]
    assert told(world, "officer_a") == [
        ("initiatives.model_returned", "returned"),
        ("initiatives.model_returned", "returned"),
    ]
    assert told(world, "district_officer") == [("initiatives.model_to_appraise", "waiting")]
    assert told(world, "officer_b") == told(world, "head_b") == []


def test_a_refused_transition_tells_nobody_and_changes_nothing(world, committed):
    model = model_at_status(world, "draft")
    with committed(), pytest.raises(ValidationError):
        models_services.model_submit(actor=world.user("head_a"), model=model)  # not sent to the head yet
    with committed(), pytest.raises(ValidationError):
        models_services.model_approve(actor=world.user("district_officer"), model=model, criteria=ALL_MEET)
    model.refresh_from_db()
    assert model.status == "draft"
    assert Notification.objects.count() == 0


def test_the_same_event_key_told_twice_is_one_notification(world, committed):
    event = Event(
        kind="test.kind",
        reason=Reason.WAITING,
        recipients=(world.user("head_a").pk, world.user("head_b").pk),
        title="Việc chờ xử lý",
        url="/",
        key="test:1",
    )
    with committed():
        announce(event)
    with committed():
        announce(event)
    assert Notification.objects.filter(key="test:1").count() == 2  # one per recipient, not per telling


def test_the_actor_is_not_told_of_their_own_step(world, committed):
    from thidua.organizations import services as org_services
    from thidua.organizations.models import Role

    officer = world.user("officer_a")
    org_services.membership_grant(actor=None, user=officer, unit=world.unit_a, role=Role.UNIT_HEAD)
    model = model_at_status(world, "draft")
    with committed():
        models_services.model_send_to_head(actor=officer, model=model)
    assert told(world, "officer_a") == []
    assert told(world, "head_a") == [("initiatives.model_to_approve", "waiting")]


def test_inspections_tell_the_reviewer_the_team_and_the_unit(world, committed):
    checklist = checklist_build()
    items = items_of(checklist)
    inspector, district = world.user("inspector"), world.user("district_officer")
    inspection = inspection_at_status(
        world, checklist, answers={"flag": "fail", "card": "pass", "smoking": "pass"}
    )
    with committed():
        inspection_services.inspection_submit(actor=inspector, inspection=inspection)
    assert told(world, "district_officer") == [("inspections.to_review", "waiting")]
    with committed():
        inspection_services.inspection_return(actor=district, inspection=inspection, reason="Thiếu ảnh")
    assert told(world, "inspector") == [("inspections.to_record", "returned")]
    with committed():
        inspection_services.inspection_submit(actor=inspector, inspection=inspection)
    with committed():
        inspection_services.inspection_review(actor=district, inspection=inspection)
    assert told(world, "inspector")[-1] == ("inspections.reviewed", "done")
    finding = inspection.findings.get(item=items["flag"])
    with committed():
        remediation = inspection_services.remediation_open(
            actor=district, finding=finding, owner="Văn phòng", due_date=date(2021, 7, 1)
        )
    assert told(world, "officer_a") == told(world, "head_a") == [("inspections.remediation_due", "waiting")]
    assert told(world, "officer_b") == told(world, "head_b") == []
    self_inspection = inspection_at_status(
        world,
        checklist,
        kind=InspectionKind.SELF,
        answers={"flag": "pass", "card": "pass", "smoking": "pass"},
    )
    with committed():
        inspection_services.inspection_submit(actor=world.user("officer_a"), inspection=self_inspection)
    assert told(world, "head_a")[-1] == ("inspections.to_review", "waiting")
    assert remediation.pk


def test_registrations_tell_the_head_then_the_officer(world, committed):
    from thidua.campaigns import services as campaign_services
    from thidua.campaigns.models import Registration

    officer = world.user("officer_a")
    Registration.objects.filter(unit=world.unit_a, year=2022).delete()
    registration = campaign_services.registration_save(
        actor=officer, campaign=world.campaign, unit=world.unit_a, year=2022, commitment="Cam kết"
    )
    with committed():
        campaign_services.registration_submit(actor=officer, registration=registration)
    assert told(world, "head_a") == [("campaigns.registration_to_confirm", "waiting")]
    with committed():
        campaign_services.registration_return(
            actor=world.user("head_a"), registration=registration, reason="Sai"
        )
    assert told(world, "officer_a") == [("campaigns.registration_returned", "returned")]
