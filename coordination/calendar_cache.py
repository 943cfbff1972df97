"""The public calendar's entries, kept (issue 22): what an anonymous reader sees in a month is
the same for every anonymous reader of a language and time zone, so it is read once and
kept under CALENDAR, a generation replaced by every save or delete of a row of any model
the calendar shows (and by every publish of a page, through PAGES: events are pages).

Only the public's entries are kept: a member's depend on their working groups, staff see
application deadlines. The month grid and the list are still drawn per request (today's
cell, the reader's formats)."""

from django.db.models.signals import post_delete, post_save

from wsr.site.fragments import fragment
from wsr.site.generations import Generation
from wsr.site.page_cache import PAGES

from . import selectors

CALENDAR = Generation("coordination:calendar")

# every model whose rows (or whose names, audiences and addresses) the calendar shows
SHOWN = (
    "coordination.CalendarItem",
    "coordination.Meeting",
    "coordination.FundingOpportunity",
    "coordination.Funder",
    "coordination.FundingApplication",
    "coordination.Update",
    "coordination.Effort",
    "coordination.WorkingGroup",
    "promotion.Talk",
    "repository.EventPage",
)


def public_calendar_entries(request, start, end) -> list:
    """`selectors.calendar_entries` for an anonymous reader, kept per language, zone and
    month (fragments.fragment: the public audience's key)."""
    from django.contrib.auth.models import AnonymousUser

    return fragment(
        "coordination:calendar-entries",
        lambda: selectors.calendar_entries(AnonymousUser(), start, end),
        request=request,
        generations=[CALENDAR, PAGES],
        vary=[start.isoformat(), end.isoformat()],
    )


def _changed(sender, using=None, **kwargs):
    CALENDAR.bump(using)


def connect() -> None:
    """Called once, from the app's ready()."""
    for model in SHOWN:
        post_save.connect(_changed, sender=model, weak=False, dispatch_uid=f"calendar:{model}")
        post_delete.connect(_changed, sender=model, weak=False, dispatch_uid=f"calendar-d:{model}")
