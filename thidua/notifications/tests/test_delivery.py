"""E-mail through a real SMTP socket, the webhook to a real HTTP server, the digest, retries, and the overdue
work — each server started by the test on a free port of 127.0.0.1."""

import email
import hashlib
import hmac
import http.server
import json
import socket
import threading
from datetime import date
from email import policy

import pytest
from aiosmtpd.controller import Controller

from thidua.initiatives import services as models_services
from thidua.initiatives.tests.conftest import model_at_status
from thidua.inspections import services as inspection_services
from thidua.inspections.tests.conftest import checklist_build, inspection_at_status, items_of
from thidua.jobs.models import Job
from thidua.jobs.testing import run_queued_jobs
from thidua.notifications import services
from thidua.notifications.delivery import SIGNATURE_HEADER
from thidua.notifications.models import EmailMode, Notification
from thidua.notifications.periodic import announce_overdue, queue_digests

pytestmark = pytest.mark.django_db

SITE = "https://thidua.longphu.example.vn"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(
            (envelope.rcpt_tos, email.message_from_bytes(envelope.original_content, policy=policy.default))
        )
        return "250 OK"


@pytest.fixture
def mail_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = SITE
    settings.NOTIFY_RETRY_DELAYS = [0, 0]
    settings.DEFAULT_FROM_EMAIL = "thidua@longphu.example.vn"
    return settings


@pytest.fixture
def smtp(mail_settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=mail_settings.EMAIL_PORT)
    controller.start()
    yield inbox
    controller.stop()


def with_email(world, persona: str, address: str):
    user = world.user(persona)
    user.email = address
    user.save(update_fields=["email"])
    return user


def send_model_to_head(world, committed, title="Mô hình “Một cửa thân thiện” – thị trấn Long Phú"):
    model = model_at_status(world, "draft", title=title)
    with committed():
        models_services.model_send_to_head(actor=world.user("officer_a"), model=model)
    return model


def test_one_email_per_event_through_a_real_smtp_server(world, committed, smtp):
    with_email(world, "head_a", "chutich.thitran@longphu.example.vn")
    model = send_model_to_head(world, committed)
    assert run_queued_jobs() == 1
    assert len(smtp.messages) == 1
    recipients, message = smtp.messages[0]
    assert recipients == ["chutich.thitran@longphu.example.vn"]
    assert message["To"] == "chutich.thitran@longphu.example.vn"
    assert "Một cửa thân thiện" in str(message["Subject"])
    body = message.get_body().get_content()
    assert message.get_body().get_content_charset() == "utf-8"
    assert f"{SITE}/reform-models/{model.pk}/" in body
    assert "“Một cửa thân thiện” – thị trấn Long Phú" in body
    notification = Notification.objects.get(recipient=world.user("head_a"))
    assert notification.emailed_at is not None
    assert run_queued_jobs() == 0  # nothing is sent twice


def test_no_email_when_no_smtp_server_is_configured_or_the_person_chose_none(world, committed, settings):
    settings.EMAIL_HOST = ""
    with_email(world, "head_a", "a@longphu.example.vn")
    send_model_to_head(world, committed)
    assert Job.objects.filter(kind=services.EMAIL_JOB).count() == 0
    settings.EMAIL_HOST = "127.0.0.1"
    services.preference_set(actor=world.user("head_a"), email_mode=EmailMode.NONE)
    send_model_to_head(world, committed, title="Mô hình thứ hai")
    assert Job.objects.filter(kind=services.EMAIL_JOB).count() == 0
    assert (
        Notification.objects.filter(recipient=world.user("head_a")).count() == 2
    )  # still told in the product


def test_the_digest_sends_one_message_for_several_events(world, committed, smtp):
    head = with_email(world, "head_a", "chutich@longphu.example.vn")
    services.preference_set(actor=head, email_mode=EmailMode.DIGEST)
    first = send_model_to_head(world, committed, title="Mô hình thứ nhất")
    second = send_model_to_head(world, committed, title="Mô hình thứ hai")
    assert Job.objects.filter(kind=services.EMAIL_JOB).count() == 0
    assert queue_digests() == 1
    run_queued_jobs()
    assert len(smtp.messages) == 1
    _recipients, message = smtp.messages[0]
    body = message.get_body().get_content()
    assert "Mô hình thứ nhất" in body and "Mô hình thứ hai" in body
    assert f"{SITE}/reform-models/{first.pk}/" in body and f"{SITE}/reform-models/{second.pk}/" in body
    assert queue_digests() == 0  # everything is e-mailed now


def test_a_refused_connection_is_retried_with_backoff_then_given_up(world, committed, mail_settings):
    # Nothing listens on the port: every attempt is refused.
    with_email(world, "head_a", "chutich@longphu.example.vn")
    model = send_model_to_head(world, committed)
    run_queued_jobs()
    attempts = list(Job.objects.filter(kind=services.EMAIL_JOB).order_by("created_at"))
    assert [job.params["attempt"] for job in attempts] == [1, 2, 3]
    assert {job.state for job in attempts} == {"failed"}
    assert "3" in attempts[-1].message
    model.refresh_from_db()
    assert model.status == "awaiting_head"  # the state change stands
    assert Notification.objects.get(recipient=world.user("head_a")).emailed_at is None


def test_a_later_attempt_delivers_once_the_server_answers(world, committed, mail_settings):
    with_email(world, "head_a", "chutich@longphu.example.vn")
    send_model_to_head(world, committed)
    run_queued_jobs(max_tasks=1)  # the first attempt: refused
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=mail_settings.EMAIL_PORT)
    controller.start()
    try:
        run_queued_jobs()
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    states = list(
        Job.objects.filter(kind=services.EMAIL_JOB).order_by("created_at").values_list("state", flat=True)
    )
    assert states == ["failed", "done"]


class Hook(http.server.BaseHTTPRequestHandler):
    received: list = []
    status = 200

    def do_POST(self):  # noqa: N802 - http.server's hook name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((dict(self.headers), body))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def hook(settings):
    Hook.received = []
    Hook.status = 200
    server = http.server.HTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NOTIFY_WEBHOOK_URL = f"http://127.0.0.1:{server.server_address[1]}/zalo"
    settings.NOTIFY_WEBHOOK_SECRET = "bí-mật-chung"
    settings.NOTIFY_RETRY_DELAYS = [0]
    settings.SITE_URL = SITE
    settings.EMAIL_HOST = ""
    yield Hook
    server.shutdown()
    server.server_close()


def test_the_webhook_posts_the_event_signed_with_the_shared_secret(world, committed, hook):
    model = send_model_to_head(world, committed)
    run_queued_jobs()
    assert len(hook.received) == 1
    headers, body = hook.received[0]
    expected = "sha256=" + hmac.new("bí-mật-chung".encode(), body, hashlib.sha256).hexdigest()
    assert headers[SIGNATURE_HEADER] == expected
    assert headers["Content-Type"].startswith("application/json")
    payload = json.loads(body.decode("utf-8"))
    assert payload["kind"] == "initiatives.model_to_approve"
    assert payload["reason"] == "waiting"
    assert payload["url"] == f"{SITE}/reform-models/{model.pk}/"
    assert payload["unit"]["code"] == world.unit_a.code
    assert [person["username"] for person in payload["recipients"]] == [world.user("head_a").username]
    assert "Một cửa thân thiện" in payload["title"]


def test_a_failing_webhook_is_retried_and_never_undoes_the_change(world, committed, hook):
    hook.status = 503
    model = send_model_to_head(world, committed)
    run_queued_jobs()
    assert len(hook.received) == 2  # the first attempt and one retry
    assert list(Job.objects.filter(kind=services.WEBHOOK_JOB).values_list("state", flat=True)) == [
        "failed",
        "failed",
    ]
    model.refresh_from_db()
    assert model.status == "awaiting_head"


def test_an_overdue_remediation_is_told_once_per_due_date(world, committed):
    checklist = checklist_build()
    items = items_of(checklist)
    failed = inspection_at_status(
        world, checklist, answers={"flag": "fail", "card": "pass", "smoking": "pass"}, status="reviewed"
    )
    with committed():
        remediation = inspection_services.remediation_open(
            actor=world.user("district_officer"),
            finding=failed.findings.get(item=items["flag"]),
            owner="Văn phòng",
            due_date=date(2021, 7, 1),
        )
    before = Notification.objects.count()
    with committed():
        assert announce_overdue(date(2021, 7, 1)) == 0  # due today is not overdue yet
    with committed():
        announce_overdue(date(2021, 7, 2))
    with committed():
        announce_overdue(date(2021, 7, 3))
    overdue = Notification.objects.filter(reason="overdue")
    assert sorted(overdue.values_list("recipient__username", flat=True)) == sorted(
        [world.user("officer_a").username, world.user("head_a").username]
    )
    assert all(
        f"remediation:{remediation.pk}:overdue:2021-07-01" == key
        for key in overdue.values_list("key", flat=True)
    )
    assert Notification.objects.count() == before + 2
