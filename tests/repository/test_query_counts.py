"""Exact SQL query counts of the repository's pages (issue 18): the index and its search
with filters, a resource, a learning path, the events index, an event, the iCalendar feed
and file, the resource feeds, at 3 and at 30 rows of each kind.

Each page is requested once to warm the process caches (content types, site, locale) and
the cached site chrome and search counts, then counted. Anonymous readers are counted with
the page cache off (the render), and separately on a page-cache hit; members see more (and
their session, user and bell cost a few queries)."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model

from repository.indexing import resource_reindex
from repository.models import (
    CollectionItem,
    CollectionPage,
    EventIndexPage,
    EventOutcomeResource,
    EventPage,
    Principle,
    Registration,
    ResourceAttachment,
    ResourceAuthor,
    ResourceCountry,
    ResourcePage,
)
from tests.members.factories import AffiliationFactory, UserFactory
from tests.pinned_pages import (
    SIZES,
    assert_cache_hit,
    assert_render_pinned,
    built_once,
    viewer_cases,
)
from wsr.members.models import Sector
from wsr.site.services import site_tree_ensure

from .factories import repository_index

pytestmark = pytest.mark.django_db

# page -> {viewer: queries}. Anonymous: the render with the page cache off. Feeds are read
# by calendar and feed apps, without a session: anonymous only.
PINNED = {
    "index": {"anonymous": 0, "member": 2},
    "index-filtered": {"anonymous": 0, "member": 2},
    "search": {"anonymous": 0, "member": 2},
    "search-filtered": {"anonymous": 0, "member": 2},
    "resource": {"anonymous": 3, "member": 6},
    "collection": {"anonymous": 1, "member": 3},
    "events": {"anonymous": 2, "member": 4},
    "event": {"anonymous": 4, "member": 7},
    "event-ics": {"anonymous": 2, "member": 6},
    "events-feed": {"anonymous": 2},
    "feed-rss": {"anonymous": 1},
    "feed-atom": {"anonymous": 1},
}
CACHED_PAGES = ["index", "search", "resource", "event"]


def _events(index_page, size, outcomes):
    now = timezone.now()
    events = []
    for n in range(size):
        starts = now + timedelta(days=n - size // 2)  # half past, half upcoming
        event = EventPage(
            title=f"Exchange {n}",
            summary="Learning together.",
            kind="exchange",
            format="hybrid",
            starts_at=starts,
            ends_at=starts + timedelta(hours=3),
            time_zone="America/New_York",
            place="Immokalee",
            audience="public" if n % 2 else "members",
        )
        index_page.add_child(instance=event)  # live, without a revision: faster
        events.append(event)
    featured = [e for e in events if e.audience == "public"][-1]  # upcoming
    for resource_page in outcomes:
        EventOutcomeResource.objects.create(page=featured, resource=resource_page)
    for _ in range(size):
        Registration.objects.create(
            event=featured, user=AffiliationFactory().user, status="registered"
        )
    return featured


def _resource(index, n):
    """A live resource as publishing leaves it (search document included), without the
    revision and the publishing machinery: the builder runs 60 times per module."""
    page = ResourcePage(
        title=f"Workers guide {n}",
        summary="A guide for workers.",
        kind="toolkit",
        audience="members" if n % 2 else "public",
        published_on=f"{2000 + n}-06-01",
        body=[("paragraph", "<p>How workers organize.</p>")],
        sectors=list(Sector.objects.filter(slug__in=["agriculture", "dairy"])),
        principles=list(Principle.objects.filter(number__in=[1, 2])),
        country_links=[ResourceCountry(country="US"), ResourceCountry(country="MX")],
    )
    page.tags.add(f"tag{n}", "organizing")
    index.add_child(instance=page)
    resource_reindex(page)
    return page


def _build(size):
    """`size` resources (each with sectors, countries, principles and tags, half of them for
    members), one resource with `size` authors, attachments, countries, tags and related
    resources, a learning path of `size` steps, and `size` events, one with `size` outcomes
    and registrations."""
    home = site_tree_ensure(home_fields={"title": "Home", "hero_title": "Workers"})["en"]
    index = repository_index(home)
    resources = [_resource(index, n) for n in range(size)]
    busy = resources[0]
    documents = get_document_model()
    sectors = list(Sector.objects.all()[:size])
    for n in range(size):
        ResourceAttachment.objects.create(
            page=busy,
            document=documents.objects.create(
                title=f"Annex {n}", file=ContentFile(b"annex", name=f"annex{n}.txt")
            ),
        )
        ResourceAuthor.objects.create(
            page=busy,
            person=UserFactory() if n % 3 == 0 else None,
            organization=AffiliationFactory().organization if n % 3 == 1 else None,
            name=f"Writer {n}" if n % 3 == 2 else "",
            sort_order=n,
        )
        busy.related_links.create(resource=resources[n - 1])
    for code in ["BD", "GT", "HN", "IN", "KH", "LK", "PK", "SV", "VN"][: size - 2]:
        busy.country_links.add(ResourceCountry(country=code))
    busy.sectors.add(*sectors)
    busy.tags.add(*[f"extra{n}" for n in range(size)])
    busy.save()
    resource_reindex(busy)
    path = CollectionPage(title="Start here", slug="start-here", introduction="In order.")
    index.add_child(instance=path)
    for n, step in enumerate(resources):
        CollectionItem.objects.create(page=path, resource=step, sort_order=n, note="")
    events_index = home.add_child(instance=EventIndexPage(title="Events", slug="events"))
    event = _events(events_index, size, resources)
    index_url = index.url
    search = "?q=workers"
    filters = "sector=agriculture&country=US&principle=1&kind=toolkit"
    return {
        "index": index_url,
        "index-filtered": f"{index_url}?{filters}",
        "search": index_url + search,
        "search-filtered": f"{index_url}{search}&{filters}&sort=newest",
        "resource": busy.url,
        "collection": path.url,
        "events": events_index.url,
        "event": event.url,
        "event-ics": reverse("repository:event-ics", args=[event.pk]),
        "events-feed": reverse("repository:events-feed"),
        "feed-rss": reverse("repository:feed-rss"),
        "feed-atom": reverse("repository:feed-atom"),
    }


urls = built_once(_build, media=True)


@pytest.mark.parametrize(("page", "viewer"), viewer_cases(PINNED))
def test_each_page_runs_a_pinned_number_of_queries(
    urls, client, settings, django_assert_num_queries, page, viewer
):
    queries = PINNED[page][viewer]
    assert_render_pinned(client, settings, viewer, urls[page], queries, django_assert_num_queries)


@pytest.mark.parametrize("page", CACHED_PAGES)
def test_a_page_cache_hit_runs_no_query(urls, client, settings, django_assert_num_queries, page):
    assert_cache_hit(client, settings, urls[page], django_assert_num_queries)


def test_the_resource_page_still_names_every_author(urls, client):
    """The authors are read in one query now (person, profile, organization): same names."""
    from django.utils.html import escape

    response = client.get(urls["resource"])
    names = [str(author) for author in response.context["page"].authors.all()]
    assert len(names) in SIZES
    html = response.content.decode()
    assert "By " + ", ".join(escape(name) for name in names) + "</p>" in html
