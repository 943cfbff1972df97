"""iCalendar (RFC 5545) files for events: one event, or the feed of upcoming public ones."""

from icalendar import Calendar, Event


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//WSR Collaborative//Events//EN")
    calendar.add("version", "2.0")
    return calendar


def _vevent(event, *, base_url: str, include_link: bool) -> Event:
    item = Event()
    item.add("uid", f"event-{event.pk}@wsr-collaborative")
    item.add("summary", event.title)
    item.add("dtstart", event.local_starts_at)
    item.add("dtend", event.local_ends_at)
    item.add("dtstamp", event.last_published_at or event.first_published_at)
    item.add("url", base_url + event.url)
    description = event.summary
    if include_link and event.online_link:
        description += f"\n\n{event.online_link}"
    item.add("description", description)
    if event.place:
        item.add("location", event.place)
    return item


def event_ics(event, *, base_url: str, include_link: bool) -> bytes:
    calendar = _calendar()
    calendar.add_component(_vevent(event, base_url=base_url, include_link=include_link))
    calendar.add_missing_timezones()  # a VTIMEZONE for each TZID, as RFC 5545 asks
    return calendar.to_ical()


def events_ics(events, *, base_url: str) -> bytes:
    calendar = _calendar()
    calendar.add("x-wr-calname", "WSR Collaborative")
    for event in events:
        calendar.add_component(_vevent(event, base_url=base_url, include_link=False))
    calendar.add_missing_timezones()
    return calendar.to_ical()
