"""Search that fits two languages (issue 17): queries parsed so that no input is syntax,
accents ignored, results of both languages with the reader's first, labelled in their own.

Site search runs through Wagtail's database backend: on PostgreSQL its `wsr_search`
configuration removes accents (repository migration 0008), on SQLite the FTS5 tokenizer
does. The repository's own search (repository/search.py) uses `unaccent` and `split_query`.
"""

import re
import unicodedata
from functools import cache

from django.core.paginator import Paginator
from django.db.models import OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation
from django.utils.translation import get_language_info
from wagtail.models import Locale, Page, get_page_models
from wagtail.search.query import And, Phrase, PlainText

from .fragments import fragment
from .generations import Generation
from .page_cache import PAGES
from .selectors import hidden_page_ids

# A site search returns the best this many pages, reordered with the reader's language first.
MAX_RESULTS = 200
# The text shown under a result: the page's search description, else the first of these.
DESCRIPTION_FIELDS = ("summary", "standfirst", "introduction", "hero_text")

PHRASE = re.compile(r'"([^"]*)"')
# Results on one page of the site search.
PAGE_SIZE = 10

# What the site search keeps beside the pages (issue 22): the records the public finds
# (efforts, updates, opportunities, companies) and the view restrictions that hide pages.
# Every write to them replaces it (`_searched_data_changed`, below); publishing, moving and
# deleting pages replace page_cache.PAGES.
SEARCH = Generation("site:search")


def unaccent(text: str) -> str:
    """`text` without accents ("Auditorías" -> "Auditorias"), case kept, like PostgreSQL's
    `unaccent` for the Latin letters of English and Spanish."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def _sqlite_unaccent(text):
    return None if text is None else unaccent(text)


def register_sqlite_unaccent(sender=None, connection=None, **kwargs) -> None:
    """Give SQLite (tests, development) the UNACCENT() function PostgreSQL's extension has,
    so that `field__unaccent__icontains` means the same on both."""
    if connection.vendor == "sqlite" and connection.connection is not None:
        connection.connection.create_function("UNACCENT", 1, _sqlite_unaccent, deterministic=True)


def split_query(q: str) -> tuple[list[str], list[str]]:
    """The words and the "quoted phrases" of `q`. A quote without its pair is ignored, and
    nothing else has a meaning: people type text, not a query language."""
    phrases = [" ".join(p.split()) for p in PHRASE.findall(q)]
    words = PHRASE.sub(" ", q).replace('"', " ").split()
    return words, [p for p in phrases if p]


def search_query(q: str):
    """`q` as a Wagtail search query where every word and phrase must match, or None."""
    words, phrases = split_query(q)
    parts = [Phrase(phrase) for phrase in phrases]
    if words:
        parts.insert(0, PlainText(" ".join(words), operator="and"))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


@cache
def language_name(code: str) -> str:
    """The name of a language in that language ("English", "Español"): the label of a
    result in a language the reader may not read is written so that its readers know it."""
    name = get_language_info(code)["name_local"]
    return name[:1].upper() + name[1:]


def search_pages(*, user, q: str, language: str, hidden=None) -> list[Page]:
    """The live pages `user` may see that match `q`, the best `MAX_RESULTS` by relevance,
    those in `language` first. Each page (only its id and locale read) gets
    `language_code`. Two queries, plus the visibility rule's (`hidden`, the ids of
    `hidden_page_ids(user)`, when the caller has them), whatever the number of pages."""
    query = search_query(q)
    if query is None:
        return []
    if hidden is None:
        hidden = hidden_page_ids(user)
    pages = Page.objects.live().public().exclude(id__in=hidden).only("id", "locale")
    ranked = list(pages.search(query)[:MAX_RESULTS])
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    for page in ranked:
        page.language_code = codes.get(page.locale_id, "")
    ranked.sort(key=lambda page: page.language_code != language)  # stable: rank kept
    return ranked


@cache
def _description_sources() -> tuple:
    sources = []
    for model in get_page_models():
        own = {field.name for field in model._meta.local_concrete_fields}
        name = next((n for n in DESCRIPTION_FIELDS if n in own), None)
        if name:
            sources.append((model, name))
    return tuple(sources)


def search_records(*, user, q: str) -> list[dict]:
    """The operational records (not pages) matching `q` that `user` may see (issue 20):
    each app answers through the hook `wsr_search_records(user, q)` with dicts of `type`,
    `label` (translated), `title`, `excerpt` and `url`, within its own audience rules and
    in a bounded number of queries."""
    from wagtail import hooks

    if not q.strip():
        return []
    records = []
    for source in hooks.get_hooks("wsr_search_records"):
        records += source(user, q)
    return records


# Records (not pages) searched by pattern: each term costs a LIKE over its fields, so a
# query counts at most this many words and phrases (the rest are ignored).
MAX_TERMS = 8


def terms_of(q: str) -> list[str]:
    """The words and phrases of `q` (phrases first), without accents, at most `MAX_TERMS`;
    each of them must match."""
    words, phrases = split_query(q)
    return [unaccent(term) for term in [*phrases, *words] if term][:MAX_TERMS]


def matching(fields, term: str) -> Q:
    """Any of `fields` contains `term`, accents and case ignored (`UNACCENT` on both
    databases)."""
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__unaccent__icontains": term})
    return condition


def every_term(terms, fields, also=None) -> Q:
    """Each of `terms` matches one of `fields` (or the condition `also(term)` gives)."""
    condition = Q()
    for term in terms:
        condition &= matching(fields, term) | (also(term) if also else Q())
    return condition


def mark_more(records: list, limit: int, more_url: str = "") -> list:
    """`records` fetched with one row more than `limit`: the first `limit`, the last of them
    marked `more` (with `more_url`) when there was that one more. Records or dicts."""
    if len(records) <= limit:
        return records
    records = records[:limit]
    last = records[-1]
    if isinstance(last, dict):
        last.update(more=True, more_url=more_url)
    else:
        last.more, last.more_url = True, more_url
    return records


# --- The site search's results, kept between requests (issue 22) ---------------------------


def page_results(request, q: str, number) -> tuple:
    """The page `number` of the pages found for `q` (a paginator's `Page`) and, for each
    page on it, its title, URL, description and language label. Pages' visibility depends
    on the audience alone (their `visible_to` and Wagtail's view restrictions), so all of
    this is kept per audience, language, query, page number and site until a page or a
    view restriction changes: one cache read a request. On a miss, the pages found for `q`
    and the pages hidden from the audience are kept too (another page number, another
    query), and the rows of the page with their descriptions cost one query, their URLs
    none (Wagtail's site root paths, kept on the request)."""

    def build():
        found = _found_pages(request, q)
        page_obj = Paginator(found, PAGE_SIZE).get_page(number)
        return {"count": len(found), "results": _results(request, page_obj.object_list)}

    if not q:
        return Paginator([], PAGE_SIZE).get_page(number), []

    # URLs are relative on the reader's site, whole on another (as `{% pageurl %}`)
    vary = [q, number, request.get_host(), request.scheme]
    kept = fragment(
        "search:results", build, request=request, generations=[PAGES, SEARCH], vary=vary
    )
    # The paginator over as many places as pages found: the same numbers and links
    page_obj = Paginator(range(kept["count"]), PAGE_SIZE).get_page(number)
    return page_obj, kept["results"]


def _found_pages(request, q: str) -> list[tuple[int, str]]:
    """The id and language code of each page `search_pages` finds for the reader."""

    def build():
        hidden = fragment(
            "search:hidden",
            lambda: hidden_page_ids(request.user),
            request=request,
            generations=[PAGES, SEARCH],
        )
        pages = search_pages(
            user=request.user, q=q, language=translation.get_language(), hidden=hidden
        )
        return [(page.pk, page.language_code) for page in pages]

    return fragment("search:pages", build, request=request, generations=[PAGES, SEARCH], vary=[q])


def _results(request, shown: list[tuple[int, str]]) -> list[dict]:
    language = translation.get_language()
    rows = {page.pk: page for page in _pages_with_descriptions([pk for pk, _code in shown])}
    results = []
    for pk, code in shown:
        page = rows.get(pk)
        if page is None:  # deleted since: PAGES is replaced, the next reader rebuilds
            continue
        results.append(
            {
                "title": page.title,
                "url": page.get_url(request=request),
                "description": page.description,
                "language": code if code != language else "",
                "language_name": language_name(code) if code else "",
            }
        )
    return results


def _pages_with_descriptions(ids):
    if not ids:
        return []
    return (
        Page.objects.filter(pk__in=ids)
        .annotate(description=_description())
        .only("id", "title", "url_path")
        .order_by()
    )


def _description():
    sources = [
        Subquery(model.objects.filter(pk=OuterRef("pk")).order_by().values(name)[:1])
        for model, name in _description_sources()
    ]
    return Coalesce(
        NullIf("search_description", Value("")), *sources, Value(""), output_field=TextField()
    )


def records_for(request, q: str) -> list[dict]:
    """`search_records` for the reader, kept until a record it may show changes (SEARCH),
    per audience, language and query, and per what else decides what the reader finds:
    each app names it through the hook `wsr_search_reach(user)` (a member's working groups,
    for coordination's records). Never per audience alone where the person matters."""
    from wagtail import hooks

    user = request.user
    reach = [part for source in hooks.get_hooks("wsr_search_reach") for part in source(user)]
    return fragment(
        "search:records",
        lambda: search_records(user=user, q=q),
        request=request,
        generations=[SEARCH],
        vary=[q, *reach],
    )


# What the public's records show (coordination/search.py, wsr/companies/search.py) and the
# view restrictions that hide pages: every write replaces SEARCH.
SEARCHED_MODELS = (
    "coordination.Effort",
    "coordination.EffortTarget",
    "coordination.Update",
    "coordination.Opportunity",
    # a discussion's title, its group's name and its first message (issue 22: members'
    # records are kept too, per working groups)
    "coordination.Thread",
    "coordination.Post",
    "coordination.WorkingGroup",
    # who is in a group decides a member's records (`wsr_search_reach`): a search built while
    # someone joins is then kept under a token nobody reads again (review of issue 22)
    "coordination.GroupMembership",
    "companies.Company",
    "wagtailcore.PageViewRestriction",
)
SEARCHED_LINKS = (
    "coordination.Opportunity_buyers",
    "wagtailcore.PageViewRestriction_groups",
)


def _searched_data_changed(sender, using=None, action="post_", **kwargs):
    if action.startswith("post_"):
        SEARCH.bump(using)


def connect_signals() -> None:
    for model in SEARCHED_MODELS:
        for signal in (post_save, post_delete):
            signal.connect(_searched_data_changed, sender=model, dispatch_uid=f"search-{model}")
    for through in SEARCHED_LINKS:
        m2m_changed.connect(
            _searched_data_changed, sender=through, dispatch_uid=f"search-{through}"
        )


# Connected when this module is first imported: the repository app imports it in its
# `ready()` (for UNACCENT), so in every process before any write.
connect_signals()
