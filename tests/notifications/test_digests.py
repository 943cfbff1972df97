"""Daily and weekly digests: what each person may see at the moment of sending, once."""

import re

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordination.models import Effort
from notifications import services
from notifications.models import Delivery, ScheduleRun
from notifications.tasks import run_digests
from tests.coordination.builders import effort, people
from tests.members.factories import UserFactory, member
from tests.notifications.conftest import utc
from wsr.members.models import User

NOW = utc(2026, 11, 26, 12, 30)  # people in UTC with the default hour (07:00) are due
IN_WINDOW = utc(2026, 11, 25, 20, 0)
BEFORE_WINDOW = utc(2026, 11, 24, 20, 0)

pytestmark = pytest.mark.django_db


def daily(*people_):
    for person in people_:
        services.preferences_save(user=person, modes={"resource_published": "daily"})


def run(now=NOW):
    # People created by the test "joined" at the real clock's time; a digest is only due to
    # those who joined before its window ends, so they joined long before NOW here.
    User.objects.update(date_joined=utc(2026, 1, 1))
    with time_machine.travel(now, tick=False):
        return run_digests()


def digest_for(person):
    found = [m for m in mail.outbox if m.to == [person.email] and "digest" in m.subject.lower()]
    assert len(found) <= 1, f"{len(found)} digests for {person.email}"
    return found[0] if found else None


def test_each_person_gets_only_what_they_may_see_when_the_digest_is_sent(new_resource):
    reader, outsider = member(), UserFactory()
    daily(reader, outsider)
    new_resource("Open toolkit", when=IN_WINDOW)
    new_resource("Members guide", when=IN_WINDOW, audience="members")
    withdrawn = new_resource("Withdrawn note", when=IN_WINDOW)
    restricted = new_resource("Soon staff only", when=IN_WINDOW, audience="members")
    new_resource("Old news", when=BEFORE_WINDOW)
    # After it was published and before the digest goes out, one page is unpublished and
    # another's audience narrows to staff.
    withdrawn.unpublish()
    restricted.audience = "staff"
    restricted.save_revision().publish()
    type(restricted).objects.filter(pk=restricted.pk).update(first_published_at=IN_WINDOW)

    run()

    mine = digest_for(reader)
    assert "Open toolkit" in mine.body and "Members guide" in mine.body
    assert "Withdrawn note" not in mine.body and "Soon staff only" not in mine.body
    assert "Old news" not in mine.body
    theirs = digest_for(outsider)
    assert "Open toolkit" in theirs.body
    assert "Members guide" not in theirs.body
    html = theirs.alternatives[0][0]
    assert "Members guide" not in html and "Open toolkit" in html


def test_nothing_new_sends_nothing_and_is_recorded_as_empty(new_resource):
    person = member()
    daily(person)
    new_resource("Old news", when=BEFORE_WINDOW)
    run()
    assert digest_for(person) is None
    delivery = Delivery.objects.get(user=person, kind="daily")
    assert delivery.status == Delivery.Status.EMPTY


def test_a_repeated_run_sends_no_second_digest(new_resource):
    person = member()
    daily(person)
    new_resource("Open toolkit", when=IN_WINDOW)
    run()
    run()  # the same hour again: a repeated beat
    run(utc(2026, 11, 26, 13, 5))  # the next hour
    assert len([m for m in mail.outbox if m.to == [person.email]]) == 1
    assert Delivery.objects.filter(user=person, kind="daily", period="2026-11-26").count() == 1
    assert ScheduleRun.objects.filter(schedule="daily").first().already_done >= 1


def test_the_digest_has_html_with_inlined_css_and_a_plain_text_part(new_resource):
    person = member()
    daily(person)
    new_resource("Open toolkit", when=IN_WINDOW, summary="How to run worker education.")
    run()
    message = digest_for(person)
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    assert "<style" not in html and 'style="' in html
    # Nothing from elsewhere: no remote images, stylesheets or fonts.
    assert "<img" not in html and "<link" not in html and "@import" not in html
    assert "Open toolkit" in message.body and "How to run worker education." in message.body
    assert "Learning platform" in message.body  # grouped by app
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.match(
        r"<http://testserver/notifications/unsubscribe/[^>]+/>$",
        message.extra_headers["List-Unsubscribe"],
    )


def test_the_digest_is_written_in_the_persons_language(new_resource):
    person = member()
    person.profile.preferred_language = "es"
    person.profile.save()
    daily(person)
    new_resource("Open toolkit", when=IN_WINDOW)
    run()
    message = [m for m in mail.outbox if m.to == [person.email]][0]
    assert 'lang="es"' in message.alternatives[0][0]
    assert "Su resumen diario" in message.subject


def test_the_digest_follows_the_persons_interests(new_resource):
    from tests.members.factories import sector

    farm, dairy = sector("agriculture"), sector("dairy")
    person = member()
    person.profile.interest_sectors.set([dairy])
    daily(person)
    new_resource("Dairy audit guide", when=IN_WINDOW, sectors=["dairy"])
    new_resource("Farm audit guide", when=IN_WINDOW, sectors=["agriculture"])
    new_resource("The model as a whole", when=IN_WINDOW)
    assert farm
    run()
    body = digest_for(person).body
    assert "Dairy audit guide" in body and "The model as a whole" in body
    assert "Farm audit guide" not in body


def test_a_personal_notification_whose_target_became_hidden_is_left_out(site_tree):
    p = people()
    visible = effort("members", None, p["owner"])
    hidden = effort("members", None, p["owner"])
    Effort.objects.filter(pk=hidden.pk).update(name="Hidden campaign", slug="hidden-campaign")
    hidden.refresh_from_db()
    with time_machine.travel(IN_WINDOW, tick=False):
        for target in (visible, hidden):
            services.notify(
                users=[p["member"]],
                kind="effort_update",
                template="coordination/email/update_posted",
                context={
                    "effort": target.name,
                    "author": "A",
                    "body": "b",
                    "ask": "",
                    "effort_url": target.get_absolute_url(),
                },
                target=target,
                url=target.get_absolute_url(),
            )
    Effort.objects.filter(pk=hidden.pk).update(audience="staff")
    run()
    body = digest_for(p["member"]).body
    assert f"New update on {visible.name}" in body
    assert hidden.name not in body


def test_queries_grow_by_a_small_constant_per_recipient(new_resource):
    people_ = [member() for _ in range(6)]
    daily(*people_)
    for number in range(5):
        new_resource(f"Resource {number}", when=IN_WINDOW)

    def measure(group):
        with CaptureQueriesContext(connection) as queries:
            services.digest_deliver_batch(
                kind="daily",
                period=f"p{len(group)}",
                window_start=utc(2026, 11, 25, 7),
                window_end=utc(2026, 11, 26, 7),
                user_ids=[person.pk for person in group],
            )
        return len(queries)

    two, six = measure(people_[:2]), measure(people_)
    per_recipient = (six - two) / 4
    assert per_recipient <= 12, per_recipient
    # The sections' content is loaded once per audience, not once per person.
    assert two - 2 * per_recipient <= 25
    assert len([m for m in mail.outbox if "digest" in m.subject.lower()]) == 8


def test_publications_follow_the_topics_and_kinds_a_person_chose(site_tree):
    from tests.notifications.conftest import publish_at
    from tests.promotion import builders

    articles, _spanish = builders.index(site_tree["en"])
    audits, wages = builders.topic("audits"), builders.topic("wages")
    person = member()
    services.preferences_save(
        user=person,
        modes={"publication_published": "daily"},
        schedule={"section_filters": {"publication_published": {"topics": ["audits"]}}},
    )
    publish_at(builders.article(articles, "Why audits fail", topic=audits), IN_WINDOW)
    publish_at(builders.article(articles, "Wages in the fields", topic=wages), IN_WINDOW)
    run()
    body = digest_for(person).body
    assert "Why audits fail" in body
    assert "Wages in the fields" not in body


def test_someone_who_joined_after_the_window_closed_gets_no_digest_for_it(new_resource):
    person = member()
    daily(person)
    new_resource("Open toolkit", when=IN_WINDOW)
    User.objects.filter(pk=person.pk).update(date_joined=utc(2026, 11, 26, 8))
    with time_machine.travel(NOW, tick=False):
        run_digests()
    assert digest_for(person) is None
    assert not Delivery.objects.filter(user=person).exists()
