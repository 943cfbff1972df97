"""Events as iCalendar entries (wsr/site/ical.py builds the files): one event, or the feed of
upcoming public ones. Times are written in the event's own time zone (with its VTIMEZONE)."""

from wsr.site.ical import CalendarEvent, calendar_ics


def _entry(event, *, base_url: str, include_link: bool, language: str) -> CalendarEvent:
    description = event.summary
    if include_link and event.online_link:
        description += f"\n\n{event.online_link}"
    return CalendarEvent(
        uid=f"event-{event.pk}@wsr-collaborative",
        summary=event.title,
        start=event.local_starts_at,
        end=event.local_ends_at,
        stamp=event.last_published_at or event.first_published_at,
        location=event.place,
        url=base_url + event.url,
        description=description,
        language=language,
    )


def event_ics(event, *, base_url: str, include_link: bool) -> bytes:
    language = event.locale.language_code
    entry = _entry(event, base_url=base_url, include_link=include_link, language=language)
    return calendar_ics([entry], product="Events")


def events_ics(events, *, base_url: str, language: str) -> bytes:
    """`events` are all in `language` (the feed lists the reader's locale)."""
    entries = [
        _entry(event, base_url=base_url, include_link=False, language=language) for event in events
    ]
    return calendar_ics(entries, product="Events", name="WSR Collaborative")
