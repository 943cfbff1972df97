"""Fixes of issue 20's review, meetings part: dates outside 1900–2200 are refused and stored
extremes break no page; public meetings are readable by anyone; the reminder's subject; a
review needs an explicit decision; members delete the meetings they added; calendar items'
descriptions show; results follow adopted proposals and the decision log finds them."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from icalendar import Calendar

from coordination import services
from coordination.forms_meetings import CalendarItemForm, MeetingForm
from coordination.models import (
    CalendarItem,
    GroupMembership,
    Meeting,
    MeetingResponse,
    Proposal,
    Result,
    WorkingGroup,
)
from notifications.models import Notification
from tests.members.factories import AffiliationFactory
from tests.query_counts import signed_in_staff
from wsr.site.ical import CalendarEvent, calendar_ics
from wsr.site.templatetags.when import when_html, when_text

pytestmark = pytest.mark.django_db

staff = signed_in_staff
LINK = "https://meet.example.org/secret-room"


@pytest.fixture
def group():
    made = WorkingGroup.objects.create(name="Strategy", is_open=False)
    convener = AffiliationFactory().user
    GroupMembership.objects.create(group=made, user=convener, role="convener")
    return made


def _in_group(group):
    person = AffiliationFactory().user
    GroupMembership.objects.create(group=group, user=person)
    return person


def _meeting(group=None, *, audience="group", starts_at=None, **extra):
    starts_at = starts_at or timezone.now() + timedelta(days=3)
    return Meeting.objects.create(
        group=group,
        title="Monthly call",
        starts_at=starts_at,
        place="Immokalee office",
        online_url=LINK,
        audience=audience,
        working_group=group if audience == "group" else None,
        **extra,
    )


# 1. Extreme dates -----------------------------------------------------------------------


@pytest.mark.parametrize("when", ["0001-01-01T00:00", "9999-12-31T23:59", "1899-12-31T10:00"])
def test_the_forms_refuse_dates_outside_1900_to_2200(when):
    meeting = MeetingForm({"title": "Call", "starts_at": when})
    assert not meeting.is_valid() and "starts_at" in meeting.errors
    item = CalendarItemForm(
        {"kind": "action", "title": "Rally", "starts_at": "2027-01-01T10:00", "ends_at": when,
         "audience": "members"},
        user=AffiliationFactory().user,
    )  # fmt: skip
    assert not item.is_valid() and "ends_at" in item.errors
    assert MeetingForm({"title": "Call", "starts_at": "2200-12-31T10:00"}).is_valid()


@pytest.mark.parametrize(
    "moment",
    [datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 23, 59, tzinfo=UTC)],
)
def test_stored_extreme_times_break_no_page_for_a_reader_elsewhere(client, group, moment):
    with timezone.override("America/New_York" if moment.year == 1 else "Asia/Tokyo"):
        assert when_text(moment) and "<time" in when_html(moment)
        assert when_text(moment, event_zone="Europe/Paris")
    meeting = _meeting(group, starts_at=moment)
    CalendarItem.objects.create(
        kind="action", title="Edge", starts_at=moment, audience="members", public_requested=True
    )
    person = _in_group(group)
    for zone in ("America/New_York", "Asia/Tokyo"):
        person.profile.time_zone = zone
        person.profile.save()
        client.force_login(person)
        assert client.get(meeting.get_absolute_url()).status_code == 200
        assert client.get(group.get_absolute_url()).status_code == 200
        ics = client.get(f"/coordination/meetings/{meeting.pk}/meeting.ics")
        assert ics.status_code == 200 and Calendar.from_ical(ics.content)


def test_calendar_ics_takes_the_first_and_last_days():
    for day in (date.min, date.max):
        body = calendar_ics([CalendarEvent(uid="x@h", summary="Edge", start=day)], product="T")
        assert b"Edge" in body


def test_the_review_page_shows_an_extreme_item(client, staff):
    CalendarItem.objects.create(
        kind="action",
        title="Edge item",
        starts_at=datetime(9999, 12, 31, 23, 0, tzinfo=UTC),
        audience="members",
        public_requested=True,
    )
    staff.profile.time_zone = "Asia/Tokyo"
    staff.profile.save()
    client.force_login(staff)
    page = client.get("/coordination/review/")
    assert page.status_code == 200 and "Edge item" in page.content.decode()


# 7. Public meetings ---------------------------------------------------------------------


def test_a_public_meeting_is_read_by_anyone_without_its_link_or_answers(client, group):
    meeting = _meeting(None, audience="public", agenda="Talk about **wages**")
    page = client.get(meeting.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "Monthly call" in text and "<strong>wages</strong>" in text
    assert LINK not in text and "Sign in to answer" in text
    assert 'name="answer"' not in text
    ics = client.get(f"/coordination/meetings/{meeting.pk}/meeting.ics")
    assert ics.status_code == 200 and LINK.encode() not in ics.content
    members_only = _meeting(group)  # a group's meeting: 404 for anonymous readers
    assert client.get(members_only.get_absolute_url()).status_code == 404
    assert client.get(f"/coordination/meetings/{members_only.pk}/meeting.ics").status_code == 404
    assert (
        client.post(f"/coordination/meetings/{meeting.pk}/rsvp/", {"answer": "yes"}).status_code
        == 302
    )  # to sign in
    assert not MeetingResponse.objects.exists()


# 8. Reminder subject --------------------------------------------------------------------


def test_the_reminder_subject_does_not_say_tomorrow():
    subject = render_to_string(
        "coordination/email/meeting_reminder_subject.txt",
        {"title": "Monthly call", "starts_at": timezone.now().isoformat()},
    )
    assert "Tomorrow" not in subject and subject.startswith("Soon: Monthly call at ")


# 10. Review decisions -------------------------------------------------------------------


def test_a_review_without_an_explicit_decision_changes_nothing(client, staff):
    proposer = AffiliationFactory().user
    item = CalendarItem.objects.create(
        kind="action",
        title="Rally",
        starts_at=timezone.now() + timedelta(days=2),
        audience="members",
        public_requested=True,
        proposed_by=proposer,
    )
    client.force_login(staff)
    for data in ({}, {"decision": "yes"}, {"decision": "APPROVE"}):
        response = client.post(f"/coordination/review/calendar/{item.pk}/", data)
        assert response.status_code == 400
        item.refresh_from_db()
        assert item.public_requested and item.audience == "members"
    assert not Notification.objects.filter(kind="item_review").exists()


# 11. Deleting a meeting, the "All day" label -------------------------------------------


def test_a_member_deletes_the_meeting_they_added_and_who_comes_is_told(client, group):
    adder = _in_group(group)
    meeting = services.meeting_create(
        group=group, actor=adder, title="Field visit", starts_at=timezone.now() + timedelta(days=2)
    )
    coming, other = _in_group(group), _in_group(group)
    services.meeting_respond(meeting=meeting, user=coming, answer="yes")
    services.meeting_respond(meeting=meeting, user=adder, answer="yes")
    client.force_login(other)
    assert client.get(f"/coordination/meetings/{meeting.pk}/delete/").status_code == 403
    client.force_login(adder)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f"/coordination/meetings/{meeting.pk}/delete/" in page
    confirm = client.get(f"/coordination/meetings/{meeting.pk}/delete/")
    assert confirm.status_code == 200 and Meeting.objects.filter(pk=meeting.pk).exists()
    assert client.post(f"/coordination/meetings/{meeting.pk}/delete/").status_code == 302
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    told = Notification.objects.filter(template="coordination/email/meeting_cancelled")
    assert list(told.values_list("recipient", flat=True)) == [coming.pk]


def test_the_all_day_label_has_no_stray_colon():
    form = CalendarItemForm(user=AffiliationFactory().user)
    assert "All day:" not in form["all_day"].label_tag()


# 6. Calendar item descriptions ----------------------------------------------------------


def test_calendar_item_descriptions_show_in_the_list_and_the_feeds(client):
    member = AffiliationFactory().user
    start = timezone.now() + timedelta(days=2)
    item = CalendarItem.objects.create(
        kind="action",
        title="Rally",
        starts_at=start,
        audience="public",
        description="Bring **signs** <script>x</script>",
    )
    client.force_login(member)
    month = timezone.localtime(start).strftime("%Y-%m")
    page = client.get(f"/coordination/calendar/?month={month}&view=list").content.decode()
    assert "<strong>signs</strong>" in page and "<script>x" not in page
    assert f'id="entry-item-{item.pk}"' in page
    month_view = client.get(f"/coordination/calendar/?month={month}&view=month").content.decode()
    assert f'href="#entry-item-{item.pk}"' in month_view
    token = services.calendar_token_for(member).token
    for path in (f"/coordination/calendar/feed/{token}.ics", "/coordination/calendar/public.ics"):
        events = Calendar.from_ical(client.get(path).content).walk("VEVENT")
        assert "Bring **signs**" in str(events[0]["description"])


# 9. Results follow adopted decisions; the decision log finds results --------------------


def _closed_proposal(group, outcome="Rejected"):
    return Proposal.objects.create(
        group=group,
        title="Joint letter to buyers",
        text="Shall we write?",
        closes_at=timezone.now() - timedelta(days=1),
        outcome=outcome,
        audience="group",
        working_group=group,
    )


def test_a_result_needs_the_convener_to_confirm_the_proposal_was_adopted(client, group):
    convener = group.memberships.get(role="convener").user
    proposal = _closed_proposal(group)
    client.force_login(convener)
    url = f"/coordination/proposals/{proposal.pk}/results/new/"
    data = {"title": "Letter sent", "status": "planned", "progress": 0}
    response = client.post(url, data)
    assert response.status_code == 400 and not Result.objects.exists()
    assert client.post(url, {**data, "adopted": "on"}).status_code == 302
    assert Result.objects.count() == 1
    with pytest.raises(ValidationError):
        services.results.result_create(
            proposal=proposal, actor=convener, title="Another", adopted=False
        )


def test_the_decision_log_search_matches_result_titles(client, group):
    convener = group.memberships.get(role="convener").user
    proposal = _closed_proposal(group, outcome="Adopted")
    services.results.result_create(proposal=proposal, actor=convener, title="Zebra mailing")
    client.force_login(convener)
    page = client.get(f"{group.get_absolute_url()}?q=zebra")
    assert [p.pk for p in page.context["decisions"]] == [proposal.pk]
