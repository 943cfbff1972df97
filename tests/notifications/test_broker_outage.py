"""Degrade, don't fall (issue 18): with the broker down every write commits and answers
normally; what it had to send waits in the database and is sent once when Redis returns.

A real redis-server of the test's own is stopped in the middle of a journey through the
site and started again; a real worker then delivers every email exactly once."""

import shutil
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from assistance.models import Case, TimelineEntry
from coordination import services as coordination
from coordination.models import GroupMembership, Post, Vote, WorkingGroup
from notifications.models import OutgoingEmail, PendingTask
from promotion.models import SpeakerRequest
from tests.assistance.factories import case as submit_case
from tests.conftest import Client
from tests.members.factories import AffiliationFactory, StaffFactory, org_admin
from tests.notifications.brokers import RedisServer, celery_publishing_to
from wsr.celery import app as celery_app

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")


@pytest.fixture
def redis_broker():
    """Celery publishing to a redis-server of this test (not eager), as in production."""
    server = RedisServer()
    server.start()
    try:
        with celery_publishing_to(server.url):
            yield server
    finally:
        server.stop()


@pytest.fixture
def real_worker():
    """A real worker (in a thread, solo pool) consuming from the current broker."""
    from celery.contrib.testing.worker import start_worker

    def start():
        return start_worker(celery_app, perform_ping_check=False, pool="solo", loglevel="WARNING")

    return start


def _wait_for(condition, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.fixture
def world():
    """What the journey needs, made while tasks still run eagerly (nothing queued)."""
    staff = [StaffFactory(), StaffFactory()]
    requester, organization = org_admin()
    the_case = submit_case(requester=requester, organization=organization)
    group = WorkingGroup.objects.create(name="Agriculture", is_open=True)
    GroupMembership.objects.create(group=group, user=staff[0], role="convener")
    voter = AffiliationFactory().user
    mentioned = AffiliationFactory(user__first_name="Rosa", user__last_name="Díaz").user
    for person in (voter, mentioned):
        coordination.group_join(group=group, user=person)
    thread = coordination.thread_create(group=group, author=voter, title="Plan", body="Ideas?")
    proposal = coordination.proposal_create(
        group=group,
        actor=staff[0],
        title="Research watermelons",
        text="Spend next quarter on it.",
        options=["Yes", "No"],
        closes_at=timezone.now() + timedelta(days=2),
    )
    mail.outbox.clear()
    return {
        "staff": staff,
        "requester": requester,
        "case": the_case,
        "voter": voter,
        "mentioned": mentioned,
        "thread": thread,
        "proposal": proposal,
    }


def _journey(world) -> dict:
    """The five writes the issue names, each by the person who would make it; returns
    each response's status code."""
    statuses = {}
    visitor = Client(raise_request_exception=False)
    statuses["case request"] = visitor.post(
        "/assistance/request/",
        {
            "organization_name": "Farmworkers of the Valley",
            "contact_name": "Ana Ruiz",
            "contact_email": "ana@example.org",
            "kind": "complaints",
            "countries": ["US"],
            "description": "Workers need a complaint line they trust.",
            "urgency": "high",
            "preferred_language": "en",
            "consent_to_share": "on",
        },
    ).status_code
    statuses["speaker request"] = visitor.post(
        "/talks/request/",
        {
            "organization": "Farmworker Alliance",
            "contact_name": "Rosa",
            "email": "speaker@example.org",
            "event": "Harvest Forum",
            "event_date": "2027-03-01",
            "audience": "Growers and buyers",
            "topic": "Binding agreements",
        },
    ).status_code
    requester = Client(raise_request_exception=False)
    requester.force_login(world["requester"])
    statuses["case reply"] = requester.post(
        f"/assistance/cases/{world['case'].reference}/post/", {"body": "Our reply"}
    ).status_code
    voter = Client(raise_request_exception=False)
    voter.force_login(world["voter"])
    proposal = world["proposal"]
    statuses["vote"] = voter.post(
        f"/coordination/proposals/{proposal.pk}/vote/",
        {"option": proposal.options.first().pk},
    ).status_code
    thread = world["thread"]
    statuses["thread reply"] = voter.post(
        f"/coordination/groups/{thread.group.slug}/threads/{thread.pk}/reply/",
        {"body": "What do you think, @rosa-diaz?"},
    ).status_code
    return statuses


def _sent() -> Counter:
    return Counter((tuple(sorted(message.to)), message.subject) for message in mail.outbox)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_writes_answer_normally_while_the_broker_is_down_and_their_email_goes_once_after(
    world, redis_broker, real_worker
):
    member = Client()
    member.force_login(world["requester"])
    assert member.get(f"/assistance/cases/{world['case'].reference}/").status_code == 200

    redis_broker.stop()  # in the middle of the journey
    started = time.monotonic()
    statuses = _journey(world)
    took = time.monotonic() - started

    assert statuses == {
        "case request": 302,
        "speaker request": 302,
        "case reply": 302,
        "vote": 302,
        "thread reply": 302,
    }
    assert took < 10, f"the writes waited {took:.1f} s for the broker"
    assert Case.objects.filter(contact_email="ana@example.org").exists()
    assert SpeakerRequest.objects.filter(email="speaker@example.org").exists()
    assert TimelineEntry.objects.filter(case=world["case"], body="Our reply").exists()
    assert Vote.objects.filter(voter=world["voter"]).exists()
    assert Post.objects.filter(thread=world["thread"], body__contains="@rosa-diaz").exists()
    pending = Counter(PendingTask.objects.values_list("name", flat=True))
    assert pending["notifications.tasks.send_outgoing_email"] >= 4
    assert pending["notifications.tasks.send_notification"] == 3  # two staff, one mention
    assert PendingTask.objects.filter(attempts=0).count() == sum(pending.values())
    assert not mail.outbox

    redis_broker.start()
    # What waited is sent as a worker starts (worker_ready), once. The signal is sent before
    # the test's worker consumes: the sender publishes inside its transaction, and an
    # in-memory SQLite cannot take the worker's writes meanwhile ("table is locked", seen on
    # CI); a real worker's pool starts consuming after its own worker_ready handlers.
    from celery.signals import worker_ready

    worker_ready.send(sender=None)
    assert not PendingTask.objects.exists()
    with real_worker():
        assert _wait_for(
            lambda: (
                not PendingTask.objects.exists()
                and not OutgoingEmail.objects.exists()
                and len(mail.outbox) >= 7
            )
        )
        call_command("send_pending")  # a second sweep finds nothing to send
        time.sleep(0.5)

    sent = _sent()
    assert set(sent.values()) == {1}, sent
    recipients = {address for addresses, _subject in sent for address in addresses}
    staff = {person.email for person in world["staff"]}
    assert {"ana@example.org", "speaker@example.org", world["mentioned"].email} <= recipients
    assert staff <= recipients
    # The two staff notifications of the reply: one email each.
    replies = [to for to, subject in sent if world["case"].reference in subject and len(to) == 1]
    assert sorted(address for (address,) in replies if address in staff) == sorted(staff)
