"""The public newsletter: public content only, confirmed subscribers only, once a week,
with a one-click unsubscribe that works from the real header."""

import re
from urllib.parse import urlparse

import pytest
import time_machine
from django.core import mail

from notifications.models import Delivery
from notifications.tasks import run_digests
from promotion.models import Subscriber
from tests.notifications.conftest import utc

pytestmark = pytest.mark.django_db

# The newsletter goes out on Thursdays at 15:00 UTC (settings); 2026-11-26 is a Thursday.
SEND = utc(2026, 11, 26, 15, 10)
IN_WEEK = utc(2026, 11, 23, 10, 0)


def subscriber(email, *, confirmed=True, unsubscribed=False, language="en"):
    return Subscriber.objects.create(
        email=email,
        language=language,
        confirmed_at=utc(2026, 1, 1) if confirmed else None,
        unsubscribed_at=utc(2026, 2, 1) if unsubscribed else None,
    )


def newsletters():
    return [m for m in mail.outbox if "newsletter" in m.subject.lower()]


def test_a_members_only_item_never_reaches_a_public_subscriber(new_resource):
    reader = subscriber("reader@example.org")
    subscriber("unconfirmed@example.org", confirmed=False)
    subscriber("left@example.org", unsubscribed=True)
    new_resource("Public toolkit", when=IN_WEEK)
    new_resource("Members-only strategy memo", when=IN_WEEK, audience="members")
    new_resource("Staff notes", when=IN_WEEK, audience="staff")
    with time_machine.travel(SEND, tick=False):
        run_digests()
        run_digests()  # a repeated beat
    sent = newsletters()
    assert [m.to for m in sent] == [[reader.email]]
    message = sent[0]
    html = message.alternatives[0][0]
    assert "Public toolkit" in message.body and "Public toolkit" in html
    for secret in ("Members-only strategy memo", "Staff notes"):
        assert secret not in message.body and secret not in html
    assert Delivery.objects.get(kind="newsletter").period == "2026-W48"


def test_the_newsletter_unsubscribe_header_works_with_one_click(client, new_resource):
    reader = subscriber("reader@example.org")
    new_resource("Public toolkit", when=IN_WEEK)
    with time_machine.travel(SEND, tick=False):
        run_digests()
    message = newsletters()[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.match(r"<(.+)>$", message.extra_headers["List-Unsubscribe"]).group(1)
    response = client.post(urlparse(url).path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.unsubscribed_at is not None


def test_no_newsletter_in_a_week_with_nothing_public(new_resource):
    subscriber("reader@example.org")
    new_resource("Members-only strategy memo", when=IN_WEEK, audience="members")
    with time_machine.travel(SEND, tick=False):
        run_digests()
    assert newsletters() == []
    assert Delivery.objects.get(kind="newsletter").status == "empty"
