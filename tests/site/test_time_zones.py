"""Every time a person sees is in their own zone, labelled (issue 17): the event's own zone
beside the reader's, meetings and proposals in the person's zone, anonymous visitors in
UTC unless their browser said otherwise, localized formats in Spanish."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.template import Context, Template
from django.utils import timezone

from coordination import services as coordination
from coordination.models import GroupMembership, Meeting, WorkingGroup
from promotion.models import Talk
from repository.models import EventIndexPage, EventPage
from tests.members.factories import AffiliationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

# 20:00 UTC is 15:00 in New York (EST), noon in Los Angeles, 01:30 the next day in Kolkata.
STARTS = datetime(2026, 12, 15, 20, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _before_the_event():
    with time_machine.travel(datetime(2026, 11, 30, 12, 0, tzinfo=UTC)):
        yield


def text(response) -> str:
    """The page as a reader sees it: tags out, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def person(zone, **kwargs):
    user = UserFactory(**kwargs)
    user.profile.time_zone = zone
    user.profile.save()
    return user


@pytest.fixture
def event(site_tree):
    index = site_tree["en"].add_child(instance=EventIndexPage(title="Events", slug="events"))
    index.save_revision().publish()
    page = EventPage(
        title="Harvest exchange",
        summary="Learning together.",
        kind="exchange",
        format="virtual",
        starts_at=STARTS,
        ends_at=STARTS + timedelta(hours=2),
        time_zone="America/New_York",
        audience="public",
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


AT_EVENT = "Dec. 15, 2026, 3 p.m. at the event (America/New_York)"


@pytest.mark.parametrize(
    ("zone", "shown"),
    [
        ("UTC", f"Dec. 15, 2026, 8 p.m. your time (UTC) — {AT_EVENT}"),
        (
            "America/Los_Angeles",
            f"Dec. 15, 2026, noon your time (America/Los_Angeles) — {AT_EVENT}",
        ),
        ("Asia/Kolkata", f"Dec. 16, 2026, 1:30 a.m. your time (Asia/Kolkata) — {AT_EVENT}"),
    ],
)
def test_an_event_is_shown_in_the_readers_zone_beside_its_own(client, event, zone, shown):
    client.force_login(person(zone))
    assert shown in text(client.get(event.url))
    assert shown in text(client.get("/events/"))


def test_a_reader_in_the_events_zone_sees_one_labelled_time(client, event):
    client.force_login(person("America/New_York"))
    page = text(client.get(event.url))
    assert "Dec. 15, 2026, 3 p.m. (America/New_York)" in page
    assert "your time" not in page


def test_the_time_element_carries_the_instant(client, event):
    client.force_login(person("Asia/Kolkata"))
    html = client.get(event.url).content.decode()
    assert '<time datetime="2026-12-16T01:30:00+05:30">' in html
    assert '<time datetime="2026-12-15T15:00:00-05:00">' in html


def test_anonymous_visitors_get_utc_unless_their_browser_chose_a_zone(client, event):
    assert "8 p.m. your time (UTC)" in text(client.get(event.url))
    client.cookies["wsr_time_zone"] = "asia/kolkata"  # checked and spelt by the server
    assert "1:30 a.m. your time (Asia/Kolkata)" in text(client.get(event.url))
    client.cookies["wsr_time_zone"] = "Mars/Olympus_Mons"
    assert "8 p.m. your time (UTC)" in text(client.get(event.url))


def test_the_anonymous_page_cache_keeps_one_copy_per_zone(client, event, settings):
    settings.WSR_PAGE_CACHE = True
    client.get(event.url)
    assert client.get(event.url)["X-Page-Cache"] == "hit"
    client.cookies["wsr_time_zone"] = "America/Los_Angeles"
    response = client.get(event.url)
    assert response["X-Page-Cache"] == "miss"
    assert "noon your time (America/Los_Angeles)" in text(response)


def test_spanish_readers_get_spanish_formats(client):
    meeting = Meeting.objects.create(title="Planning", starts_at=STARTS, audience="members")
    reader = AffiliationFactory().user
    reader.profile.time_zone = "Europe/Madrid"
    reader.profile.save()
    client.force_login(reader)
    page = text(client.get(f"/es{meeting.get_absolute_url()}"))
    assert "15 de diciembre de 2026 a las 21:00 (Europe/Madrid)" in page


def test_a_talk_is_shown_in_the_readers_zone_beside_its_own(client, site_tree):
    Talk.objects.create(
        title="On audits",
        event="Labor conference",
        starts_at=STARTS,
        time_zone="America/New_York",
        is_public=True,
    )
    client.force_login(person("America/Los_Angeles"))
    page = text(client.get("/talks/"))
    assert f"Dec. 15, 2026, noon your time (America/Los_Angeles) — {AT_EVENT}" in page


@pytest.fixture
def group():
    made = WorkingGroup.objects.create(name="Agriculture", is_open=True)
    GroupMembership.objects.create(group=made, user=StaffFactory(), role="convener")
    return made


def test_a_meeting_is_shown_in_the_persons_zone_with_its_label(client, group):
    meeting = Meeting.objects.create(title="Planning", starts_at=STARTS, audience="members")
    reader = AffiliationFactory().user
    reader.profile.time_zone = "Asia/Kolkata"
    reader.profile.save()
    client.force_login(reader)
    assert "Dec. 16, 2026, 1:30 a.m. (Asia/Kolkata)" in text(client.get(meeting.get_absolute_url()))


def test_a_proposal_closes_in_the_persons_zone_with_its_label(client, group):
    reader = AffiliationFactory().user
    coordination.group_join(group=group, user=reader)
    convener = group.memberships.get(role="convener").user
    proposal = coordination.proposal_create(
        group=group,
        actor=convener,
        title="Research watermelons",
        text="Spend next quarter on it.",
        options=["Yes", "No"],
        closes_at=STARTS,
    )
    reader.profile.time_zone = "America/Los_Angeles"
    reader.profile.save()
    client.force_login(reader)
    shown = "Voting open until Dec. 15, 2026, noon (America/Los_Angeles)"
    assert shown in text(client.get(proposal.get_absolute_url()))
    assert "open until Dec. 15, 2026, noon (America/Los_Angeles)" in text(
        client.get(group.get_absolute_url())
    )


def test_a_changed_zone_takes_effect_on_the_next_request(client, group):
    meeting = Meeting.objects.create(title="Planning", starts_at=STARTS, audience="members")
    reader = AffiliationFactory().user
    client.force_login(reader)
    assert "8 p.m. (UTC)" in text(client.get(meeting.get_absolute_url()))
    reader.profile.time_zone = "America/Los_Angeles"
    reader.profile.save()
    assert "noon (America/Los_Angeles)" in text(client.get(meeting.get_absolute_url()))


def test_the_zone_does_not_leak_into_the_next_request(client, group):
    client.force_login(person("Asia/Kolkata"))
    client.get("/")
    assert timezone.get_current_timezone_name() == "UTC"


def test_dates_are_localized_and_the_text_form_has_no_markup():
    template = Template(
        "{{ day|when_date }}|{% autoescape off %}{{ moment|when }}{% endautoescape %}"
    )
    rendered = template.render(Context({"day": "2026-11-30", "moment": "2026-12-15T20:00:00Z"}))
    day = '<time datetime="2026-11-30">Nov. 30, 2026</time>'
    assert rendered == f"{day}|Dec. 15, 2026, 8 p.m. (UTC)"


def test_the_registration_email_is_in_the_recipients_zone_and_language(event, on_commit):
    from repository import services as repository

    reader = AffiliationFactory().user
    reader.profile.time_zone = "America/Los_Angeles"
    reader.profile.preferred_language = "es"
    reader.profile.save()
    with on_commit():
        repository.event_register(event=event, user=reader)
    email = mail.outbox[-1]
    assert "15 de diciembre de 2026 a las 12:00" in email.body
    assert "(America/Los_Angeles)" in email.body
    assert "15 de diciembre de 2026 a las 15:00" in email.body  # at the event, New York
    assert "<time" not in email.body
    html = email.alternatives[0][0]
    assert '<time datetime="2026-12-15T12:00:00-08:00">' in html
