"""Email goes through the real broker and a real worker when REDIS_URL is set (CI sets it)."""

import os
import time

import pytest
from django.core import mail

from wsr.celery import app as celery_app

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (a real Redis broker)"
)


@pytest.fixture
def real_worker():
    from celery.contrib.testing.worker import start_worker

    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = os.environ["REDIS_URL"]
    with start_worker(
        celery_app,
        perform_ping_check=False,
        pool="solo",
        loglevel="WARNING",
        queues=["default", "heavy"],
    ):
        yield
    celery_app.conf.task_always_eager = True


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_invitation_email_is_delivered_by_a_worker_through_redis(real_worker):
    import threading

    from celery.signals import task_prerun

    from tests.members.factories import ActiveOrganizationFactory, UserFactory
    from wsr.members import services

    ran_in = []

    def record(**kwargs):
        ran_in.append(threading.get_ident())

    task_prerun.connect(record, weak=False)
    organization = ActiveOrganizationFactory(name="Broker Test Org")
    inviter = UserFactory()
    services.invitation_create(
        organization=organization, email="via-redis@example.org", role="member", invited_by=inviter
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not mail.outbox:
        time.sleep(0.1)
    assert [m.to for m in mail.outbox] == [["via-redis@example.org"]]
    assert "Broker Test Org" in mail.outbox[0].subject
    task_prerun.disconnect(record)
    # It ran in the worker's thread, from the queue, not eagerly in the caller's.
    assert ran_in and threading.get_ident() not in ran_in
