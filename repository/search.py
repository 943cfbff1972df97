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
from django.db.models import (
    Aggregate,
    Count,
    F,
    OuterRef,
    Subquery,
    TextField,
    Value,
)
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
    from wsr.api.cache import RECORDS

    from .tasks import warm_search_counts

    SEARCH_COUNTS.bump()
    # A reindex writes the search text with a queryset update() (no signal): what is kept
    # under RECORDS and found by this text (the company page's resources panel, the API)
    # goes too.
    RECORDS.bump()
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


# Up to this many matches, the facets are counted in Python over the matches fetched once
# with their facet values, rather than by a query per facet.
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


def _build_labels(name: str) -> dict[str, str]:
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


def facet_labels() -> dict[str, dict[str, str]]:
    """Each facet's value -> label, in the active language; built once per language and
    kept until the next change to the repository (SEARCH_COUNTS is bumped by every change
    to sectors and principles, signals.py)."""
    key = f"repository:labels:{search_generation()}:{get_language()}"
    labels = cache.get(key)
    if labels is None:
        labels = {name: _build_labels(name) for name in FACETS}
        cache.set(key, labels, SUMMARY_TIMEOUT)
    return labels


class _Joined(Aggregate):
    """The values of a group as one comma-separated string (slugs and country codes hold no
    comma): GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL."""

    function = "GROUP_CONCAT"
    output_field = TextField()

    def __init__(self, expression):
        super().__init__(expression, Value(","))

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra_context)


def _joined(queryset, owner: str, value: str):
    """The `value`s of the resource in the outer query, joined (None when it has none)."""
    return Subquery(
        queryset.filter(**{owner: OuterRef("pk")})
        .order_by()
        .values(owner)
        .annotate(joined=_Joined(value))
        .values("joined")
    )


def _facet_rows(base, limit: int) -> list[tuple]:
    """Up to `limit` matching resources, each with every facet's values, in one query:
    (kind, language, year, sectors, countries, principles)."""
    rows = (
        base.order_by()
        .annotate(
            joined_sectors=_joined(
                ResourcePage.sectors.through.objects, "resourcepage_id", "sector__slug"
            ),
            joined_countries=_joined(ResourceCountry.objects, "page_id", "country"),
            joined_principles=_joined(
                ResourcePage.principles.through.objects, "resourcepage_id", "principle__slug"
            ),
        )
        .values_list(
            "kind",
            "locale__language_code",
            "published_on",
            "joined_sectors",
            "joined_countries",
            "joined_principles",
        )[:limit]
    )
    return [
        (
            kind,
            language,
            str(published_on.year),
            *(set(joined.split(",")) if joined else set() for joined in (s, c, p)),
        )
        for kind, language, published_on, s, c, p in rows
    ]


def _count_rows(rows: list[tuple], params: SearchParams) -> dict:
    """The total and each facet's counts (with the other facets applied) of `rows`, in one
    pass: what `_counts` finds with a query per facet."""
    chosen = [set(getattr(params, name)) for name in FACETS]
    counts = {name: {} for name in FACETS}
    total = 0
    for row in rows:
        values = [{row[0]}, row[3], row[4], row[5], {row[1]}, {row[2]}]  # in FACETS' order
        misses = [i for i, wanted in enumerate(chosen) if wanted and not values[i] & wanted]
        if not misses:
            total += 1
        if len(misses) > 1:
            continue
        for i, name in enumerate(FACETS):
            if misses and misses[0] != i:
                continue
            facet_counts = counts[name]
            for value in values[i]:
                facet_counts[value] = facet_counts.get(value, 0) + 1
    return {"total": total, "counts": counts}


def _summary(base, params: SearchParams, audiences: list[str]) -> dict:
    """The number of matches and the counts per facet value (each facet counted with the
    other facets applied), cached until the next change to the repository: the index page
    and repeated searches then cost no counting query, whatever the number of resources.
    Up to FEW_MATCHES text matches (or resources, without a query) are fetched once with
    their facet values and counted in Python (issue 22: one query, not seven, on the first
    search after a publish); beyond, each facet is counted in SQL."""
    key = f"repository:search:{search_generation()}:{'.'.join(sorted(audiences))}:{params.key()}"
    summary = cache.get(key)
    if summary is None:
        rows = _facet_rows(base, FEW_MATCHES + 1)
        if len(rows) <= FEW_MATCHES:
            summary = _count_rows(rows, params)
        else:
            summary = {
                "total": _filtered(base, params).order_by().count(),
                "counts": {
                    name: _counts(name, _filtered(base, params, except_facet=name))
                    for name in FACETS
                },
            }
        cache.set(key, summary, SUMMARY_TIMEOUT)
    return summary


def search_facets(counts_by_facet: dict, params: SearchParams) -> dict[str, list[FacetOption]]:
    """The options of each facet, labelled in the active language, chosen ones kept."""
    facets = {}
    all_labels = facet_labels()
    for name in FACETS:
        counts = counts_by_facet[name]
        selected = set(getattr(params, name))
        labels = all_labels[name]
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


def _matching(audiences: list[str], params: SearchParams):
    base = _text_filter(ResourcePage.objects.for_audiences(audiences), params.q)
    results = (
        _filtered(base, params)
        .defer("body", "search_vector")
        .annotate(language_code=F("locale__language_code"))
    )
    # "Newest" is newest first whatever the language, off resource_newest_idx; a search
    # (search_resources) lists the reader's language first (ReaderFirst).
    order = []
    if params.sort == "relevance" and params.q and connection.vendor == "postgresql":
        order.append("-rank")
    results = results.order_by(*order, "-published_on", "pk")
    return base, results


class ReaderFirst:
    """The matches of a relevance search, the reader's language first (issue 17), paged as
    two queries: those in `language`, then the others, each in the order that follows
    (rank, newest, pk) and LIMITed to the page. One query ordered by "in the reader's
    language" first sorted every match (all ~90,000 resources of the index page at 100k:
    ~650 ms on PostgreSQL); each part's order is resource_newest_idx's (issue 22).
    `first` is how many matches are in `language` (from the cached facet counts); a page
    astride the boundary costs both queries. Slices are evaluated on first use, so a page
    whose results are already rendered (a cached fragment) costs no query."""

    def __init__(self, results, language: str, first: int, total: int):
        self.results, self.language, self.first, self.total = results, language, first, total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __iter__(self):
        return iter(self[0 : self.total])

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step is not None:
            raise TypeError("ReaderFirst supports plain slices only")
        start, stop, _step = key.indices(self.total)
        return _LazyRows(lambda: self._rows(start, stop))

    def _rows(self, start: int, stop: int) -> list:
        rows = []
        if start < self.first:
            mine = self.results.filter(locale__language_code=self.language)
            rows += mine[start : min(stop, self.first)]
        if stop > self.first:
            others = self.results.exclude(locale__language_code=self.language)
            rows += others[max(start - self.first, 0) : stop - self.first]
        return rows


class _LazyRows(list):
    """A list filled on first use (len, iteration, indexing)."""

    def __init__(self, load):
        super().__init__()
        self._load = load

    def _fill(self):
        if self._load is not None:
            load, self._load = self._load, None
            self.extend(load())

    def __len__(self):
        self._fill()
        return super().__len__()

    def __iter__(self):
        self._fill()
        return super().__iter__()

    def __getitem__(self, index):
        self._fill()
        return super().__getitem__(index)

    def __bool__(self):
        return len(self) > 0


def matching_resources(*, user, params: SearchParams):
    """The visible resources matching `params`, ordered (for feeds: no counting)."""
    return _matching(audiences_for(user), params)[1]


def search_resources(*, user, params: SearchParams, language: str | None = None) -> SearchResults:
    """The visible resources matching `params`, ordered (a search: those in `language`,
    by default the active one, first), their number and the facets."""
    audiences = audiences_for(user)
    language = language or get_language()
    base, results = _matching(audiences, params)
    summary = _summary(base, params, audiences)
    if params.sort == "relevance":
        # matches in `language`: its count with the other facets applied, if it is chosen
        wanted = not params.language or language in params.language
        first = summary["counts"]["language"].get(language, 0) if wanted else 0
        results = ReaderFirst(results, language, first, summary["total"])
    return SearchResults(results, summary["total"], search_facets(summary["counts"], params))


def _unaccent_each(text: str) -> str:
    """`text` without accents, one character for one, so positions in it hold in `text`.
    One str.translate over the distinct non-ASCII characters (issue 22: character by
    character it cost ~40 ms for a page of 20 excerpts of whole documents)."""
    if text.isascii():
        return text
    table = {ord(c): u for c in set(text) if not c.isascii() and len(u := unaccent(c)) == 1}
    return text.translate(table)


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
