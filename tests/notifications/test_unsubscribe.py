"""One-click unsubscribe (RFC 8058) from a real mail header, without signing in, changing
only that person's setting for that kind of email."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail, signing

from notifications import services
from notifications.models import Preference
from tests.coordination.builders import effort, people
from tests.members.factories import member
from tests.notifications.conftest import notify_about

pytestmark = pytest.mark.django_db


def header_path(message) -> str:
    url = re.match(r"<(.+)>$", message.extra_headers["List-Unsubscribe"]).group(1)
    return urlparse(url).path


def overlap_email(person, on_commit):
    with on_commit():
        notify_about(person, effort("members", None, person))
    return mail.outbox[-1]


def test_one_click_from_the_header_switches_off_that_kind_for_that_person(client, on_commit):
    p = people()
    message = overlap_email(p["owner"], on_commit)
    response = client.post(header_path(message), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert services.modes_of(p["owner"])["effort_overlap"] == "never"
    # Everything else is as it was.
    assert services.modes_of(p["owner"])["group_mention"] == "immediate"
    assert not Preference.objects.exclude(user=p["owner"]).exists()


def test_opening_the_link_only_asks(client, on_commit):
    p = people()
    message = overlap_email(p["owner"], on_commit)
    page = client.get(header_path(message))
    assert page.status_code == 200
    assert "Yes, stop them" in page.content.decode()
    assert services.modes_of(p["owner"])["effort_overlap"] == "immediate"
    done = client.post(header_path(message))
    assert "any more" in done.content.decode()
    assert services.modes_of(p["owner"])["effort_overlap"] == "never"


def test_a_tampered_token_changes_nothing(client):
    person = member()
    token = services.unsubscribe_token(user=person, scope="daily")
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "nonsense", token + "x"):
        response = client.post(
            f"/notifications/unsubscribe/{bad}/", {"List-Unsubscribe": "One-Click"}
        )
        assert response.status_code == 404
    assert not Preference.objects.exists()


def test_a_token_cannot_be_turned_to_another_person_or_another_kind(client):
    mine, theirs = member(), member()
    token = services.unsubscribe_token(user=mine, scope="group_mention")
    payload = signing.loads(token, salt="notifications.unsubscribe")
    # Re-signing with another person's id needs the secret key: without it the token breaks.
    forged = token.replace(
        signing.b64_encode(signing.JSONSerializer().dumps(payload)).decode(),
        signing.b64_encode(signing.JSONSerializer().dumps({"u": theirs.pk, "s": "daily"})).decode(),
    )
    assert client.post(f"/notifications/unsubscribe/{forged}/").status_code == 404
    # A token signed for another purpose (the newsletter's, a password reset's) is refused too.
    other = signing.dumps({"u": theirs.pk, "s": "daily"}, salt="something.else")
    assert client.post(f"/notifications/unsubscribe/{other}/").status_code == 404
    # The real token, replayed, only ever touches its own person and kind.
    client.post(f"/notifications/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})
    client.post(f"/notifications/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})
    assert services.modes_of(theirs)["group_mention"] == "immediate"
    assert list(Preference.objects.values_list("user_id", "kind", "mode")) == [
        (mine.pk, "group_mention", "never")
    ]


def test_the_daily_digest_link_switches_off_every_kind_in_the_daily_digest(client):
    person = member()
    services.preferences_save(user=person, modes={"resource_published": "daily"})
    token = services.unsubscribe_token(user=person, scope="daily")
    client.post(f"/notifications/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})
    modes = services.modes_of(person)
    assert "daily" not in modes.values()
    assert modes["publication_published"] == "weekly"  # the weekly digest is untouched
    assert modes["group_mention"] == "immediate"
