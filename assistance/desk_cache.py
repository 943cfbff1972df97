"""What the staff queue keeps between requests (issue 22): the number of cases a filter
matches, and the HTML of its filter form and of the bulk form's fields (their long option
lists: countries, sectors, the people who lead or help on cases, the staff).

All of it is the same for every staff person (no part depends on who asks, their cases or
their assignments; the person's saved views and the rows are read on every request) and is
keyed by `QUEUE` (the count) or `QUEUE_LISTS` (the forms), generations replaced on every
write to what they show: cases, their
assignments and timeline entries (a text search reads them), organizations, sectors, people
and profiles (the names in the lists and in a search). A count whose filter depends on the
clock ("overdue", "waiting for more than") is never kept: it changes with no write.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.template.loader import render_to_string

from wsr.members.models import Organization, Profile, Sector, people_bulk_changed
from wsr.site.fragments import fragment
from wsr.site.generations import Generation

from .models import Case, CaseAssignment, TimelineEntry

QUEUE = Generation("assistance:queue")
# What the filter form and the bulk form's fields show (sectors, the people who lead or help
# on cases, the staff): no case in them, so a case write does not rebuild them (the first
# request after a case write rendered the form again: 60% of its time at 20,000 cases).
QUEUE_LISTS = Generation("assistance:queue-lists")

# Filters whose matches change as time passes, with no write.
CLOCK_FILTERS = ("overdue", "older_than")


def _queue_changed(**kwargs):
    QUEUE.bump()


def _lists_changed(**kwargs):
    QUEUE_LISTS.bump()


def _connect() -> None:
    user = get_user_model()
    for model in (Case, CaseAssignment, TimelineEntry, Organization, Sector, Profile, user):
        for signal in (post_save, post_delete):
            signal.connect(
                _queue_changed, sender=model, dispatch_uid=f"desk-queue-{model.__name__}"
            )
    for model in (CaseAssignment, Sector, Profile, user):
        for signal in (post_save, post_delete):
            signal.connect(
                _lists_changed, sender=model, dispatch_uid=f"desk-queue-lists-{model.__name__}"
            )
    # people written in bulk (Wagtail's "mark inactive"): names and staff lists, and the
    # queue's searches by requester
    people_bulk_changed.connect(_lists_changed, dispatch_uid="desk-queue-lists-people-bulk")
    people_bulk_changed.connect(_queue_changed, dispatch_uid="desk-queue-people-bulk")


_connect()


def is_timeless(filters) -> bool:
    """The filter's matches change only when data is written (a valid form, no clock)."""
    if not filters.form.is_valid():
        return False
    data = filters.form.cleaned_data
    return data.get("overdue") is None and not data.get("older_than")


def queue_count(request, filters, cases, query: str) -> int:
    """How many cases `cases` holds, kept under `QUEUE` when the filter has no clock.
    `query` is the canonical query of the filters (`forms.queue.queue_query`)."""
    if not is_timeless(filters):
        return cases.count()
    return fragment(
        "assistance:queue-count",
        cases.count,
        request=request,
        generations=[QUEUE],
        vary=[query],
        per_audience=False,
    )


def filter_form_html(request, filters, data: str) -> str:
    """The rendered filter form for the query `data` (as typed: values and errors shown)."""
    return fragment(
        "assistance:queue-filters",
        lambda: render_to_string("components/form.html", {"form": filters.form}),
        request=request,
        generations=[QUEUE_LISTS],
        vary=[data],
        per_audience=False,
    )


def bulk_fields_html(request, bulk_form) -> str:
    """The bulk form's visible fields (the staff list as leads), unbound: the same for all."""
    return fragment(
        "assistance:queue-bulk-fields",
        lambda: render_to_string("assistance/_queue_bulk_fields.html", {"bulk_form": bulk_form}),
        request=request,
        generations=[QUEUE_LISTS],
        per_audience=False,
    )
