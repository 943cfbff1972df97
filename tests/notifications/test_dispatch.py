"""The task-dispatch helper and the outbox sweeps (issue 18): eager tasks run on commit as
before; a broker that cannot be reached leaves a row that is sent once later; an email whose
task was lost is queued again; an email is never sent twice."""

import logging
import time
from datetime import timedelta

import pytest
from celery.signals import worker_ready
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from notifications.models import OutgoingEmail, PendingTask
from notifications.services import email_queue, outgoing_email_send, outgoing_emails_requeue
from notifications.tasks import send_outgoing_email
from tests.notifications.brokers import celery_publishing_to, free_port
from wsr import dispatch

pytestmark = pytest.mark.django_db


def _queue_one(on_commit, to="someone@example.org"):
    with on_commit():
        email_queue(
            template="members/email/factor_confirm",
            to=[to],
            context={"name": "Ana", "url": "http://testserver/x/"},
        )


@pytest.fixture
def unreachable_broker():
    """Celery, not eager, pointed at a port where nothing listens; what it logs."""
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("wsr.dispatch")
    logger.addHandler(handler)
    try:
        with celery_publishing_to(f"redis://127.0.0.1:{free_port()}/0"):
            yield records
    finally:
        logger.removeHandler(handler)


def test_eager_tasks_run_on_commit_as_before(on_commit):
    _queue_one(on_commit)
    assert [m.to for m in mail.outbox] == [["someone@example.org"]]
    assert not OutgoingEmail.objects.exists() and not PendingTask.objects.exists()


def test_a_task_sent_after_a_write_takes_ids_only():
    with pytest.raises(TypeError):
        dispatch.dispatch_on_commit(send_outgoing_email, email_id="reset-link")


def test_an_unreachable_broker_keeps_the_task_quickly_and_logs_only_its_name(
    on_commit, unreachable_broker
):
    started = time.monotonic()
    _queue_one(on_commit, to="first@example.org")
    _queue_one(on_commit, to="second@example.org")  # within the quiet period: not tried
    took = time.monotonic() - started
    assert took < 3, f"{took:.1f} s"
    emails = list(OutgoingEmail.objects.values_list("pk", flat=True))
    assert [(row.name, row.kwargs) for row in PendingTask.objects.all()] == [
        ("notifications.tasks.send_outgoing_email", {"email_id": pk}) for pk in emails
    ]
    logged = [record.getMessage() for record in unreachable_broker]
    assert len(logged) == 1
    assert "send_outgoing_email" in logged[0] and "first@" not in logged[0]
    assert str(emails[0]) not in logged[0]
    # Still away: the sweep stops at the first refusal and counts the attempt.
    assert dispatch.pending_tasks_send() == 0
    assert set(PendingTask.objects.values_list("attempts", flat=True)) == {1}
    assert not mail.outbox


def test_kept_tasks_go_once_when_a_worker_starts():
    email = OutgoingEmail.objects.create(
        to=["kept@example.org"], template="members/email/factor_confirm", context={"name": "A"}
    )
    PendingTask.objects.create(
        name="notifications.tasks.send_outgoing_email", kwargs={"email_id": email.pk}
    )
    later = PendingTask.objects.create(
        name="notifications.tasks.retry_delivery",
        kwargs={"delivery_id": 1},
        available_at=timezone.now() + timedelta(minutes=5),
    )
    worker_ready.send(sender=None)
    assert [m.to for m in mail.outbox] == [["kept@example.org"]]
    assert list(PendingTask.objects.all()) == [later]  # not due yet
    call_command("send_pending", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1


def test_an_email_whose_task_was_lost_is_queued_again_once(on_commit):
    old = timezone.now() - timedelta(hours=3)
    lost = OutgoingEmail.objects.create(
        to=["lost@example.org"], template="members/email/factor_confirm", context={"name": "A"}
    )
    recent = OutgoingEmail.objects.create(to=["recent@example.org"], subject="s", text="t")
    OutgoingEmail.objects.filter(pk=lost.pk).update(created_at=old)
    with on_commit():
        assert outgoing_emails_requeue() == 1
    assert [m.to for m in mail.outbox] == [["lost@example.org"]]
    assert list(OutgoingEmail.objects.all()) == [recent]
    assert outgoing_emails_requeue() == 0


def test_an_email_sent_twice_goes_once():
    email = OutgoingEmail.objects.create(to=["once@example.org"], subject="Hello", text="Hi")
    outgoing_email_send(email_id=email.pk)
    outgoing_email_send(email_id=email.pk)
    assert [m.subject for m in mail.outbox] == ["Hello"]


def test_a_broker_that_hangs_keeps_the_task_instead_of_holding_the_request(on_commit):
    """Found by review: with Redis stopped by SIGSTOP (its port open, no answer) publishing
    waited until gunicorn killed the worker, and the task was neither sent nor kept."""
    import os
    import signal

    from django.conf import settings

    from tests.servers import RedisServer
    from wsr.celery import app as celery_app

    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["socket_timeout"] <= 5
    server = RedisServer().start()
    options = celery_app.conf.broker_transport_options
    celery_app.conf.broker_transport_options = {**options, "socket_timeout": 0.5}
    os.kill(server.process.pid, signal.SIGSTOP)
    try:
        with celery_publishing_to(server.url):
            started = time.monotonic()
            _queue_one(on_commit)
            took = time.monotonic() - started
    finally:
        celery_app.conf.broker_transport_options = options
        os.kill(server.process.pid, signal.SIGCONT)
        server.stop()
    assert took < 5, f"{took:.1f} s"
    email = OutgoingEmail.objects.get()
    assert list(PendingTask.objects.values_list("name", "kwargs")) == [
        ("notifications.tasks.send_outgoing_email", {"email_id": email.pk})
    ]
