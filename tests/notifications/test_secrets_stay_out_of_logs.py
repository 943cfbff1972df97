"""Links that take over an account, and email bodies, never reach the logs or the broker
(issue 16): every journey that sends email runs with all loggers at DEBUG, and each secret
read from the emails themselves is looked for in every log record and every task's
arguments."""

import json
import logging
import os
import re
import time

import pytest
from celery.signals import before_task_publish, task_postrun, task_prerun
from django.core import mail
from django.urls import reverse

from tests.members.factories import PASSWORD, ActiveOrganizationFactory, UserFactory, member
from tests.notifications.conftest import utc
from wsr.celery import app as celery_app

SECRET_PATHS = re.compile(
    r"/(?:accounts/password/reset/key|accounts/confirm-email|invitations|newsletter/confirm"
    r"|newsletter/unsubscribe|notifications/unsubscribe|assistance/request/confirm"
    r"|coordination/calendar/feed)/[^\s\"'<>]+"
)
CELERY_LOGGERS = ("celery", "celery.app.trace", "celery.worker.strategy", "celery.worker")


def no_wait(address):
    pass


def journeys(client, on_commit, wait=no_wait):
    """Sign-up, password reset, invitation, a visitor's request (and its confirmation),
    a digest and the newsletter's confirmation. `wait(address)` waits for a worker."""
    import time_machine

    from notifications import services as notifications
    from notifications.tasks import run_digests
    from promotion.services import subscriber_signup
    from tests.repository.factories import repository_index, resource
    from wsr.members.models import User
    from wsr.members.services import invitation_create
    from wsr.site.services import site_tree_ensure

    site = site_tree_ensure(home_fields={"title": "Home", "hero_title": "Rules"})
    redirects = []
    with on_commit():
        client.post(
            reverse("account_signup"),
            {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    wait("new@example.org")
    UserFactory(email="forgetful@example.org")
    with on_commit():
        client.post(reverse("account_reset_password"), {"email": "forgetful@example.org"})
    wait("forgetful@example.org")
    with on_commit():
        invitation_create(
            organization=ActiveOrganizationFactory(name="Logs Org"),
            email="invitee@example.org",
            role="member",
            invited_by=UserFactory(),
        )
    wait("invitee@example.org")
    with on_commit():
        client.post(
            "/assistance/request/",
            {
                "organization_name": "Valley Workers",
                "contact_name": "Rosa Díaz",
                "contact_email": "rosa@example.org",
                "kind": "complaints",
                "countries": ["US"],
                "description": "A complaint line we trust.",
                "urgency": "high",
                "preferred_language": "en",
                "consent_to_contact": "on",
            },
        )
    wait("rosa@example.org")
    receipt = next(m for m in mail.outbox if m.to == ["rosa@example.org"])
    confirm = SECRET_PATHS.search(receipt.body).group(0)
    with on_commit():
        response = client.post(confirm)
    redirects.append(response["Location"])  # the set-password link of the new account
    with on_commit():
        subscriber_signup(email="reader@example.org", language="en")
    wait("reader@example.org")
    reader = member(user__email="digest.reader@example.org")
    notifications.preferences_save(user=reader, modes={"resource_published": "daily"})
    page = resource(repository_index(site["en"]), "Open toolkit")
    type(page).objects.filter(pk=page.pk).update(first_published_at=utc(2026, 11, 25, 20))
    User.objects.update(date_joined=utc(2026, 1, 1))
    with time_machine.travel(utc(2026, 11, 26, 12, 30), tick=False):
        run_digests()
    return redirects


def secrets_of(messages, redirects) -> set[str]:
    """Every link with a key or token in the emails, the key itself, and the bodies."""
    found = set()
    for message in messages:
        parts = [message.body, *(body for body, _type in message.alternatives)]
        parts += [str(value) for value in message.extra_headers.values()]
        for part in parts:
            for path in SECRET_PATHS.findall(part):
                found.add(path.rstrip("/>"))
                found.update(s for s in path.rstrip("/>").split("/")[-1:] if len(s) >= 8)
        found.add(message.body.strip())
        found.update(line.strip() for line in message.body.splitlines() if "http" in line)
    for location in redirects:
        found.add(location)
        found.update(s for s in location.strip("/").split("/")[-1].split("-") if len(s) >= 8)
    return {secret for secret in found if secret}


def log_texts(records) -> list[str]:
    formatter = logging.Formatter()
    texts = []
    for record in records:
        texts.append(record.getMessage())
        texts.append(repr(record.__dict__))
        if record.exc_info:
            texts.append(formatter.formatException(record.exc_info))
        texts.append(record.exc_text or "")
    return texts


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def everything_logged():
    """Every record of every logger, at DEBUG (caplog's own way, without its plugin)."""
    handler = Collect()
    loggers = [logging.getLogger(), *(logging.getLogger(name) for name in CELERY_LOGGERS)]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    # First of the root's handlers: it sees each record as logged, before the filter that
    # redacts (settings.LOGGING) has cleaned it, so this proves the records are clean.
    logging.getLogger().handlers.insert(0, handler)
    yield handler
    logging.getLogger().removeHandler(handler)
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.fixture
def task_arguments():
    """What each task was called with (eagerly: what would be stored in the broker) and,
    with a real broker, each message as published."""
    seen = []

    def ran(sender=None, args=None, kwargs=None, **_):
        seen.append(json.dumps([args, kwargs], default=str))

    def published(body=None, headers=None, **_):
        seen.append(json.dumps([body, headers], default=str))

    task_prerun.connect(ran, weak=False)
    before_task_publish.connect(published, weak=False)
    yield seen
    task_prerun.disconnect(ran)
    before_task_publish.disconnect(published)


def assert_nothing_leaks(records, arguments, redirects):
    secrets = secrets_of(mail.outbox, redirects)
    kinds = {" ".join(message.subject.split()[:3]) for message in mail.outbox}
    assert len(mail.outbox) >= 6, kinds
    assert any("/accounts/password/reset/key/" in secret for secret in secrets)
    assert any("/accounts/confirm-email/" in secret for secret in secrets)
    assert any("/invitations/" in secret for secret in secrets)
    assert any("/newsletter/confirm/" in secret for secret in secrets)
    assert any("/notifications/unsubscribe/" in secret for secret in secrets)
    assert any("/assistance/request/confirm/" in secret for secret in secrets)
    leaks = [
        (secret, text[:300])
        for text in [*log_texts(records), *arguments]
        for secret in secrets
        if secret in text
    ]
    assert not leaks


@pytest.mark.django_db
def test_no_key_token_or_email_body_reaches_a_log_record_or_a_task_argument(
    client, on_commit, everything_logged, task_arguments
):
    redirects = journeys(client, on_commit)
    assert_nothing_leaks(everything_logged.records, task_arguments, redirects)


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (a real broker)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_secret_is_published_to_the_broker_or_logged_by_a_worker(
    client, on_commit, everything_logged, task_arguments
):
    from celery.contrib.testing.worker import start_worker

    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = os.environ["REDIS_URL"]
    try:
        with start_worker(
            celery_app,
            perform_ping_check=False,
            pool="solo",
            loglevel="DEBUG",
            queues=["default", "heavy"],  # the digest runs on the heavy queue
        ):
            redirects = journeys_waiting(client, on_commit)
    finally:
        celery_app.conf.task_always_eager = True
    assert_nothing_leaks(everything_logged.records, task_arguments, redirects)


def journeys_waiting(client, on_commit):
    """The journeys, with a worker sending each email from the broker."""
    deadline = time.monotonic() + 60

    running = []
    task_prerun.connect(lambda **_: running.append(1), weak=False, dispatch_uid="secrets-in")
    task_postrun.connect(lambda **_: running.pop(), weak=False, dispatch_uid="secrets-out")

    def wait(address):
        # The email, then every task done: one writer at a time, as SQLite needs.
        while time.monotonic() < deadline and not any(m.to == [address] for m in mail.outbox):
            time.sleep(0.1)
        while time.monotonic() < deadline and running:
            time.sleep(0.1)

    try:
        redirects = journeys(client, on_commit, wait)
        wait("digest.reader@example.org")
    finally:
        task_prerun.disconnect(dispatch_uid="secrets-in")
        task_postrun.disconnect(dispatch_uid="secrets-out")
    return redirects


LEAKY_LINES = [
    "GET /accounts/password/reset/key/3-cbx7ab-1f2e3d4c5b6a79808f/ HTTP/1.1",
    "see http://testserver/es/accounts/confirm-email/MQ:1xXnnE:gIpUyYfBQWk856joR12VRVBde/",
    "Not Found: /invitations/ihVmD7vH1ONWkjJMkfP3Dy8RbvXt9LsquL0nnjUfyuc/",
    "/newsletter/confirm/t_S6DmBPCwGl8cnjcOShzUTLOHWSpFfR/",
    "/newsletter/unsubscribe/t_S6DmBPCwGl8cnjcOShzUTLOHWSpFfR/",
    "/notifications/unsubscribe/eyJ1Ijo0MiwicyI6ImRhaWx5In0:1xXnnE:abcdefghijkl/",
    "/coordination/calendar/feed/Zq9lUu1hO3Lb4GmTt0rQyA.ics",
    "/assistance/request/confirm/eyJjIjoxLCJlIjoicm9zYUBleGFtcGxlLm9yZyJ9:1xX:sig/",
    "/es/portal/security/authenticator/eyJ1IjoxfQ:1xX:abcdefgh/",
    "/api/thing/?page=2&token=Zq9lUu1hO3Lb4GmTt0rQyA&x=1",
    "/api/thing/?key=Zq9lUu1hO3Lb4GmTt0rQyA",
    "GET /accounts/login/?next=%2Finvitations%2FihVmD7vH1ONWkjJMkfP3Dy8RbvXt9Lsqu%2F HTTP/1.1",
]
SECRET_PARTS = re.compile(
    r"cbx7ab|gIpUyY|ihVmD7|t_S6Dm|eyJ1Ij|Zq9lUu|eyJjIj|1f2e3d4c5b6a79808f|eyJ1IjoxfQ"
)


def handler_output(record) -> str:
    """What the configured stdout handler writes for `record`."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "stdout")
    for log_filter in handler.filters:
        log_filter.filter(record)
    return handler.format(record)


@pytest.mark.parametrize("line", LEAKY_LINES)
def test_the_log_filter_redacts_links_and_values_that_carry_a_key_or_token(line):
    as_message = logging.makeLogRecord({"name": "x", "msg": line, "levelno": logging.INFO})
    as_argument = logging.makeLogRecord(
        {"name": "django.server", "msg": '"%s" %s', "args": (line, 404), "levelno": logging.INFO}
    )
    for record in (as_message, as_argument):
        output = handler_output(record)
        assert not SECRET_PARTS.search(output), output
        assert "[redacted]" in output


def test_the_log_filter_hides_celerys_task_arguments_and_cleans_exceptions():
    from celery.app.trace import LOG_SUCCESS

    context = {
        "id": "1",
        "name": "some.task",
        "return_value": "'/invitations/ihVmD7vH1ONWkjJMkfP3Dy8RbvXt9LsquL0nnjUfyuc/'",
        "runtime": 0.1,
        "args": "('Dear Rosa, your link',)",
        "kwargs": "{'body': 'Dear Rosa, your link'}",
    }
    record = logging.makeLogRecord(
        {"name": "celery.app.trace", "msg": LOG_SUCCESS, "args": (context,), "data": context}
    )
    record.args = context  # as logging does with a single mapping
    try:
        raise ValueError("bad link /accounts/password/reset/key/3-cbx7ab-1f2e3d4c5b6a79808f/")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    output = handler_output(record)
    assert "Dear Rosa" not in output and not SECRET_PARTS.search(output), output
    assert "some.task" in output


def test_error_reports_lose_task_arguments_request_bodies_and_links():
    from wsr.redaction import sentry_before_send

    event = {
        "message": "failed for /invitations/ihVmD7vH1ONWkjJMkfP3Dy8RbvXt9LsquL0nnjUfyuc/",
        "extra": {"celery-job": {"task_name": "t", "args": ["Dear Rosa"], "kwargs": {}}},
        "request": {
            "url": "http://x/accounts/password/reset/key/3-cbx7ab-1f2e3d4c5b6a79808f/",
            "data": {"password1": "hunter2"},
            "cookies": {"sessionid": "abc"},
        },
        "exception": {"values": [{"value": "token=Zq9lUu1hO3Lb4GmTt0rQyA"}]},
    }
    cleaned = repr(sentry_before_send(event, {}))
    assert "Dear Rosa" not in cleaned and "hunter2" not in cleaned and "abc'" not in cleaned
    assert not SECRET_PARTS.search(cleaned), cleaned


def test_a_published_task_describes_its_arguments_without_their_text():
    from wsr.redaction import argument_repr

    assert argument_repr((5, "Dear Rosa")) == "(5, <str>)"
    assert (
        argument_repr({"email_id": 5, "user_ids": [1, 2]}) == "{'email_id': 5, 'user_ids': [1, 2]}"
    )
    published = []

    def record(headers=None, **_):
        published.append(headers)

    before_task_publish.connect(record, weak=False)
    celery_app.conf.task_always_eager = False
    try:
        from notifications.tasks import send_outgoing_email

        with celery_app.connection_for_write("memory://") as connection:
            send_outgoing_email.apply_async(kwargs={"email_id": 7}, connection=connection)
    finally:
        celery_app.conf.task_always_eager = True
        before_task_publish.disconnect(record)
    assert published[0]["kwargsrepr"] == "{'email_id': 7}"
