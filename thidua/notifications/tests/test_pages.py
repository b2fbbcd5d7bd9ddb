"""The bell, the list, mark as read and the e-mail settings: for every role, one's own notifications only."""

import pytest

from conftest import PERSONAS
from thidua.core.events import Event, Reason, announce
from thidua.core.models import AuditEntry
from thidua.notifications.models import EmailMode, Notification, NotificationPreference

pytestmark = pytest.mark.django_db

PAGES = ["/notifications/", "/notifications/?unread=1", "/notifications/settings/"]


def tell(world, committed, persona: str, key: str, title: str = "Mô hình chờ phê duyệt", url: str = "/"):
    with committed():
        announce(
            Event(
                kind="initiatives.model_to_approve",
                reason=Reason.WAITING,
                recipients=(world.user(persona).pk,),
                title=title,
                url=url,
                key=key,
                unit_id=world.unit_a.pk,
            )
        )
    return Notification.objects.get(recipient=world.user(persona), key=key)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_role_reaches_its_own_notification_pages(client_as, persona):
    client = client_as(persona)
    for page in PAGES:
        response = client.get(page)
        if persona == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), page
        else:
            assert response.status_code == 200, page


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_the_bell_shows_the_unread_count_as_a_plain_link(world, committed, client_as, persona):
    tell(world, committed, persona, "k:1")
    tell(world, committed, persona, "k:2")
    page = client_as(persona).get("/").content.decode()
    assert 'class="bell" href="/notifications/"' in page
    assert '<span class="bell-count">2' in page
    assert "<script" not in page.split('class="bell"')[1].split("</a>")[0]


def test_the_bell_has_no_count_when_all_is_read(world, client_as):
    page = client_as("head_a").get("/").content.decode()
    assert 'class="bell" href="/notifications/"' in page
    assert "bell-count" not in page


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(world, committed, client_as):
    notification = tell(world, committed, "head_a", "k:open", url="/reform-models/")
    client = client_as("head_a")
    assert client.get(f"/notifications/{notification.pk}/open/").status_code == 405
    response = client.post(f"/notifications/{notification.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/reform-models/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_one_and_mark_all_as_read(world, committed, client_as):
    first = tell(world, committed, "head_a", "k:a", title="Việc thứ nhất")
    second = tell(world, committed, "head_a", "k:b", title="Việc thứ hai")
    third = tell(world, committed, "head_a", "k:c", title="Việc thứ ba")
    client = client_as("head_a")
    assert client.post(f"/notifications/{first.pk}/read/").status_code == 302
    assert set(Notification.objects.filter(read_at__isnull=True).values_list("pk", flat=True)) == {
        second.pk,
        third.pk,
    }
    unread_page = client.get("/notifications/?unread=1").content.decode()
    assert "Việc thứ hai" in unread_page and "Việc thứ nhất" not in unread_page
    assert client.post("/notifications/read-all/").status_code == 302
    assert Notification.objects.filter(read_at__isnull=True).count() == 0


def test_another_persons_notification_answers_404_and_stays_unread(world, committed, client_as):
    notification = tell(world, committed, "head_a", "k:private", title="Việc riêng của Chủ tịch thị trấn")
    client = client_as("head_b")
    for action in ("open", "read"):
        assert client.post(f"/notifications/{notification.pk}/{action}/").status_code == 404
    assert "Việc riêng" not in client.get("/notifications/").content.decode()
    client.post("/notifications/read-all/")
    notification.refresh_from_db()
    assert notification.read_at is None


def test_choosing_the_digest_is_saved_and_audited(world, client_as):
    client = client_as("head_a")
    response = client.post("/notifications/settings/", {"email_mode": EmailMode.DIGEST})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=world.user("head_a")).email_mode == EmailMode.DIGEST
    entry = AuditEntry.objects.get(action="notification.preference_changed")
    assert entry.actor == world.user("head_a")
    assert entry.data == {"before": "each", "email_mode": "digest"}


def test_an_unknown_choice_is_a_400_and_changes_nothing(world, client_as):
    response = client_as("head_a").post("/notifications/settings/", {"email_mode": "sms"})
    assert response.status_code == 400
    assert not NotificationPreference.objects.filter(user=world.user("head_a")).exists()
    assert not AuditEntry.objects.filter(action="notification.preference_changed").exists()


def test_api_my_notifications(world, committed, client_as, client):
    tell(world, committed, "head_a", "k:api", title="Việc qua API")
    response = client_as("head_a").get("/api/me/notifications")
    assert response.status_code == 200
    body = response.json()
    assert body["unread"] == 1
    assert [item["title"] for item in body["items"]] == ["Việc qua API"]
    assert client_as("head_b").get("/api/me/notifications").json()["items"] == []
    assert client.get("/api/me/notifications").status_code == 401
