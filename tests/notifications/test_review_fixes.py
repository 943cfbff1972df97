"""What a review found: deactivated accounts, efforts outside one's audience, a broken
entry in a batch, content rejections, and an unsubscribe before a queued email."""

import smtplib

import pytest
import time_machine
from django.core import mail

from coordination import services as coordination
from coordination.models import Effort
from notifications import services
from notifications.models import Delivery, Suppression
from notifications.services.delivery import classify
from tests.coordination.builders import effort, people
from tests.members.factories import member
from tests.notifications.conftest import OVERLAP, notify_about, overlap_context, utc
from wsr.companies.models import Company

pytestmark = pytest.mark.django_db

WINDOW = {"window_start": utc(2026, 11, 25, 7), "window_end": utc(2026, 11, 26, 7)}


def test_a_deactivated_account_is_told_nothing_and_others_get_one_email_each(on_commit):
    p = people()
    target = effort("members", None, p["owner"])
    gone = member()
    gone.is_active = False
    gone.save()
    with on_commit():
        services.tell(
            to=[gone.email, p["member"].email.upper(), "desk@example.org", "other@example.org"],
            kind="effort_overlap",
            template=OVERLAP,
            context=overlap_context(target),
            target=target,
        )
    recipients = sorted(tuple(m.to) for m in mail.outbox)
    assert recipients == sorted(
        [(p["member"].email,), ("desk@example.org",), ("other@example.org",)]
    )
    assert not any(gone.email in m.to for m in mail.outbox)


def test_an_overlap_with_an_effort_outside_ones_audience_names_neither_it_nor_its_owner(on_commit):
    p = people()
    company = Company.objects.create(name="Big Grocer")
    public_effort = effort("members", None, p["member"])
    secret = effort("staff", None, p["owner"])
    Effort.objects.filter(pk=secret.pk).update(name="Secret staff campaign")
    secret.refresh_from_db()
    with on_commit():
        coordination.effort_target_add(effort=secret, company=company, actor=p["owner"])
        coordination.effort_target_add(effort=public_effort, company=company, actor=p["member"])
    told = [m for m in mail.outbox if m.to == [p["member"].email]]
    assert told, "the member's effort owner is told of an overlap"
    assert "Secret staff campaign" not in told[0].body
    assert p["owner"].email not in told[0].body
    assert "staff" in told[0].body


def test_a_broken_entry_fails_alone_and_the_rest_of_the_batch_is_sent():
    readers = [member() for _ in range(3)]
    for person in readers:
        services.preferences_save(user=person, modes={"effort_update": "daily"})
    p = people()
    target = effort("members", None, p["owner"])
    with time_machine.travel(utc(2026, 11, 25, 20), tick=False):
        for person in readers:
            services.notify(
                users=[person],
                kind="effort_update",
                template=OVERLAP,
                context=overlap_context(target),
                target=target,
            )
        # A notification whose template no longer exists (an app renamed it).
        services.notify(
            users=[readers[0]],
            kind="effort_update",
            template="coordination/email/renamed",
            context={},
            target=target,
        )
    outcome = services.digest_deliver_batch(
        kind="daily", period="2026-11-26", user_ids=[p.pk for p in readers], **WINDOW
    )
    assert outcome == {"failed": 1, "sent": 2}
    failed = Delivery.objects.get(status="failed")
    assert failed.user == readers[0] and "TemplateDoesNotExist" in failed.last_error


def test_a_message_rejected_for_its_content_is_not_retried_and_the_address_is_kept(
    settings, on_commit
):
    settings.EMAIL_BACKEND = "tests.notifications.backends.RejectingBackend"
    p = people()
    with on_commit():
        notify_about(p["member"], effort("members", None, p["owner"]))
    delivery = Delivery.objects.get(user=p["member"])
    assert (delivery.status, delivery.attempts) == ("failed", 1)
    assert "SMTPDataError" in delivery.last_error
    assert not Suppression.objects.exists()
    assert classify(smtplib.SMTPDataError(451, b"try later")) == "transient"


def test_an_unsubscribe_stops_an_email_already_queued():
    p = people()
    target = effort("members", None, p["owner"])
    notification = notify_about(p["member"], target)
    services.unsubscribe_apply(user=p["member"], scope="effort_overlap")
    assert services.notification_deliver(notification_id=notification.pk) == "empty"
    assert mail.outbox == []
