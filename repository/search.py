"""Repository search: full text, facets with counts, sort, excerpts, suggestions.

Every query starts from `ResourcePage.objects.visible_to(user)`, so neither results nor
facet counts ever include what the viewer may not see. The number of SQL queries is the
same whatever the number of resources.
"""

import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Case, Count, F, Value, When
from django.db.models.functions import ExtractYear
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_countries import countries as all_countries
from taggit.models import Tag

from wsr.dispatch import dispatch_on_commit
from wsr.members.audience import audiences_for
from wsr.members.models import Sector
from wsr.site.generations import Generation
from wsr.site.search import split_query, unaccent

from .indexing import SEARCH_CONFIG
from .models import Principle, ResourceCountry, ResourceKind, ResourcePage, ResourceTag

FACETS = ("kind", "sector", "country", "principle", "language", "year")
PAGE_SIZE = 20
SEARCH_COUNTS = Generation("repository:search")
SUMMARY_TIMEOUT = 60 * 60


def search_generation() -> str:
    """A token that changes whenever what a search can find changes (see signals.py)."""
    return SEARCH_COUNTS.current()


def search_invalidate() -> None:
    """Forget every cached count: a resource was published, changed, moved or removed.
    The index page's counts are then recounted in the background (see tasks.py)."""
    from .tasks import warm_search_counts

    SEARCH_COUNTS.bump()
    # Once per transaction: the demo's seed publishes ~80 resources in one and warmed the
    # counts ~80 times at its commit (4 s of every seed). The mark is the outermost atomic
    # block; after a rollback a new block is a new mark (a missed warm only costs a recount).
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        outermost = connection.atomic_blocks[0]
        if getattr(outermost, "_wsr_search_warm", False):
            return
        outermost._wsr_search_warm = True
    dispatch_on_commit(warm_search_counts)


# Below this many text matches, the facets are counted over the matching ids fetched once,
# rather than by running the full-text match again in each count.
FEW_MATCHES = 5000


@dataclass
class SearchParams:
    q: str = ""
    kind: list[str] = field(default_factory=list)
    sector: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    principle: list[str] = field(default_factory=list)
    language: list[str] = field(default_factory=list)
    year: list[str] = field(default_factory=list)
    sort: str = "relevance"

    @classmethod
    def from_query(cls, data) -> "SearchParams":
        params = cls(q=data.get("q", "").strip()[:200])
        for name in FACETS:
            values = [v for v in data.getlist(name) if v][:20]
            if name == "year":
                # A year a date can have; "2024" only (not "²" or twenty digits: issue 17).
                values = [v for v in values if len(v) <= 4 and v.isascii() and v.isdigit()]
                values = [v for v in values if int(v) > 0]
            setattr(params, name, values)
        params.sort = "newest" if data.get("sort") == "newest" else "relevance"
        return params

    def key(self) -> str:
        """What decides the matches and counts (not the sort), as a stable digest."""
        data = {name: sorted(getattr(self, name)) for name in FACETS} | {"q": self.q.lower()}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:32]

    @property
    def is_empty(self) -> bool:
        return not self.q and not any(getattr(self, name) for name in FACETS)


def _text_filter(queryset, q: str):
    if not q:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")
        return queryset.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query)
        )
    # SQLite: UNACCENT() is registered on each connection (apps.py); LIKE ignores ASCII case
    words, phrases = split_query(q)
    for text in [*words, *phrases]:
        queryset = queryset.filter(search_document__unaccent__icontains=unaccent(text))
    return queryset


def _facet_filter(queryset, name: str, values: list[str]):
    if not values:
        return queryset
    if name == "kind":
        return queryset.filter(kind__in=values)
    if name == "sector":
        through = ResourcePage.sectors.through.objects
        return queryset.filter(
            pk__in=through.filter(sector__slug__in=values).values("resourcepage_id")
        )
    if name == "country":
        return queryset.filter(
            pk__in=ResourceCountry.objects.filter(country__in=values).values("page_id")
        )
    if name == "principle":
        through = ResourcePage.principles.through.objects
        return queryset.filter(
            pk__in=through.filter(principle__slug__in=values).values("resourcepage_id")
        )
    if name == "language":
        return queryset.filter(locale__language_code__in=values)
    if name == "year":
        return queryset.filter(published_on__year__in=[int(v) for v in values])
    return queryset


def _filtered(base, params: SearchParams, *, except_facet: str | None = None):
    queryset = base
    for name in FACETS:
        if name != except_facet:
            queryset = _facet_filter(queryset, name, getattr(params, name))
    return queryset


def _ids(queryset):
    return queryset.order_by().values("pk")


def _counts(name: str, queryset) -> dict[str, int]:
    ids = _ids(queryset)
    if name == "kind":
        rows = queryset.order_by().values_list("kind").annotate(n=Count("pk"))
    elif name == "sector":
        rows = (
            ResourcePage.sectors.through.objects.filter(resourcepage_id__in=ids)
            .values_list("sector__slug")
            .annotate(n=Count("resourcepage_id"))
        )
    elif name == "country":
        rows = (
            ResourceCountry.objects.filter(page_id__in=ids)
            .values_list("country")
            .annotate(n=Count("page_id"))
        )
    elif name == "principle":
        rows = (
            ResourcePage.principles.through.objects.filter(resourcepage_id__in=ids)
            .values_list("principle__slug")
            .annotate(n=Count("resourcepage_id"))
        )
    elif name == "language":
        rows = queryset.order_by().values_list("locale__language_code").annotate(n=Count("pk"))
    else:
        rows = (
            queryset.order_by()
            .annotate(y=ExtractYear("published_on"))
            .values_list("y")
            .annotate(n=Count("pk"))
        )
    return {str(key): n for key, n in rows}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


def _labels(name: str) -> dict[str, str]:
    if name == "kind":
        return {value: str(label) for value, label in ResourceKind.choices}
    if name == "sector":
        return {s.slug: str(s) for s in Sector.objects.all()}
    if name == "principle":
        return {p.slug: f"{p.number}. {p}" for p in Principle.objects.all()}
    if name == "country":
        return dict(all_countries)
    if name == "language":
        from django.conf import settings
        from django.utils.translation import gettext

        return {code: gettext(label) for code, label in settings.LANGUAGES}
    return {}


def _summary(base, params: SearchParams, audiences: list[str]) -> dict:
    """The number of matches and the counts per facet value (each facet counted with the
    other facets applied), cached until the next change to the repository: the index page
    and repeated searches then cost no counting query, whatever the number of resources."""
    key = f"repository:search:{search_generation()}:{'.'.join(sorted(audiences))}:{params.key()}"
    summary = cache.get(key)
    if summary is None:
        if params.q:
            ids = list(base.order_by().values_list("pk", flat=True)[: FEW_MATCHES + 1])
            if len(ids) <= FEW_MATCHES:
                base = ResourcePage.objects.filter(pk__in=ids)
        summary = {
            "total": _filtered(base, params).order_by().count(),
            "counts": {
                name: _counts(name, _filtered(base, params, except_facet=name)) for name in FACETS
            },
        }
        cache.set(key, summary, SUMMARY_TIMEOUT)
    return summary


def search_facets(counts_by_facet: dict, params: SearchParams) -> dict[str, list[FacetOption]]:
    """The options of each facet, labelled in the active language, chosen ones kept."""
    facets = {}
    for name in FACETS:
        counts = counts_by_facet[name]
        selected = set(getattr(params, name))
        labels = _labels(name)
        options = [
            FacetOption(
                value=value, label=labels.get(value, value), count=count, selected=value in selected
            )
            for value, count in counts.items()
        ]
        for value in selected - counts.keys():  # keep a way back out of an empty choice
            options.append(FacetOption(value, labels.get(value, value), 0, True))
        if name == "year":
            options.sort(key=lambda o: o.value, reverse=True)
        else:
            options.sort(key=lambda o: (-o.count, o.label))
        facets[name] = options
    return facets


@dataclass
class SearchResults:
    results: object  # the ordered queryset of matching resources
    total: int
    facets: dict[str, list[FacetOption]]


def _matching(audiences: list[str], params: SearchParams, language: str | None = None):
    base = _text_filter(ResourcePage.objects.for_audiences(audiences), params.q)
    results = (
        _filtered(base, params)
        .defer("body", "search_vector")
        .annotate(language_code=F("locale__language_code"))
    )
    order = []
    if params.sort == "relevance":
        # Both languages are listed; the reader's come first, searching or browsing
        # (issue 17). "Newest" is newest first whatever the language, off
        # resource_newest_idx.
        if language:
            order.append(Case(When(locale__language_code=language, then=Value(0)), default=1))
        if params.q and connection.vendor == "postgresql":
            order.append("-rank")
    results = results.order_by(*order, "-published_on", "pk")
    return base, results


def matching_resources(*, user, params: SearchParams):
    """The visible resources matching `params`, ordered (for feeds: no counting)."""
    return _matching(audiences_for(user), params)[1]


def search_resources(*, user, params: SearchParams, language: str | None = None) -> SearchResults:
    """The visible resources matching `params`, ordered (a search: those in `language`,
    by default the active one, first), their number and the facets."""
    audiences = audiences_for(user)
    base, results = _matching(audiences, params, language or get_language())
    summary = _summary(base, params, audiences)
    return SearchResults(results, summary["total"], search_facets(summary["counts"], params))


def _unaccent_each(text: str) -> str:
    """`text` without accents, one character for one, so positions in it hold in `text`."""
    return "".join(u if len(u := unaccent(c)) == 1 else c for c in text)


def excerpt(text: str, q: str, width: int = 220):
    """A short, escaped passage of `text` around the first query word, words marked
    whatever their accents and case ("auditorias" marks "Auditorías")."""
    words, phrases = split_query(q)
    terms = [re.escape(_unaccent_each(t)) for t in [*phrases, *words] if len(t) > 1]
    if not terms:
        return escape(text[:width]) + ("…" if len(text) > width else "")
    pattern = re.compile("|".join(terms), re.IGNORECASE)
    plain = _unaccent_each(text)
    match = pattern.search(plain)
    start = max(0, match.start() - width // 3) if match else 0
    passage, plain_passage = text[start : start + width], plain[start : start + width]
    html, end = [], 0
    for found in pattern.finditer(plain_passage):
        html += [escape(passage[end : found.start()]), "<mark>"]
        html += [escape(passage[found.start() : found.end()]), "</mark>"]
        end = found.end()
    html.append(escape(passage[end:]))
    return mark_safe(
        ("…" if start else "") + "".join(html) + ("…" if start + width < len(text) else "")
    )


def suggestions(q: str, *, user, limit: int = 3) -> list[str]:
    """Close spellings of the query's words among the tags of resources `user` may see and
    the taxonomy names (a members-only resource's tags never reach anyone else)."""
    visible = ResourcePage.objects.visible_to(user).values("pk")
    used = ResourceTag.objects.filter(content_object_id__in=visible).values("tag_id")
    vocabulary = set()
    vocabulary.update(
        t.lower() for t in Tag.objects.filter(pk__in=used).values_list("name", flat=True)[:2000]
    )
    vocabulary.update(s.name.lower() for s in Sector.objects.all())
    vocabulary.update(s.name_es.lower() for s in Sector.objects.all() if s.name_es)
    for principle in Principle.objects.all():
        vocabulary.update(w.lower() for w in re.findall(r"\w{4,}", principle.name))
    words = {w for phrase in vocabulary for w in re.findall(r"\w{3,}", phrase)} | vocabulary
    fixed, changed = [], False
    for word in q.replace('"', " ").lower().split():
        match = difflib.get_close_matches(word, words, n=1, cutoff=0.75)
        if match and match[0] != word:
            fixed.append(match[0])
            changed = True
        else:
            fixed.append(word)
    return [" ".join(fixed)][:limit] if changed else []


def search_counts_warm() -> None:
    """Count the index page (no query, no filter) for each audience, ahead of readers."""
    params = SearchParams()
    for audiences in ({"public"}, {"public", "members"}, {"public", "members", "staff"}):
        base, _results = _matching(sorted(audiences), params)
        _summary(base, params, sorted(audiences))
