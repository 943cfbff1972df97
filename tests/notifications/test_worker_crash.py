"""A worker killed in the middle of a digest batch, on real Redis and PostgreSQL: the rerun
sends what was left, nothing twice and nothing lost. Runs when REDIS_URL and a PostgreSQL
DATABASE_URL are set (CI sets both)."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from email import message_from_bytes

import pytest
import time_machine
from django.conf import settings
from django.db import connection

from notifications import services
from notifications.models import Delivery
from tests.members.factories import member
from tests.notifications.conftest import publish_at, utc
from tests.repository.factories import resource
from wsr.members.models import User

pytestmark = [
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (real Redis)"),
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""),
        reason="a worker process shares the test database only on PostgreSQL",
    ),
]

QUEUE = "notifications-crash-test"
NOW = utc(2026, 11, 26, 12, 30)
KILL_DURING = 4  # the worker dies while handing over the 4th digest


class Sink:
    """A local SMTP server that records what it accepted, and holds one message open."""

    def __init__(self):
        self.accepted = []  # (recipient, message id)
        self.seen = 0
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.seen += 1
        if self.seen == KILL_DURING:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 Try again later"
        parsed = message_from_bytes(envelope.content)
        self.accepted.append((envelope.rcpt_tos[0], parsed["Message-ID"]))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_worker(port: int) -> subprocess.Popen:
    database = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}",
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "SITE_URL": "http://testserver",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "wsr",
            "worker",
            "--pool=solo",
            "-Q",
            QUEUE,
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def enqueue_due_batches():
    from notifications.tasks import send_digest_batch

    # The people "joined" before the digest's window (the test creates them at real time).
    User.objects.update(date_joined=utc(2026, 1, 1))
    with time_machine.travel(NOW, tick=False):
        batches = services.digest_plan(kind="daily")
    for batch in batches:
        send_digest_batch.apply_async(
            kwargs={
                "kind": batch.kind,
                "period": batch.period,
                "window_start": batch.window_start.isoformat(),
                "window_end": batch.window_end.isoformat(),
                "user_ids": list(batch.user_ids),
            },
            queue=QUEUE,
        )
    return batches


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def broker():
    from wsr.celery import app

    app.conf.task_always_eager = False
    app.conf.broker_url = os.environ["REDIS_URL"]
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(QUEUE)
    yield app
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(QUEUE)
    app.conf.task_always_eager = True


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_resumes_with_nothing_lost_or_doubled(broker, site_tree):
    from aiosmtpd.controller import Controller

    from tests.repository.factories import repository_index

    readers = [member() for _ in range(10)]
    for person in readers:
        services.preferences_save(user=person, modes={"resource_published": "daily"})
    publish_at(resource(repository_index(site_tree["en"]), "Open toolkit"), utc(2026, 11, 25, 20))

    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    worker = start_worker(port)
    try:
        assert len(enqueue_due_batches()) == 1
        assert sink.holding.wait(90), "the worker never reached the 4th message"
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        sink.release.set()
        # Three were accepted and recorded; the fourth's transaction died with the worker.
        assert len(sink.accepted) == KILL_DURING - 1
        assert wait_for(lambda: Delivery.objects.filter(status="sent").count() == 3, 10)
        assert not Delivery.objects.exclude(status__in=["sent", "pending"]).exists()

        # The rerun (the next hourly beat, or staff by hand) plans only what is left.
        worker = start_worker(port)
        batches = enqueue_due_batches()
        assert sum(len(batch.user_ids) for batch in batches) == len(readers) - 3
        assert wait_for(lambda: len(sink.accepted) >= len(readers), 90)
        time.sleep(1)  # anything extra would arrive now
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        sink.release.set()
        controller.stop()

    recipients = sorted(recipient for recipient, _ in sink.accepted)
    assert recipients == sorted(person.email for person in readers)
    assert len({message_id for _, message_id in sink.accepted}) == len(readers)
    assert Delivery.objects.filter(kind="daily", status="sent").count() == len(readers)
