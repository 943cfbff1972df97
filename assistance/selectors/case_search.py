"""Text search over cases (issue 19): references, the organization (linked and as typed), the
contact person, the requester's names and address, the description and the timeline.

Every word (or "quoted phrase") must be found somewhere in the case; accents and case are
ignored. The texts are searched where they live, with no denormalized copy: an entry
edited, redacted or unshared, a renamed organization or person is found (or not) at once.

- PostgreSQL: the long texts (timeline bodies; a case's description, contact name and
  organization as typed) through full-text search with the `wsr_search` configuration
  (`simple` + unaccent, repository migration 0008) and the GIN expression indexes of
  migration 0019; a word matches the start of a word ("quiño" finds "Quiñónez"). The
  expressions below are those of the indexes, character for character.
- Both databases: the reference, the organization's and the requester's names and address
  by `LIKE '%…%'` on folded text (UPPER of UNACCENT); on SQLite (tests, development) the
  long texts too. SQLite's UNACCENT() is registered on each connection (repository/apps.py).

Measured at 20,000 cases x 5 entries: see docs/performance.md ("Assistance queue")."""

import re

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import BooleanField, CharField, Func, Q, TextField
from django.db.models.expressions import RawSQL

from wsr.members.models import Organization
from wsr.site.search import split_query, unaccent

from ..models import Case, TimelineEntry

# A search is a few words, not a document; longer input is cut (the form says so).
MAX_QUERY_LENGTH = 200
MAX_TERMS = 8

# The indexed expressions of migration 0019 (assistance_*_search indexes).
TIMELINE_DOCUMENT = "to_tsvector('wsr_search', body)"
CASE_DOCUMENT = (
    "to_tsvector('wsr_search', description || ' ' || contact_name || ' ' || organization_name)"
)
WORD = re.compile(r"[^\W_]+")
# What a reference is made of ("WSR-2026-7KQ4M"), in the folded (upper-case) form of a term.
REFERENCE_PART = re.compile(r"[A-Z0-9-]+")


class Fold(Func):
    """UPPER(UNACCENT(text)): the form both sides of a LIKE comparison take."""

    function = "UNACCENT"
    template = "UPPER(%(function)s(%(expressions)s))"
    output_field = TextField()


def search_terms(q: str) -> list[str]:
    """The folded words and "phrases" of `q`, each to be found somewhere in a case.
    Control characters are dropped; one-letter words say too little."""
    q = "".join(c for c in (q or "")[:MAX_QUERY_LENGTH] if c.isprintable())
    words, phrases = split_query(q)
    terms = [unaccent(t).upper() for t in [*phrases, *words] if len(t) > 1]
    return list(dict.fromkeys(terms))[:MAX_TERMS]


def _tsquery(term: str) -> str | None:
    """`term` as a tsquery of word prefixes, made only of letters and digits (so that no
    input is tsquery syntax); a phrase's words in order."""
    words = WORD.findall(term.lower())
    if not words:
        return None
    return (" <-> " if " " in term else " & ").join(f"{word}:*" for word in words)


def _like(model, fields, term, **extra):
    condition = Q()
    for name in fields:
        condition |= Q(**{f"_fold_{name}__contains": term})
    folded = {f"_fold_{name}": Fold(name, output_field=CharField()) for name in fields}
    return model.objects.alias(**folded).filter(condition, **extra)


def _full_text(model, document: str, query: str, **extra):
    match = RawSQL(f"{document} @@ to_tsquery('wsr_search', %s)", [query], BooleanField())
    return model.objects.filter(match, **extra)


def _entry_filter(*, whole: bool) -> dict:
    if whole:
        return {}
    only_shared = {"is_shared": True}
    # A redacted entry's body is emptied (services/timeline.py); left out all the same, so
    # that no later change to redaction can put its words back in reach. The earlier texts
    # of an edited entry (TimelineRevision) are never searched: only the current body.
    names = {f.name for f in TimelineEntry._meta.get_fields()}
    if "redaction" in names:
        only_shared["redaction__isnull"] = True
    elif "redacted_at" in names:
        only_shared["redacted_at__isnull"] = True
    return only_shared


def _long_texts(term: str, *, whole: bool) -> Q:
    """The cases whose description, contact, typed organization or timeline hold `term`."""
    entries = _entry_filter(whole=whole)
    if connection.vendor == "postgresql":
        query = _tsquery(term)
        if query is None:
            return Q(pk__in=[])
        return Q(pk__in=_full_text(Case, CASE_DOCUMENT, query).values("pk")) | Q(
            pk__in=_full_text(TimelineEntry, TIMELINE_DOCUMENT, query, **entries).values("case_id")
        )
    own = _like(Case, ["description", "contact_name", "organization_name"], term)
    return Q(pk__in=own.values("pk")) | Q(
        pk__in=_like(TimelineEntry, ["body"], term, **entries).values("case_id")
    )


def search_cases(cases, q: str, *, whole: bool):
    """`cases` narrowed to those where every term of `q` is found. `whole` (staff) searches
    every timeline entry; otherwise only entries shared with the requester's side."""
    User = get_user_model()
    for term in search_terms(q):
        people = _like(User, ["first_name", "last_name", "email"], term)
        organizations = _like(Organization, ["name"], term)
        found = Q(organization_id__in=organizations.values("pk"))
        if REFERENCE_PART.fullmatch(term):
            # Only a term a reference can hold is compared with every case's reference.
            found |= Q(reference__icontains=term)
        cases = cases.filter(
            found | Q(requester_id__in=people.values("pk")) | _long_texts(term, whole=whole)
        )
    return cases
