"""The one iCalendar (RFC 5545) builder of the site (issue 18): the event files and feed of
the repository and the shared calendar's feeds of coordination describe their entries as
`CalendarEvent`s and get bytes (or a response) from here.

The icalendar package escapes text (commas, semicolons, backslashes, newlines) and folds
lines at 75 octets. Times: a date is an all-day entry (VALUE=DATE, ending the next day
unless told); an aware datetime is written in its own zone (UTC as `Z`, any other zone with
a TZID and the VTIMEZONE that defines it); a naive one is refused, as a "floating" time would
be read in each reader's own zone. DTSTAMP is always UTC, as the RFC asks."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

CONTENT_TYPE = "text/calendar; charset=utf-8"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # globally unique and stable: "<kind>-<pk>@<host>"
    summary: str
    start: date | datetime
    end: date | datetime | None = None
    stamp: datetime | None = None  # when this description last changed; now when unknown
    location: str = ""
    url: str = ""  # absolute
    description: str = ""
    categories: Sequence[str] = field(default_factory=tuple)
    language: str = ""  # of the text (LANGUAGE= on summary, description, location)


def _is_all_day(moment) -> bool:
    return isinstance(moment, date) and not isinstance(moment, datetime)


def _checked(moment, what: str):
    if isinstance(moment, datetime) and timezone.is_naive(moment):
        raise ValueError(f"{what} must be an aware datetime or a date, not {moment!r}")
    return moment


def _vevent(item: CalendarEvent, now: datetime) -> Event:
    event = Event()
    text = {"LANGUAGE": item.language} if item.language else {}
    event.add("uid", item.uid)
    event.add("dtstamp", (item.stamp or now).astimezone(UTC))
    event.add("summary", item.summary, parameters=text)
    event.add("dtstart", _checked(item.start, "start"))
    end = item.end
    if end is None and _is_all_day(item.start) and item.start < date.max:
        end = item.start + timedelta(days=1)
    if end is not None:
        event.add("dtend", _checked(end, "end"))
    if item.location:
        event.add("location", item.location, parameters=text)
    if item.url:
        event.add("url", item.url)
    if item.description:
        event.add("description", item.description, parameters=text)
    if item.categories:
        event.add("categories", list(item.categories), parameters=text)
    return event


def _day(moment) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def calendar_ics(events: Iterable[CalendarEvent], *, product: str, name: str = "") -> bytes:
    """An iCalendar file of `events`: `product` names the calendar's maker (PRODID),
    `name` is what calendar apps show for a subscribed feed (X-WR-CALNAME)."""
    now = timezone.now()
    calendar = Calendar()
    calendar.add("prodid", f"-//WSR Collaborative//{product}//EN")
    calendar.add("version", "2.0")
    if name:
        calendar.add("x-wr-calname", name)
    days = []
    for item in events:
        calendar.add_component(_vevent(item, now))
        days += [_day(item.start), _day(item.end or item.start)]
    if days:
        # A VTIMEZONE for each TZID, covering the entries' dates only (a smaller file); a
        # day at the edge of the calendar (0001-01-01, 9999-12-31) is not stepped past.
        first, last = min(days), max(days)
        calendar.add_missing_timezones(
            first_date=first - timedelta(days=1) if first > date.min else first,
            last_date=last + timedelta(days=1) if last < date.max else last,
        )
    return calendar.to_ical()


def ics_response(body: bytes, *, filename: str = "", attachment: bool = False) -> HttpResponse:
    """`body` as text/calendar; with a filename, a Content-Disposition naming it."""
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    if filename:
        disposition = "attachment" if attachment else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
