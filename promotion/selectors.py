"""Reads of promotion: each starts from what anyone may read (live, public pages; public
coverage and talks) and runs a fixed number of queries whatever the amount of content."""

from django.core.paginator import Paginator
from django.db.models import Case, Count, Prefetch, Value, When
from django.db.models.functions import TruncMonth
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Page

from wsr.api.cache import RECORDS
from wsr.site.fragments import fragment
from wsr.site.page_cache import PAGES

from .models import (
    ArticleAuthor,
    ArticleKind,
    ArticlePage,
    CoverageEntry,
    PublicationPage,
    SeriesPage,
    Talk,
    Topic,
)

INDEX_PAGE_SIZE = 20


def readable_articles():
    return ArticlePage.objects.readable()


def _private_sections():
    """Wagtail's `public()` reads every view restriction each time it is applied: read them
    once for the several reads of one page (`.live().exclude(private)` is `readable()`)."""
    return Page.objects.all().private_q()


def _with_authors(queryset, model=ArticleAuthor):
    return queryset.prefetch_related(
        Prefetch("authors", queryset=model.objects.select_related("author").order_by("sort_order"))
    )


def article_listing(*, request, index) -> dict:
    """The index: articles and publications of the index's language, filtered by kind and
    topic, newest first."""
    topics = list(Topic.objects.all())
    # Only a known kind or topic: the page links to its feed (issue 17).
    kind = request.GET.get("kind", "")
    kind = kind if kind in ArticleKind.values else ""
    topic = request.GET.get("topic", "")
    topic = topic if topic in {t.slug for t in topics} else ""
    private = _private_sections()
    articles = (
        ArticlePage.objects.live().exclude(private).child_of(index).only(*_LISTED_ARTICLE_FIELDS)
    )
    if kind:
        articles = articles.filter(kind=kind)
    if topic:
        articles = articles.filter(topics__slug=topic)
    articles = _with_authors(articles.order_by("-published_on", "-first_published_at"))
    page_obj = Paginator(articles, INDEX_PAGE_SIZE).get_page(request.GET.get("page"))
    publications = (
        PublicationPage.objects.live()
        .exclude(private)
        .child_of(index)
        .only("id", "title", "url_path", "published_on", "summary")
        .order_by("-published_on")[:6]
        if not kind and not topic
        else []
    )
    series = (
        SeriesPage.objects.live()
        .exclude(private)
        .child_of(index)
        .only("id", "title", "url_path", "introduction")
        .order_by("title")
        if not kind and not topic
        else []
    )
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page_obj": page_obj,
        "kinds": ArticleKind.choices,
        "topics": topics,
        "current_kind": kind,
        "current_topic": topic,
        "publications": list(publications),
        "series_list": list(series),
        "query_string": query.urlencode(),
    }


# What a row of the index shows (and orders by): the rest of the page is not read.
_LISTED_ARTICLE_FIELDS = (
    "id",
    "title",
    "url_path",
    "kind",
    "published_on",
    "first_published_at",
    "standfirst",
    "is_demo",
)


def article_index_html(*, request, index) -> str:
    """The index's listing, rendered once for everyone: it shows what anyone may read
    (live pages outside private sections), so it depends on no reader. Kept under the pages'
    generation (every publish, unpublish, move or delete and every change of a view
    restriction, wsr/site/signals.py; authors and topics, promotion/signals.py) and
    everything the request passes: the whole query string (the pagination links carry it),
    the host (links to another site are absolute). A preview is never cached (fragment)."""

    def build():
        context = {"page": index, "request": request}
        context.update(article_listing(request=request, index=index))
        return render_to_string("promotion/_article_index_listing.html", context)

    return fragment(
        "promotion:index",
        build,
        request=request,
        generations=[PAGES],
        vary=[index.pk, request.GET.urlencode()],
        per_audience=False,
    )


def series_articles(series) -> list:
    """The series' critiques in its language (a series belongs to one locale: issue 17)."""
    articles = readable_articles().filter(series=series, locale_id=series.locale_id)
    return list(_with_authors(articles.order_by("series_position", "pk")))


def translations_of(page) -> list:
    """The live, public translations of `page`, other than itself (for readers and hreflang)."""
    return list(
        Page.objects.live()
        .public()
        .filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .select_related("locale")
    )


def article_context(page: ArticlePage) -> dict:
    from . import structured_data

    private = _private_sections()
    # The page and its live, public translations in one read; the page's own row gives its
    # locale (for the structured data and hreflang) without a query of its own.
    versions = list(
        Page.objects.live()
        .exclude(private)
        .filter(translation_key=page.translation_key)
        .select_related("locale")
        .only("id", "title", "url_path", "locale__language_code")
    )
    for version in versions:
        if version.pk == page.pk:
            page.locale = version.locale
    authors = [link.author for link in page.authors.select_related("author").all()]
    context = {
        "article_authors": authors,
        "json_ld": structured_data.article(page, authors),
        "topics": list(page.topics.all()),
        "companies": list(page.companies.only("id", "name", "slug")),
        "translations": [version for version in versions if version.pk != page.pk],
        "previous_in_series": None,
        "next_in_series": None,
        "series_articles": [],
    }
    if page.series_id:
        siblings = list(
            ArticlePage.objects.live()
            .exclude(private)
            .filter(series_id=page.series_id, locale_id=page.locale_id)
            .order_by("series_position", "pk")
            .only("id", "title", "url_path", "series_position")
        )
        ids = [s.pk for s in siblings]
        if page.pk in ids:
            position = ids.index(page.pk)
            context["previous_in_series"] = siblings[position - 1] if position > 0 else None
            context["next_in_series"] = (
                siblings[position + 1] if position + 1 < len(siblings) else None
            )
        context["series_articles"] = siblings
        context["series"] = (
            SeriesPage.objects.live()
            .exclude(private)
            .filter(pk=page.series_id)
            .only("id", "title", "url_path")
            .first()
        )
    return context


def article_html(page: ArticlePage, request) -> dict:
    """The article's head (SEO links, structured data) and body, rendered once for every
    reader allowed to see it (Wagtail checks view restrictions before serving; nothing shown
    depends on the reader). Kept under the pages' generation (the article, its parent, its
    series and translations are pages; view restrictions bump it, wsr/site/signals.py;
    authors, topics, images and documents, promotion/signals.py) and the records' generation
    (the companies it names). A preview renders its unsaved content, never cached (fragment)."""

    def build():
        context = {"page": page, "request": request, **article_context(page)}
        return {
            "head": render_to_string("promotion/_article_head.html", context),
            "content": render_to_string("promotion/_article_content.html", context),
        }

    return fragment(
        "promotion:article",
        build,
        request=request,
        generations=[PAGES, RECORDS],
        vary=[page.pk],
        per_audience=False,
    )


def publication_context(page: PublicationPage) -> dict:
    from . import structured_data

    authors = [link.author for link in page.authors.select_related("author").all()]
    return {
        "publication_authors": authors,
        "json_ld": structured_data.report(page, authors),
        "related": list(page.related_articles.readable()),
        "translations": translations_of(page),
    }


def _language_first(coverage, page):
    """The coverage in the page's language first, then the rest (issue 17), newest first."""
    language = page.locale.language_code
    first = Case(When(language=language, then=Value(0)), default=Value(1))
    return coverage.order_by(first, "-published_on", "pk")


def press_room_context(page) -> dict:
    from .structured_data import organization

    return {
        "organization_ld": {"@context": "https://schema.org", **organization()},
        "releases": list(
            readable_articles()
            .filter(kind=ArticleKind.PRESS_RELEASE, locale=page.locale)
            .order_by("-published_on", "-first_published_at")[:10]
        ),
        "coverage": list(_language_first(CoverageEntry.objects.public(), page)[:20]),
        "kit": list(page.kit.select_related("image", "document").all()),
        "upcoming_talks": list(
            Talk.objects.public().filter(starts_at__gte=timezone.now()).order_by("starts_at")[:5]
        ),
    }


def author_works(author) -> dict:
    return {
        "articles": list(
            readable_articles()
            .filter(authors__author=author)
            .order_by("-published_on")
            .only("id", "title", "url_path", "published_on", "kind", "standfirst")
        ),
        "publications": list(
            PublicationPage.objects.live()
            .public()
            .filter(authors__author=author)
            .order_by("-published_on")
        ),
    }


def coverage_by_month():
    return (
        CoverageEntry.objects.annotate(month=TruncMonth("published_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("-month")
    )


def scheduled_pages():
    """What is scheduled to go live or to be taken down (the content calendar)."""
    from wagtail.models import Revision

    going_live = (
        Revision.page_revisions.filter(approved_go_live_at__isnull=False)
        .select_related("user")
        .order_by("approved_go_live_at")
    )
    taking_down = Page.objects.filter(live=True, expire_at__isnull=False).order_by("expire_at")
    return going_live, taking_down
