"""Reads of the case page's desk (issue 19): canned responses offered on a case, its links,
an entry's corrections."""

from django.db.models import Case as When_
from django.db.models import IntegerField, Q, Value, When

from ..models import CannedResponse, Case, CaseLink, TimelineEntry


def canned_responses_for(case: Case) -> list[dict]:
    """The active canned responses, those for the case's kind of help first, each filled in
    the case's language (one query)."""
    from ..services.timeline import canned_text

    responses = CannedResponse.objects.filter(is_active=True).order_by(
        When_(When(kind=case.kind, then=Value(0)), default=Value(1), output_field=IntegerField()),
        "title",
    )
    rows = []
    for response in responses:
        text, fell_back = canned_text(response=response, case=case)
        rows.append({"response": response, "text": text, "fell_back": fell_back})
    return rows


def links_for(case: Case) -> list[dict]:
    """The cases linked to `case`, either way, with how (one query)."""
    links = CaseLink.objects.filter(Q(from_case=case) | Q(to_case=case)).select_related(
        "from_case", "to_case"
    )
    rows = []
    for link in links:
        outgoing = link.from_case_id == case.pk
        rows.append(
            {
                "link": link,
                "other": link.to_case if outgoing else link.from_case,
                # "Duplicate of X" from the duplicate; "X is a duplicate of this" otherwise.
                "is_duplicate_of": outgoing and link.kind == CaseLink.Kind.DUPLICATE,
                "has_duplicate": not outgoing and link.kind == CaseLink.Kind.DUPLICATE,
            }
        )
    return rows


def timeline_entry_for(case: Case, pk: int, *, whole: bool) -> TimelineEntry | None:
    """An entry of `case` its viewer may see (the requester's side: shared ones)."""
    entries = case.timeline.select_related("author__profile", "redaction__redacted_by__profile")
    if not whole:
        entries = entries.filter(is_shared=True)
    return entries.filter(pk=pk).first()


def revisions_of(entry: TimelineEntry):
    return entry.revisions.select_related("edited_by__profile")
