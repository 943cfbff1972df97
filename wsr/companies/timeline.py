"""A company's dated timeline: critiques, news, allegations, campaign milestones, responses,
agreements signed and enforcement figures, gathered from every app.

Apps contribute entries through the "wsr_company_timeline" hook. Each hook is a callable
`(request, company) -> list[TimelineEntry]` that returns only what `request.user` may see.
The company page shows them newest first (see views.company_detail)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

HOOK_NAME = "wsr_company_timeline"

KIND_LABELS = {
    "critique": _("Critique"),
    "news": _("News"),
    "allegation": _("Allegation"),
    "campaign": _("Campaign"),
    "response": _("Company response"),
    "non_response": _("No response"),
    "agreement": _("Agreement signed"),
    "figures": _("Enforcement figures"),
    "other": _("Other"),
}
KINDS = tuple(KIND_LABELS)


@dataclass(frozen=True)
class TimelineEntry:
    date: datetime.date
    kind: str
    title: str
    url: str = ""
    summary: str = ""
    source: str = ""
    # "day", or "year" where only the year is known (an agreement's year of joining).
    precision: str = "day"
    # Within a day, a later step of the same story has a higher step ("was won" after
    # "targets"); the time of day, when the entry was given a datetime, orders the rest.
    step: int = 0
    time: datetime.time | None = None

    def __post_init__(self):
        if self.kind not in KIND_LABELS:
            raise ValueError(f"unknown timeline kind: {self.kind!r}")
        if isinstance(self.date, datetime.datetime):
            # Callers may hand a datetime; the timeline is by day, in the site's time zone.
            value = self.date
            if timezone.is_aware(value):
                value = timezone.localtime(value)
            object.__setattr__(self, "date", value.date())
            if self.time is None:
                object.__setattr__(self, "time", value.time())

    @property
    def sort_key(self):
        """Newest first is this key, descending: by day, then step, then time of day."""
        return (self.date, self.step, self.time or datetime.time.min)

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]

    @property
    def is_external(self) -> bool:
        """A link off the site (a source's page): opened with rel="noopener nofollow"."""
        return self.url.startswith(("http://", "https://"))


def company_timeline(request, company) -> list[TimelineEntry]:
    """Every registered app's entries for `company`, newest first, within a day too (the
    later step of a story, then the later time, first; see TimelineEntry.sort_key)."""
    entries: list[TimelineEntry] = []
    for fn in hooks.get_hooks(HOOK_NAME):
        entries.extend(fn(request, company) or ())
    entries.sort(key=lambda entry: entry.sort_key, reverse=True)
    return entries


def timeline_context(request, company) -> dict:
    """The company page's timeline: its entries (of the kind asked by ?kind=, if a known
    one), the kind asked, and the kinds present with their labels and counts."""
    entries = company_timeline(request, company)
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.kind] = counts.get(entry.kind, 0) + 1
    kind = request.GET.get("kind", "")
    if kind in KIND_LABELS:
        entries = [entry for entry in entries if entry.kind == kind]
    else:
        kind = ""
    return {
        "entries": entries,
        "kind": kind,
        "kinds": [
            (code, label, counts[code]) for code, label in KIND_LABELS.items() if code in counts
        ],
    }


def event_entries(request, company) -> list[TimelineEntry]:
    """Dated items staff entered (CompanyEvent): the public ones, all of them to staff."""
    from .models import CompanyEvent

    return [
        TimelineEntry(
            date=event.date,
            kind=event.kind,
            title=event.title,
            url=event.source_url,
            summary=event.summary,
            source=event.source_title
            if event.is_public
            else " · ".join(filter(None, [event.source_title, str(_("Only staff see this."))])),
        )
        for event in CompanyEvent.objects.visible_to(request.user).filter(company=company)
    ]
