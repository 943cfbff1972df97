"""Reads of promotion: each starts from what anyone may read (live, public pages; public
coverage and talks) and runs a fixed number of queries whatever the amount of content."""

from django.core.paginator import Paginator
from django.db.models import Case, Count, Prefetch, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone
from wagtail.models import Page

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
    articles = readable_articles().child_of(index).select_related("series")
    if kind:
        articles = articles.filter(kind=kind)
    if topic:
        articles = articles.filter(topics__slug=topic)
    articles = _with_authors(articles.order_by("-published_on", "-first_published_at"))
    page_obj = Paginator(articles, INDEX_PAGE_SIZE).get_page(request.GET.get("page"))
    publications = (
        PublicationPage.objects.readable().child_of(index).order_by("-published_on")[:6]
        if not kind and not topic
        else []
    )
    series = SeriesPage.objects.readable().child_of(index).order_by("title")
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

    authors = [link.author for link in page.authors.select_related("author").all()]
    context = {
        "article_authors": authors,
        "json_ld": structured_data.article(page, authors),
        "topics": list(page.topics.all()),
        "companies": list(page.companies.all()),
        "translations": translations_of(page),
        "previous_in_series": None,
        "next_in_series": None,
        "series_articles": [],
    }
    if page.series_id:
        siblings = list(
            readable_articles()
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
        context["series"] = SeriesPage.objects.readable().filter(pk=page.series_id).first()
    return context


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
