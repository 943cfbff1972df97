"""Meetings (issue 20): answers with counts, the online link only for who may attend (never
in a public page or feed), agenda editing, a per-meeting .ics a calendar parser reads, and
reminders the day before, once, to who answered yes or maybe."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from coordination import services
from coordination.models import (
    CalendarItem,
    GroupMembership,
    Meeting,
    MeetingResponse,
    WorkingGroup,
)
from coordination.personal_data import account_deletion, personal_data
from notifications.models import Notification
from tests.members.factories import AffiliationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/wsr-strategy-7f3a"


@pytest.fixture
def group():
    made = WorkingGroup.objects.create(name="Strategy", is_open=False)
    convener = AffiliationFactory().user
    GroupMembership.objects.create(group=made, user=convener, role="convener")
    return made


def _convener(group):
    return group.memberships.get(role="convener").user


def _in_group(group):
    person = AffiliationFactory().user
    GroupMembership.objects.create(group=group, user=person)
    return person


def _meeting(group=None, *, audience="group", starts_in=timedelta(days=3), **extra):
    return Meeting.objects.create(
        group=group,
        title="Monthly call",
        starts_at=timezone.now() + starts_in,
        ends_at=timezone.now() + starts_in + timedelta(hours=1),
        place="Immokalee office",
        online_url=LINK,
        audience=audience,
        working_group=group if audience == "group" else None,
        **extra,
    )


def test_members_answer_change_their_answer_and_the_counts_follow(client, group):
    meeting = _meeting(group)
    first, second = _in_group(group), _in_group(group)
    client.force_login(first)
    response = client.post(f"/coordination/meetings/{meeting.pk}/rsvp/", {"answer": "yes"})
    assert response.status_code == 302
    client.post(f"/coordination/meetings/{meeting.pk}/rsvp/", {"answer": "maybe"})
    services.meeting_respond(meeting=meeting, user=second, answer="yes")
    assert MeetingResponse.objects.filter(meeting=meeting).count() == 2
    page = client.get(meeting.get_absolute_url())
    assert page.context["rsvp_counts"] == {"yes": 1, "maybe": 1, "no": 0}
    assert "1 yes · 1 maybe · 0 no" in page.content.decode()
    assert page.context["my_response"].answer == "maybe"


def test_people_who_may_not_see_the_meeting_cannot_answer(client, group):
    meeting = _meeting(group)
    client.force_login(AffiliationFactory().user)  # a member, not in the group
    assert (
        client.post(f"/coordination/meetings/{meeting.pk}/rsvp/", {"answer": "yes"}).status_code
        == 404
    )
    public = _meeting(audience="public")
    client.force_login(UserFactory())  # an account without a member organization
    assert (
        client.post(f"/coordination/meetings/{public.pk}/rsvp/", {"answer": "yes"}).status_code
        == 403
    )
    assert not MeetingResponse.objects.exists()


def test_a_past_meeting_takes_no_more_answers(client, group):
    meeting = _meeting(group, starts_in=-timedelta(hours=3))
    client.force_login(_in_group(group))
    assert (
        client.post(f"/coordination/meetings/{meeting.pk}/rsvp/", {"answer": "yes"}).status_code
        == 403
    )


def test_the_online_link_of_a_group_meeting_is_for_the_group(client, group):
    meeting = _meeting(group)
    client.force_login(_in_group(group))
    assert LINK in client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(AffiliationFactory().user)
    assert client.get(meeting.get_absolute_url()).status_code == 404


def test_the_online_link_of_a_public_meeting_needs_a_yes_or_a_maybe(client):
    meeting = _meeting(audience="public")
    person = AffiliationFactory().user
    client.force_login(person)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert LINK not in page and "once you answer yes or maybe" in page
    client.post(f"/coordination/meetings/{meeting.pk}/rsvp/", {"answer": "no"})
    assert LINK not in client.get(meeting.get_absolute_url()).content.decode()
    client.post(f"/coordination/meetings/{meeting.pk}/rsvp/", {"answer": "maybe"})
    assert LINK in client.get(meeting.get_absolute_url()).content.decode()
    # Someone else who did not answer still does not see it.
    client.force_login(AffiliationFactory().user)
    assert LINK not in client.get(meeting.get_absolute_url()).content.decode()


def test_the_online_link_is_in_no_public_page_or_feed(client):
    meeting = _meeting(audience="public")
    MeetingResponse.objects.create(meeting=meeting, user=AffiliationFactory().user, answer="yes")
    month = timezone.localtime(meeting.starts_at).strftime("%Y-%m")
    for path in (
        "/coordination/calendar/public.ics",
        f"/coordination/calendar/?month={month}&view=list",
    ):
        body = client.get(path).content.decode()
        assert "Monthly call" in body, path
        assert "meet.example.org" not in body, path
    # the meeting's own page and file are public too (issue 20 review), without the link
    for path in (meeting.get_absolute_url(), f"/coordination/meetings/{meeting.pk}/meeting.ics"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "meet.example.org" not in response.content.decode(), path


def _parsed(response):
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == 1
    return events[0]


def test_the_meeting_file_parses_with_utc_times_and_a_stable_uid(client, group, settings):
    meeting = _meeting(group, agenda="1. Audit findings\n2. Next steps")
    # 3 p.m. in New York, ten days on: 20:00 or 19:00 UTC, whatever the reader's zone.
    new_york = ZoneInfo("America/New_York")
    day = (timezone.now() + timedelta(days=10)).astimezone(new_york).date()
    meeting.starts_at = datetime.combine(day, time(15), tzinfo=new_york)
    meeting.ends_at = meeting.starts_at + timedelta(minutes=90)
    meeting.save()
    person = _in_group(group)
    person.profile.time_zone = "America/New_York"
    person.profile.save()
    client.force_login(person)
    path = f"/coordination/meetings/{meeting.pk}/meeting.ics"
    event = _parsed(client.get(path))
    assert event.decoded("dtstart") == meeting.starts_at.astimezone(UTC)
    assert event.decoded("dtstart").utcoffset() == timedelta(0)
    offset = -new_york.utcoffset(datetime.combine(day, time(15))).total_seconds() / 3600
    assert f"DTSTART:{day:%Y%m%d}T{15 + int(offset):02}0000Z" in client.get(path).content.decode()
    assert event.decoded("dtend") == meeting.ends_at.astimezone(UTC)
    assert str(event["summary"]) == "Monthly call"
    host = settings.SITE_URL.split("://")[-1]
    assert str(event["uid"]) == f"meeting-{meeting.pk}@{host}"
    assert str(_parsed(client.get(path))["uid"]) == str(event["uid"])  # stable
    assert LINK in str(event["description"]) and "Audit findings" in str(event["description"])
    client.force_login(AffiliationFactory().user)  # not in the group
    assert client.get(path).status_code == 404


def test_the_meeting_file_of_a_public_meeting_has_the_link_only_after_an_answer(client):
    meeting = _meeting(audience="public")
    person = AffiliationFactory().user
    client.force_login(person)
    path = f"/coordination/meetings/{meeting.pk}/meeting.ics"
    assert "meet.example.org" not in client.get(path).content.decode()
    services.meeting_respond(meeting=meeting, user=person, answer="yes")
    assert LINK in str(_parsed(client.get(path))["description"])


def test_conveners_edit_the_agenda_in_sanitized_markdown_and_members_cannot(client, group):
    meeting = _meeting(group)
    member = _in_group(group)
    client.force_login(member)
    assert client.get(f"/coordination/meetings/{meeting.pk}/edit/").status_code == 403
    client.force_login(_convener(group))
    start = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M")
    data = {
        "title": "Monthly call",
        "starts_at": start,
        "ends_at": "",
        "place": "Immokalee office",
        "online_url": LINK,
        "agenda": "**Audit** <script>alert(1)</script>",
    }
    response = client.post(f"/coordination/meetings/{meeting.pk}/edit/", data)
    assert response.status_code == 302
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "<strong>Audit</strong>" in page and "<script>alert" not in page
    bad = client.post(f"/coordination/meetings/{meeting.pk}/edit/", {**data, "starts_at": "soon"})
    assert bad.status_code == 400 and "Audit" in bad.content.decode()


def test_group_members_add_meetings_for_their_group(client, group):
    member = _in_group(group)
    client.force_login(member)
    start = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"/coordination/groups/{group.slug}/meetings/new/",
        {"title": "Harvest check-in", "starts_at": start, "online_url": LINK},
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Harvest check-in")
    assert (meeting.audience, meeting.working_group, meeting.created_by) == ("group", group, member)
    assert client.get(f"/coordination/meetings/{meeting.pk}/edit/").status_code == 200
    client.force_login(AffiliationFactory().user)  # not in the group: the group is hidden
    assert client.get(f"/coordination/groups/{group.slug}/meetings/new/").status_code == 404


def test_reminders_go_once_to_yes_and_maybe_the_day_before(group, on_commit):
    tomorrow = _meeting(group, starts_in=timedelta(hours=20))
    later = _meeting(group, starts_in=timedelta(days=3))
    yes, maybe, no = _in_group(group), _in_group(group), _in_group(group)
    for person, answer in ((yes, "yes"), (maybe, "maybe"), (no, "no")):
        services.meeting_respond(meeting=tomorrow, user=person, answer=answer)
        services.meeting_respond(meeting=later, user=person, answer=answer)
    with on_commit():
        assert services.meeting_reminders_send() == 2
    assert services.meeting_reminders_send() == 0  # once
    reminded = Notification.objects.filter(kind="meeting_reminder")
    assert sorted(reminded.values_list("recipient_id", flat=True)) == sorted([yes.pk, maybe.pk])
    assert set(reminded.values_list("target_id", flat=True)) == {tomorrow.pk}


def test_the_reminder_task_is_scheduled(settings):
    from coordination.tasks import send_meeting_reminders

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "coordination.tasks.send_meeting_reminders" in tasks
    assert send_meeting_reminders.name == "coordination.tasks.send_meeting_reminders"


def test_answers_are_exported_and_deleted_with_the_account_and_items_handed_over(group):
    meeting = _meeting(group)
    person = _in_group(group)
    services.meeting_respond(meeting=meeting, user=person, answer="yes")
    item = CalendarItem.objects.create(
        kind="action", title="Picket", starts_at=timezone.now(), proposed_by=person
    )
    data = personal_data(person)
    assert data["meeting_answers"][0]["answer"] == "yes"
    assert data["calendar_items_added"][0]["title"] == "Picket"
    staff = StaffFactory()
    part = account_deletion(person)
    part.carry_out()
    assert not MeetingResponse.objects.filter(user=person).exists()
    item.refresh_from_db()
    assert item.proposed_by == staff


@pytest.mark.parametrize("rows", [1, 12])
def test_the_meeting_page_keeps_its_query_count(client, group, rows, django_assert_num_queries):
    meeting = _meeting(group, agenda="*Agenda*")
    people = [_in_group(group) for _ in range(rows)]
    for n, person in enumerate(people):
        services.meeting_respond(meeting=meeting, user=person, answer=("yes", "maybe", "no")[n % 3])
    meeting.attendees.add(*people)
    client.force_login(people[0])
    client.get(meeting.get_absolute_url())
    with django_assert_num_queries(MEETING_PAGE_QUERIES):
        response = client.get(meeting.get_absolute_url())
    assert sum(response.context["rsvp_counts"].values()) == rows
    assert LINK in response.content.decode()


MEETING_PAGE_QUERIES = 13  # 17 before issue 22; +1: may delete (permissions.can_delete_meeting)


def test_an_answer_that_is_not_yes_maybe_or_no_is_refused_with_the_form(client, group):
    meeting = _meeting(group)
    client.force_login(_in_group(group))
    response = client.post(f"/coordination/meetings/{meeting.pk}/rsvp/", {"answer": "perhaps"})
    assert response.status_code == 400
    assert response.context["response_form"].errors
    assert not MeetingResponse.objects.exists()
