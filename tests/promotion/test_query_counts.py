"""Exact SQL query counts of what the Collaborative publishes (issue 18): the publications
index (plain and filtered by kind and topic), an article, a publication, a critique series,
the press room, the talks page, an author's page and the article feeds, at 3 and at 30 rows
of each kind.

Each page is requested once to warm the process caches (content types, site, locale) and
the cached site chrome, then counted. Anonymous readers are counted with the page cache off
(the render), and separately on a page-cache hit; a member adds their session, user and bell."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from promotion.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    Author,
    CoverageEntry,
    MediaKitItem,
    PressRoomPage,
    PublicationAuthor,
    PublicationPage,
    SeriesPage,
    Talk,
    Topic,
)
from tests.companies.factories import CompanyFactory
from tests.pinned_pages import assert_cache_hit, assert_render_pinned, built_once, viewer_cases
from wsr.site.page_cache import invalidate
from wsr.site.services import site_tree_ensure

pytestmark = pytest.mark.django_db

# page -> {viewer: queries}. Anonymous: the render with the page cache off. Feeds are read
# by feed apps, without a session: anonymous only.
# The index's listing and an article are rendered once for every reader (issue 22): once warm
# they take no query of their own; PINNED_AFTER_PUBLISH counts the render that builds them.
PINNED = {
    "index": {"anonymous": 0, "member": 2},
    "index-kind": {"anonymous": 0, "member": 2},
    "index-topic": {"anonymous": 0, "member": 2},
    "article": {"anonymous": 0, "member": 2},
    "publication": {"anonymous": 6, "member": 8},
    "series": {"anonymous": 4, "member": 6},
    "press-room": {"anonymous": 6, "member": 8},
    "talks": {"anonymous": 4, "member": 6},
    "author": {"anonymous": 6, "member": 8},
    "feed-rss": {"anonymous": 2},
    "feed-atom": {"anonymous": 2},
    "feed-kind": {"anonymous": 2},
}
CACHED_PAGES = ["index", "article", "press-room"]
# The first render after a publish (the pages' generation replaced), anonymous, page cache
# off: the listing and the article built afresh, with Wagtail's routing.
PINNED_AFTER_PUBLISH = {"index": 14, "index-kind": 12, "index-topic": 12, "article": 16}

KINDS = ["critique", "analysis", "news", "press_release"]


def _build(size):
    """`size` articles of every kind in one critique series, each by the same author (the
    first with `size` authors, topics and companies), `size` publications (the first with
    `size` authors, related articles and topics), `size` topics, talks, coverage entries
    and media-kit items."""
    home = site_tree_ensure(home_fields={"title": "Home", "hero_title": "Workers"})["en"]
    listing = home.add_child(instance=ArticleIndexPage(title="Publications", slug="publications"))
    topics = [Topic.objects.create(slug=f"topic-{n}", name=f"Topic {n}") for n in range(size)]
    authors = [Author.objects.create(name=f"Writer {n}") for n in range(size)]
    companies = [CompanyFactory() for _ in range(size)]
    series = listing.add_child(instance=SeriesPage(title="Why audits fail", slug="why"))
    today = timezone.localdate()
    articles = []
    for n in range(size):
        article = ArticlePage(
            title=f"Audits fail {n}",
            kind=KINDS[n % len(KINDS)],
            standfirst="What the audits miss.",
            body=[("paragraph", "<p>Audits miss what workers see.</p>")],
            published_on=today - timedelta(days=n),
            series=series,
            series_position=n,
            topics=topics if n == 0 else topics[:1],
            companies=companies if n == 0 else [],
        )
        listing.add_child(instance=article)  # live, without a revision: faster
        for author in authors if n == 0 else authors[:1]:
            ArticleAuthor.objects.create(page=article, author=author)
        articles.append(article)
    publications = []
    for n in range(size):
        publication = PublicationPage(
            title=f"Report {n}",
            summary="What binds buyers.",
            key_findings=[("finding", "Binding agreements work.")],
            published_on=today - timedelta(days=n),
            related_articles=articles if n == 0 else [],
            topics=topics if n == 0 else [],
        )
        listing.add_child(instance=publication)
        for author in authors if n == 0 else authors[:1]:
            PublicationAuthor.objects.create(page=publication, author=author)
        publications.append(publication)
    press = home.add_child(instance=PressRoomPage(title="Press room", slug="press"))
    now = timezone.now()
    for n in range(size):
        MediaKitItem.objects.create(page=press, title=f"Logo {n}", sort_order=n)
        CoverageEntry.objects.create(
            outlet=f"Daily {n}",
            headline=f"Workers win {n}",
            published_on=today - timedelta(days=n),
            language="es" if n % 2 else "en",
        )
        talk = Talk.objects.create(
            title=f"Worker-driven {n}",
            event=f"Conference {n}",
            starts_at=now + timedelta(days=n - size // 2),
        )
        talk.speakers.set(authors if n == 0 else authors[:1])
    return {
        "index": listing.url,
        "index-kind": listing.url + "?kind=critique",
        "index-topic": listing.url + "?topic=topic-0",
        "article": articles[0].url,
        "publication": publications[0].url,
        "series": series.url,
        "press-room": press.url,
        "talks": reverse("promotion:talks"),
        "author": reverse("promotion:author", args=[authors[0].slug]),
        "feed-rss": reverse("promotion:feed-rss"),
        "feed-atom": reverse("promotion:feed-atom"),
        "feed-kind": reverse("promotion:feed-kind-rss", args=["critique"]),
    }


urls = built_once(_build)


@pytest.mark.parametrize(("page", "viewer"), viewer_cases(PINNED))
def test_each_page_runs_a_pinned_number_of_queries(
    urls, client, settings, django_assert_num_queries, page, viewer
):
    queries = PINNED[page][viewer]
    assert_render_pinned(client, settings, viewer, urls[page], queries, django_assert_num_queries)


@pytest.mark.parametrize("page", PINNED_AFTER_PUBLISH)
def test_the_first_render_after_a_publish_runs_a_pinned_number_of_queries(
    urls, client, settings, django_assert_num_queries, page
):
    settings.WSR_PAGE_CACHE = False
    assert client.get(urls[page]).status_code == 200
    invalidate()
    with django_assert_num_queries(PINNED_AFTER_PUBLISH[page], info=urls[page]):
        assert client.get(urls[page]).status_code == 200


@pytest.mark.parametrize("page", CACHED_PAGES)
def test_a_page_cache_hit_runs_no_query(urls, client, settings, django_assert_num_queries, page):
    assert_cache_hit(client, settings, urls[page], django_assert_num_queries)


def test_the_counted_pages_show_every_row(urls, client):
    """The counts above are of pages that show the rows: every author of the article and of
    the publication, every related article, every talk's speaker."""
    article = client.get(urls["article"]).content.decode()
    publication = client.get(urls["publication"]).content.decode()
    size = Author.objects.count()
    for n in range(size):
        assert f"Writer {n}" in article and f"Writer {n}" in publication
        assert f"Audits fail {n}" in publication
    assert client.get(urls["talks"]).content.decode().count("Writer ") >= size
