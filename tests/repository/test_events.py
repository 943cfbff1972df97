from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from repository import services
from repository.models import EventIndexPage, EventOutcomeResource, EventPage, Registration
from tests.members.factories import member

from .factories import resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def events_index(site_tree):
    page = site_tree["en"].add_child(instance=EventIndexPage(title="Events", slug="events"))
    page.save_revision().publish()
    return page


def make_event(
    parent,
    title="Exchange",
    *,
    days=10,
    capacity=None,
    audience="members",
    fmt="hybrid",
    outcomes="",
):
    starts = timezone.now() + timedelta(days=days)
    event = EventPage(
        title=title,
        summary="Learning together.",
        kind="exchange",
        format=fmt,
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        time_zone="America/New_York",
        place="Immokalee",
        online_link="https://meet.example.org/secret-room",
        audience=audience,
        capacity=capacity,
        outcomes=outcomes,
    )
    parent.add_child(instance=event)
    event.save_revision().publish()
    return event


def test_members_register_until_full_then_join_the_waitlist(events_index, on_commit):
    event = make_event(events_index, capacity=2)
    people = [member() for _ in range(3)]
    with on_commit():
        statuses = [services.event_register(event=event, user=p).status for p in people]
    assert statuses == ["registered", "registered", "waitlisted"]
    assert "waitlist" in mail.outbox[-1].subject.lower()


def test_a_cancellation_promotes_the_next_person_by_email(events_index, on_commit):
    event = make_event(events_index, capacity=1)
    first, second, third = member(), member(), member()
    for person in (first, second, third):
        services.event_register(event=event, user=person)
    mail.outbox.clear()
    with on_commit():
        promoted = services.event_cancel(
            registration=Registration.objects.get(event=event, user=first)
        )
    assert promoted.user == second and promoted.status == "registered"
    assert mail.outbox[0].to == [second.email] and "seat opened" in mail.outbox[0].subject
    assert Registration.objects.get(event=event, user=third).status == "waitlisted"


def test_cancelling_a_waitlist_place_promotes_no_one(events_index):
    event = make_event(events_index, capacity=1)
    first, second = member(), member()
    services.event_register(event=event, user=first)
    waiting = services.event_register(event=event, user=second)
    assert services.event_cancel(registration=waiting) is None
    assert Registration.objects.get(user=first).status == "registered"


def test_registration_through_the_page(client, events_index, viewers):
    event = make_event(events_index)
    client.force_login(viewers["member"])
    content = client.get(event.url).content.decode()
    assert "secret-room" not in content  # the link is for registrants only
    client.post(reverse("repository:event-register", args=[event.pk]))
    assert "secret-room" in client.get(event.url).content.decode()
    client.post(reverse("repository:event-cancel", args=[event.pk]))
    assert Registration.objects.get().status == "cancelled"
    assert "secret-room" not in client.get(event.url).content.decode()


def test_non_members_cannot_register_and_outsiders_never_see_a_members_event(
    client, events_index, viewers
):
    event = make_event(events_index)
    url = reverse("repository:event-register", args=[event.pk])
    assert client.get(event.url).status_code == 404
    assert reverse("account_login") in client.post(url)["Location"]
    client.force_login(viewers["public"])
    assert client.get(event.url).status_code == 404
    assert client.post(url).status_code == 404
    assert client.get(reverse("repository:event-ics", args=[event.pk])).status_code == 404
    assert not Registration.objects.exists()


def test_a_signed_in_non_member_sees_a_public_event_but_cannot_register(
    client, events_index, viewers
):
    event = make_event(events_index, audience="public")
    client.force_login(viewers["public"])
    assert client.get(event.url).status_code == 200
    assert client.post(reverse("repository:event-register", args=[event.pk])).status_code == 403


def test_registration_closes_when_the_event_is_over(client, events_index, viewers):
    event = make_event(events_index, days=-3)
    client.force_login(viewers["member"])
    response = client.post(reverse("repository:event-register", args=[event.pk]), follow=True)
    assert "closed" in response.content.decode()
    assert not Registration.objects.exists()


def test_staff_export_the_attendee_list_and_no_one_else(client, events_index, viewers):
    event = make_event(events_index, capacity=1)
    services.event_register(event=event, user=viewers["member"])
    services.event_register(event=event, user=member())
    url = reverse("repository:event-attendees", args=[event.pk])
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(viewers["member"])
    assert client.get(url).status_code == 403
    client.force_login(viewers["staff"], second_factor=False)
    assert client.get(url).status_code == 302  # to the second factor, no list
    client.force_login(viewers["staff"])
    rows = client.get(url).content.decode().strip().splitlines()
    assert rows[0] == "name,email,organizations,status,registered_at"
    assert len(rows) == 3 and viewers["member"].email in rows[1] and "registered" in rows[1]
    assert "waitlisted" in rows[2]


def test_ics_download_and_public_feed(client, events_index, viewers):
    public = make_event(events_index, "Public webinar", audience="public")
    members_only = make_event(events_index, "Members exchange")
    past = make_event(events_index, "Old webinar", audience="public", days=-30)
    ics = client.get(reverse("repository:event-ics", args=[public.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode()
    assert "SUMMARY;LANGUAGE=en:Public webinar" in body and "BEGIN:VTIMEZONE" in body
    assert "secret-room" not in body
    client.force_login(viewers["member"])
    services.event_register(event=members_only, user=viewers["member"])
    own = client.get(reverse("repository:event-ics", args=[members_only.pk])).content.decode()
    assert "secret-room" in own.replace("\r\n ", "")
    feed = client.get(reverse("repository:events-feed")).content.decode()
    assert "Public webinar" in feed
    assert "Members exchange" not in feed and past.title not in feed


def test_outcomes_and_lessons_appear_after_the_event(client, index, events_index, viewers):
    lesson = resource(index, "What we learned in Immokalee", kind="lesson_learned")
    secret_lesson = resource(index, "Staff debrief", audience="staff")
    event = make_event(
        events_index, days=-2, audience="public", outcomes="<p>Agreed to share complaint data.</p>"
    )
    for page in (lesson, secret_lesson):
        event.outcome_resources.add(EventOutcomeResource(resource=page))
    event.save_revision().publish()
    content = client.get(event.url).content.decode()
    assert "Agreed to share complaint data." in content
    assert "What we learned in Immokalee" in content and "Staff debrief" not in content


def test_events_index_lists_upcoming_and_past_within_the_audience(client, events_index, viewers):
    make_event(events_index, "Soon public", audience="public")
    make_event(events_index, "Soon members")
    make_event(events_index, "Long ago", audience="public", days=-90)
    content = client.get(events_index.url).content.decode()
    assert "Soon public" in content and "Long ago" in content and "Soon members" not in content
    assert content.index("Soon public") < content.index("Long ago")


def test_an_event_must_end_after_it_starts(events_index):
    from django.core.exceptions import ValidationError

    event = make_event(events_index)
    event.ends_at = event.starts_at - timedelta(hours=1)
    with pytest.raises(ValidationError):
        event.full_clean()


def test_a_restricted_event_is_registered_for_by_those_who_pass_its_restriction_only(
    client, events_index, viewers
):
    """Review of issue 22: lists leave pages under a Wagtail view restriction out; an action
    on one checks the restriction for the reader (a group they are not in: 404)."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    event = make_event(events_index)
    url = reverse("repository:event-register", args=[event.pk])
    insiders = Group.objects.create(name="Convening team")
    restriction = PageViewRestriction.objects.create(page=event, restriction_type="groups")
    restriction.groups.add(insiders)
    client.force_login(viewers["member"])
    assert client.post(url).status_code == 404
    assert not Registration.objects.exists()
    viewers["member"].groups.add(insiders)
    client.post(url)
    assert Registration.objects.filter(user=viewers["member"]).exists()
