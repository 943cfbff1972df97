"""Search that fits two languages (issue 17): queries parsed so that no input is syntax,
accents ignored, results of both languages with the reader's first, labelled in their own.

Site search runs through Wagtail's database backend: on PostgreSQL its `wsr_search`
configuration removes accents (repository migration 0008), on SQLite the FTS5 tokenizer
does. The repository's own search (repository/search.py) uses `unaccent` and `split_query`.
"""

import re
import unicodedata
from functools import cache

from django.db.models import OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language_info
from wagtail.models import Locale, Page, get_page_models
from wagtail.search.query import And, Phrase, PlainText

from .selectors import hidden_page_ids

# A site search returns the best this many pages, reordered with the reader's language first.
MAX_RESULTS = 200
# The text shown under a result: the page's search description, else the first of these.
DESCRIPTION_FIELDS = ("summary", "standfirst", "introduction", "hero_text")

PHRASE = re.compile(r'"([^"]*)"')


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


def search_pages(*, user, q: str, language: str) -> list[Page]:
    """The live pages `user` may see that match `q`, the best `MAX_RESULTS` by relevance,
    those in `language` first. Each page gets `language_code`. Two queries, plus the
    visibility rule's, whatever the number of pages."""
    query = search_query(q)
    if query is None:
        return []
    pages = Page.objects.live().public().exclude(id__in=hidden_page_ids(user))
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


def page_descriptions(pages) -> dict[int, str]:
    """The text to show under each of `pages`, in one query whatever their page types
    (`.specific()` would cost a query per type)."""
    if not pages:
        return {}
    sources = [
        Subquery(model.objects.filter(pk=OuterRef("pk")).order_by().values(name)[:1])
        for model, name in _description_sources()
    ]
    rows = (
        Page.objects.filter(pk__in=[page.pk for page in pages])
        .annotate(
            description=Coalesce(
                NullIf("search_description", Value("")),
                *sources,
                Value(""),
                output_field=TextField(),
            )
        )
        .values_list("pk", "description")
    )
    return dict(rows)


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
