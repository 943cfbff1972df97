"""Reads of the initiative's responses per criterion (issue 19)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Assessment, CriterionResponse, CriterionResponseFile, ReplyReminder


def responses_prefetch(*, with_files: bool = False) -> Prefetch:
    """An assessment's responses (one query; files in a second when asked for)."""
    queryset = CriterionResponse.objects.select_related("organization")
    if with_files:
        queryset = queryset.prefetch_related(
            Prefetch("files", queryset=CriterionResponseFile.objects.order_by("uploaded_at", "pk"))
        )
    return Prefetch("criterion_responses", queryset=queryset)


def responses_by_criterion(assessment: Assessment, *, with_files: bool = True) -> dict:
    """{criterion id: response} of `assessment`, files prefetched (two queries)."""
    queryset = assessment.criterion_responses.select_related("organization")
    if with_files:
        queryset = queryset.prefetch_related(
            Prefetch("files", queryset=CriterionResponseFile.objects.order_by("uploaded_at", "pk"))
        )
    return {response.criterion_id: response for response in queryset}


@dataclass
class TrailItem:
    at: datetime
    title: str
    actor: str = ""
    note: str = ""
    kind: str = "stage"


def assessment_trail(assessment: Assessment, *, events, assignments) -> list[TrailItem]:
    """The assessment's trail as assessors and staff read it: stage moves, each assessor's
    declaration of interests (whether they declared a conflict, not what it is: that stays
    in the staff's table) and the reminders sent of the reply deadline, oldest first.
    `assignments` are the ones already read for the page (assessors_of); one query more."""
    items = [
        TrailItem(
            at=e.created_at,
            title=e.get_stage_display(),
            actor=e.actor.display_name if e.actor_id else "",
            note=e.note,
        )
        for e in events
    ]
    for a in assignments:
        if a.declared_at is None:
            continue
        items.append(
            TrailItem(
                at=a.declared_at,
                title=_("Declaration of interests"),
                actor=a.person.display_name,
                note=_("Declared a conflict of interest: no longer works on this assessment.")
                if a.has_conflict
                else _("Declared no conflict of interest."),
                kind="conflict" if a.has_conflict else "declaration",
            )
        )
    for reminder in ReplyReminder.objects.filter(assessment=assessment):
        items.append(
            TrailItem(
                at=reminder.sent_at,
                title=_("Reminder of the reply deadline"),
                note=ngettext(
                    "Sent to the lead organization %(days)d day before the deadline.",
                    "Sent to the lead organization %(days)d days before the deadline.",
                    reminder.days_before,
                )
                % {"days": reminder.days_before},
                kind="reminder",
            )
        )
    items.sort(key=lambda item: item.at)
    return items
