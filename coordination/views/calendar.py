"""The shared calendar: a month grid and a list, and iCalendar feeds: the public one, and a
private one per person whose secret URL shows exactly what that person may see."""

import calendar as month_calendar
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsr.site.access import public, token_view
from wsr.site.errors import bad_request
from wsr.site.ical import CalendarEvent, calendar_ics, ics_response

from .. import selectors, services
from ..calendar_cache import public_calendar_entries
from ..models import CalendarToken
from ._common import login_required

FEED_PAST_DAYS = 90
GRID_ITEMS = 4  # per day in the month grid; the list view holds every entry
FEED_FUTURE_DAYS = 400


# The years the month grid shows: wider than any real entry, and clear of the first and last
# dates Python has (?month=0001-01 or 9999-12 stepped to a month that cannot exist: issue 17).
from ..forms_meetings import FIRST_YEAR, LAST_YEAR  # noqa: E402 - one definition, with the forms'


def _month_from(value: str) -> date | None:
    """The month `?month=YYYY-MM` names; this month when absent or unreadable (2026-13);
    None when its year is outside the years the calendar covers."""
    try:
        year, month = (int(part) for part in value.split("-"))
    except (ValueError, AttributeError):
        return timezone.localdate().replace(day=1)
    if not 1 <= month <= 12:
        return timezone.localdate().replace(day=1)  # unreadable, as a typo is
    if FIRST_YEAR <= year <= LAST_YEAR:
        return date(year, month, 1)
    return None


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@public
def calendar(request):
    first = _month_from(request.GET.get("month", ""))
    if first is None:
        return bad_request(
            request,
            message=_(
                "Give the month as YYYY-MM, in the years %(first)s to %(last)s that the "
                "calendar covers."
            )
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
        )
    view = "list" if request.GET.get("view") == "list" else "month"
    next_month = (first + timedelta(days=32)).replace(day=1)
    previous_month = (first - timedelta(days=1)).replace(day=1)
    if request.user.is_authenticated:
        entries = selectors.calendar_entries(request.user, _aware(first), _aware(next_month))
    else:  # the same for every anonymous reader of a language and zone: kept (issue 22)
        entries = public_calendar_entries(request, _aware(first), _aware(next_month))
    by_day: dict[date, list] = {}
    for entry in entries:
        by_day.setdefault(entry.day, []).append(entry)
    weeks = [
        [
            (day, by_day.get(day, [])[:GRID_ITEMS], max(len(by_day.get(day, [])) - GRID_ITEMS, 0))
            for day in week
        ]
        for week in month_calendar.Calendar(firstweekday=0).monthdatescalendar(
            first.year, first.month
        )
    ]
    token = None
    if request.user.is_authenticated:
        token = CalendarToken.objects.filter(user=request.user).first()
    return render(
        request,
        "coordination/calendar.html",
        {
            "first": first,
            "view": view,
            "weeks": weeks,
            "entries": entries,
            "previous_month": previous_month,
            "next_month": next_month,
            "today": timezone.localdate(),
            "token": token,
            # Django's translated names (the calendar module's follow the process's locale)
            "weekday_names": [str(WEEKDAYS[i]) for i in range(7)],
        },
    )


def _ics(user, name: str) -> HttpResponse:
    now = timezone.now()
    entries = selectors.calendar_entries(
        user, now - timedelta(days=FEED_PAST_DAYS), now + timedelta(days=FEED_FUTURE_DAYS)
    )
    host = settings.SITE_URL.split("://")[-1]
    events = [
        CalendarEvent(
            uid=f"{entry.uid}@{host}",
            summary=entry.title,
            start=entry.day if entry.all_day else entry.starts_at,
            end=None if entry.all_day else entry.ends_at,
            stamp=now,
            location=entry.place,
            url=settings.SITE_URL + entry.url if entry.url else "",
            description=entry.description,  # issue 20: as written (Markdown is plain text)
            categories=[entry.kind],
        )
        for entry in entries
    ]
    body = calendar_ics(events, product="Shared calendar", name=name)
    return ics_response(body, filename="wsr-calendar.ics")


@public
def calendar_public_feed(request):
    from django.contrib.auth.models import AnonymousUser

    return _ics(AnonymousUser(), "WSR Collaborative")


@token_view
def calendar_feed(request, token):
    """A person's private feed: the token is the only credential (calendar apps cannot sign
    in), so a wrong or reset token finds nothing."""
    match = CalendarToken.objects.select_related("user").filter(token=token).first()
    if match is None or not match.user.is_active:
        raise Http404
    response = _ics(match.user, "WSR Collaborative (private)")
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def calendar_token_reset(request):
    if CalendarToken.objects.filter(user=request.user).exists():
        services.calendar_token_reset(request.user)
        messages.success(
            request, _("Your private feed has a new address: the old one stopped working.")
        )
    else:
        services.calendar_token_for(request.user)
        messages.success(request, _("Your private feed address is ready."))
    return redirect(reverse("coordination:calendar") + "#feeds")
