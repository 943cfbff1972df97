"""The one iCalendar builder (wsr/site/ical.py, issue 18): text escaped and long lines folded
as RFC 5545 asks, all-day and timed entries, times in UTC or with their zone; and both of the
site's calendars (the events feed and the shared calendar's feed) come out of it and parse."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from repository.models import EventIndexPage, EventPage
from wsr.site.ical import CalendarEvent, calendar_ics

UTC = ZoneInfo("UTC")
NEW_YORK = ZoneInfo("America/New_York")


def _unfolded(body: bytes) -> str:
    return body.decode().replace("\r\n ", "")


def _only_event(body: bytes):
    (event,) = Calendar.from_ical(body).walk("VEVENT")
    return event


def test_commas_semicolons_backslashes_and_newlines_are_escaped_and_read_back():
    tricky = "Audit, review; follow-up\\next\nSecond line"
    body = calendar_ics(
        [
            CalendarEvent(
                uid="item-1@wsr.test",
                summary=tricky,
                start=datetime(2026, 5, 4, 14, 0, tzinfo=UTC),
                location="Room 1, Floor 2; east",
                description=tricky,
            )
        ],
        product="Test",
    )
    text = _unfolded(body)
    assert "SUMMARY:Audit\\, review\\; follow-up\\\\next\\nSecond line\r\n" in text
    assert "LOCATION:Room 1\\, Floor 2\\; east\r\n" in text
    event = _only_event(body)
    assert str(event["summary"]) == tricky and str(event["description"]) == tricky


def test_a_long_line_is_folded_at_75_octets_even_inside_a_multibyte_character():
    description = "Negociación colectiva " * 20  # 440 characters, some of two bytes
    body = calendar_ics(
        [
            CalendarEvent(
                uid="item-2@wsr.test",
                summary="Long",
                start=date(2026, 5, 4),
                description=description,
            )
        ],
        product="Test",
    )
    lines = body.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    assert any(line.startswith(b" ") for line in lines)  # continuation lines
    body.decode("utf-8")  # never cut inside a character
    assert str(_only_event(body)["description"]) == description


def test_an_all_day_entry_is_a_date_that_ends_the_next_day():
    body = calendar_ics(
        [CalendarEvent(uid="funding-3@wsr.test", summary="Deadline", start=date(2026, 5, 4))],
        product="Test",
    )
    assert "DTSTART;VALUE=DATE:20260504\r\n" in body.decode()
    event = _only_event(body)
    assert event.decoded("dtstart") == date(2026, 5, 4)
    assert event.decoded("dtend") == date(2026, 5, 5)


def test_a_timed_entry_is_written_in_utc_or_in_its_own_zone_with_that_zone_defined():
    in_utc = CalendarEvent(
        uid="meeting-4@wsr.test",
        summary="Call",
        start=datetime(2026, 7, 1, 13, 0, tzinfo=UTC),
        end=datetime(2026, 7, 1, 14, 0, tzinfo=UTC),
    )
    in_new_york = CalendarEvent(
        uid="event-5@wsr.test",
        summary="Exchange",
        start=datetime(2026, 7, 1, 9, 0, tzinfo=NEW_YORK),
        end=datetime(2026, 7, 1, 12, 0, tzinfo=NEW_YORK),
        stamp=datetime(2026, 6, 1, 8, 30, tzinfo=NEW_YORK),
        language="es",
    )
    body = calendar_ics([in_utc, in_new_york], product="Test", name="WSR")
    text = _unfolded(body)
    assert "DTSTART:20260701T130000Z\r\n" in text
    assert "DTSTART;TZID=America/New_York:20260701T090000\r\n" in text
    assert "BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n" in text
    assert "DTSTAMP:20260601T123000Z\r\n" in text  # always UTC
    assert "SUMMARY;LANGUAGE=es:Exchange\r\n" in text
    assert "X-WR-CALNAME:WSR\r\n" in text
    parsed = Calendar.from_ical(body)
    starts = {str(e["uid"]): e.decoded("dtstart") for e in parsed.walk("VEVENT")}
    assert starts["event-5@wsr.test"] == datetime(2026, 7, 1, 13, 0, tzinfo=UTC)
    assert starts["meeting-4@wsr.test"] == datetime(2026, 7, 1, 13, 0, tzinfo=UTC)


def test_a_naive_time_is_refused_rather_than_left_floating():
    with pytest.raises(ValueError):
        calendar_ics(
            [CalendarEvent(uid="x@wsr.test", summary="?", start=datetime(2026, 1, 1, 9))],  # noqa: DTZ001
            product="Test",
        )


@pytest.mark.django_db
def test_the_events_feed_and_the_shared_calendar_feed_parse(client, site_tree):
    from coordination.models import CalendarItem

    events = site_tree["en"].add_child(instance=EventIndexPage(title="Events", slug="events"))
    events.save_revision().publish()
    starts = timezone.now() + timedelta(days=5)
    event = EventPage(
        title="Exchange, Immokalee; day one",
        summary="Learning together.\nBring notes.",
        kind="exchange",
        format="in_person",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        time_zone="America/New_York",
        place="Immokalee",
        audience="public",
    )
    events.add_child(instance=event)
    event.save_revision().publish()
    CalendarItem.objects.create(
        kind="hearing", title="Hearing, phase 2", starts_at=starts, audience="public"
    )
    CalendarItem.objects.create(
        kind="deadline", title="Filing", starts_at=starts, audience="public", all_day=True
    )

    feed = client.get("/feeds/events.ics")
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    (parsed,) = Calendar.from_ical(feed.content).walk("VEVENT")
    assert str(parsed["summary"]) == "Exchange, Immokalee; day one"
    assert parsed["summary"].params["LANGUAGE"] == "en"

    single = client.get(reverse("repository:event-ics", args=[event.pk]))
    assert single["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    assert str(_only_event(single.content)["description"]) == "Learning together.\nBring notes."

    shared = client.get("/coordination/calendar/public.ics")
    assert shared["Content-Disposition"] == 'inline; filename="wsr-calendar.ics"'
    entries = {str(e["summary"]): e for e in Calendar.from_ical(shared.content).walk("VEVENT")}
    assert entries["Hearing, phase 2"].decoded("dtstart") == starts.replace(microsecond=0)
    assert isinstance(entries["Filing"].decoded("dtstart"), date)
