"""One way to show a time (issue 17): in the reader's zone (activated by
`wsr.site.time_zones.TimeZoneMiddleware`, or by the email renderer for the recipient), in
the active language's formats, labelled with the zone; beside the event's own time when the
event is elsewhere.

    {% load when %}
    {{ meeting.starts_at|when }}             <time datetime="…">Dec. 1, 2026, 2 p.m.</time> (UTC)
    {{ event.starts_at|when:event.time_zone }}  … your time (…) — … at the event (…)
    {{ case.submitted_at|when_date }}        <time datetime="2026-12-01">Dec. 1, 2026</time>
    {% when value %} / {% when value event_zone=z %} / {% when value date_only=True %}

With autoescaping off (the text part of emails) the same filters give plain text. Values
may be datetimes, dates, or their ISO text (email contexts are stored as JSON).
"""

import datetime
import zoneinfo

from django import template
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext

from ..time_zones import canonical_zone

register = template.Library()


def _value(value):
    """A datetime (aware), a date, or None."""
    if isinstance(value, str):
        try:
            value = parse_datetime(value) or parse_date(value)
        except ValueError:
            return None
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, timezone.get_default_timezone())
        return value
    if isinstance(value, datetime.date):
        return value
    return None


def _parts(value, *, date_only=False, event_zone=None):
    """[(iso, text, label)] for one time, or two (the reader's, then the event's). A time
    at the very edge of what Python holds (0001-01-01, 9999-12-31) that no zone can shift
    shows as it is stored (UTC), rather than breaking the page."""
    value = _value(value)
    if value is None:
        return []
    try:
        return _zoned_parts(value, date_only=date_only, event_zone=event_zone)
    except (OverflowError, ValueError):
        if isinstance(value, datetime.datetime) and not date_only:
            return [(value.isoformat(), date_format(value, "DATETIME_FORMAT"), "UTC")]
        day = value.date() if isinstance(value, datetime.datetime) else value
        return [(day.isoformat(), date_format(day, "DATE_FORMAT"), None)]


def _zoned_parts(value, *, date_only, event_zone):
    if not isinstance(value, datetime.datetime) or date_only:
        day = timezone.localtime(value).date() if isinstance(value, datetime.datetime) else value
        return [(day.isoformat(), date_format(day, "DATE_FORMAT"), None)]
    local = timezone.localtime(value)
    here = timezone.get_current_timezone_name()
    parts = [(local.isoformat(), date_format(local, "DATETIME_FORMAT"), here)]
    there = canonical_zone(event_zone) if event_zone else None
    if there and there != here:
        at_event = timezone.localtime(value, zoneinfo.ZoneInfo(there))
        if at_event.utcoffset() != local.utcoffset():
            parts.append((at_event.isoformat(), date_format(at_event, "DATETIME_FORMAT"), there))
    return parts


def when_text(value, *, date_only=False, event_zone=None) -> str:
    """The plain-text form (emails' text part, subjects, summaries built in Python)."""
    parts = _parts(value, date_only=date_only, event_zone=event_zone)
    if not parts:
        return ""
    if len(parts) == 1:
        _iso, text, label = parts[0]
        if label is None:
            return text
        return pgettext("a time and its zone", "%(time)s (%(zone)s)") % {
            "time": text,
            "zone": label,
        }
    (_iso, here, zone), (_iso2, there, event_zone_name) = parts
    return gettext("%(here)s your time (%(zone)s) — %(there)s at the event (%(event_zone)s)") % {
        "here": here,
        "zone": zone,
        "there": there,
        "event_zone": event_zone_name,
    }


def when_html(value, *, date_only=False, event_zone=None) -> str:
    """The same, each time in a <time datetime="…"> element."""
    parts = _parts(value, date_only=date_only, event_zone=event_zone)
    if not parts:
        return ""
    times = [format_html('<time datetime="{}">{}</time>', iso, text) for iso, text, _l in parts]
    if len(parts) == 1:
        label = parts[0][2]
        if label is None:
            return times[0]
        template_text = pgettext("a time and its zone", "%(time)s (%(zone)s)")
        return mark_safe(escape(template_text) % {"time": times[0], "zone": escape(label)})  # noqa: S308
    template_text = gettext(
        "%(here)s your time (%(zone)s) — %(there)s at the event (%(event_zone)s)"
    )
    return mark_safe(  # noqa: S308 -- translator text escaped, values escaped by format_html
        escape(template_text)
        % {
            "here": times[0],
            "zone": escape(parts[0][2]),
            "there": times[1],
            "event_zone": escape(parts[1][2]),
        }
    )


def _render(value, autoescape, **options):
    return when_html(value, **options) if autoescape else when_text(value, **options)


@register.filter(name="when", needs_autoescape=True)
def when_filter(value, event_zone=None, autoescape=True):
    return _render(value, autoescape, event_zone=event_zone)


@register.filter(needs_autoescape=True)
def when_date(value, autoescape=True):
    return _render(value, autoescape, date_only=True)


@register.simple_tag(name="when", takes_context=True)
def when_tag(context, value, event_zone=None, date_only=False):
    return _render(value, context.autoescape, event_zone=event_zone, date_only=date_only)
