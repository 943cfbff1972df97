"""Exact SQL query counts of the site shell's pages (issue 18): the home page, a standard
page, the site search (across page types and both languages) and the sitemap, at 3 and at
30 rows (pages, blocks linking to pages, search results).

Each page is requested once to warm the process caches (content types, site, locale) and
the cached site chrome, then counted. Anonymous readers are counted with the page cache off
(the render), and separately on a page-cache hit; a member adds their session, user and bell.
tests/site/test_site_search_languages.py pins the Spanish search page the same way."""

import pytest
from wagtail.models import Locale

from repository.indexing import resource_reindex
from repository.models import ResourcePage
from tests.members.factories import member
from tests.pinned_pages import assert_cache_hit, assert_render_pinned, built_once, viewer_cases
from tests.repository.factories import repository_index
from wsr.site.models import StandardPage
from wsr.site.services import site_tree_ensure

pytestmark = pytest.mark.django_db

# page -> {viewer: queries}. Anonymous: the render with the page cache off; the sitemap is
# read by crawlers, without a session.
PINNED = {
    # issue 22: Wagtail's Site, route and restrictions are kept per page-tree generation
    # (wsr/site/routing.py): 5 queries fewer than before (6/11 and 8/13). A member's 6 -> 3:
    # their permissions and the bell count are kept (wsr/members/role_cache.py,
    # notifications/bell.py); left: session, user, and the page's own query
    "home": {"anonymous": 1, "member": 3},
    "standard": {"anonymous": 1, "member": 3},
    # issue 22: once warm, the pages found, their rows and the records are kept
    # (wsr/site/search.py), members' records per their working groups (21/28, 17/23 and
    # 19/26 queries before; 0/11 with members' records searched each time): a member's
    # session and user (the signed-in base), and their working groups
    # (coordination/search.py `reach_of`, which the records are kept under)
    "search": {"anonymous": 0, "member": 3},
    "search-page-2": {"anonymous": 0, "member": 2},  # records on the first page only
    "search-nothing": {"anonymous": 0, "member": 3},
    "sitemap": {"anonymous": 18},
}
CACHED_PAGES = ["home", "standard"]
# The search right after a publish (nothing of it kept), warm otherwise: visibility (every
# page type's rule), the search, the rows with their descriptions, the records.
# The records are kept until a record changes, not a page (a member's: 28 before issue 22's
# members' records kept, now their working groups instead of five record queries).
# +1: the paths of pages under a view restriction (wsr/site/mixins.py, review of issue 22).
SEARCH_AFTER_PUBLISH = {"anonymous": 18, "member": 21}


def _call_to_action(page):
    return ("call_to_action", {"title": page.title, "page": page, "label": "Read", "text": ""})


def _coordination_records(size):
    """`size` records of each type the search also finds (issue 20), half for members:
    companies, efforts targeting them, updates, group discussions and opportunities."""
    from coordination import services
    from coordination.models import EffortTarget, GroupMembership, WorkingGroup
    from coordination.services.limits import write_limit_off
    from tests.coordination.builders import effort, opportunity
    from tests.members.factories import AffiliationFactory
    from wsr.companies.models import Company

    group = WorkingGroup.objects.create(name="Workers group")
    author = AffiliationFactory().user
    GroupMembership.objects.create(group=group, user=author)
    with write_limit_off():
        for n in range(size):
            audience = "members" if n % 2 else "public"
            company = Company.objects.create(name=f"Workers Foods {n}")
            made = effort(audience, None, author, name=f"Workers campaign {n}")
            EffortTarget.objects.create(effort=made, company=company)
            services.update_post(effort=made, author=author, body=f"Workers met {n}.")
            services.thread_create(group=group, author=author, title=f"Workers {n}", body="x")
            opportunity(audience, None, author, title=f"Workers fields {n}")


def _build(size):
    """`size` standard pages about workers (every third in Spanish), `size` resources about
    workers (half for members), `size` coordination records of each type, a home page and
    a standard page whose bodies link to each of them."""
    homes = site_tree_ensure(
        home_fields={"title": "Home", "hero_title": "Workers"},
        home_fields_by_language={"es": {"title": "Inicio", "hero_title": "Trabajadores"}},
    )
    home, home_es = homes["en"], homes["es"]
    pages = []
    for n in range(size):
        parent = home_es if n % 3 == 2 else home
        page = StandardPage(
            title=f"Workers page {n}",
            slug=f"workers-{n}",
            introduction="How workers organize.",
            body=[("paragraph", "<p>Workers define the rules.</p>")],
        )
        parent.add_child(instance=page)  # live, without a revision: faster
        pages.append(page)
    index = repository_index(home)
    for n in range(size):
        resource = ResourcePage(
            title=f"Workers guide {n}",
            summary="A guide for workers.",
            kind="toolkit",
            audience="members" if n % 2 else "public",
            published_on="2024-06-01",
        )
        index.add_child(instance=resource)
        resource_reindex(resource)
    _coordination_records(size)
    links = StandardPage(
        title="About", slug="about", body=[_call_to_action(page) for page in pages]
    )
    home.add_child(instance=links)
    home.body = [_call_to_action(page) for page in pages]
    home.save()
    assert Locale.objects.count() == 2
    return {
        "home": home.url,
        "standard": links.url,
        "search": "/search/?q=workers",
        "search-page-2": "/search/?q=workers&page=2",
        "search-nothing": "/search/?q=nothing+matches+this",
        "sitemap": "/sitemap.xml",
    }


urls = built_once(_build, quiet_search=False)


@pytest.mark.parametrize(("page", "viewer"), viewer_cases(PINNED))
def test_each_page_runs_a_pinned_number_of_queries(
    urls, client, settings, django_assert_num_queries, page, viewer
):
    queries = PINNED[page][viewer]
    assert_render_pinned(client, settings, viewer, urls[page], queries, django_assert_num_queries)


@pytest.mark.parametrize("viewer", SEARCH_AFTER_PUBLISH)
def test_the_search_after_a_publish_runs_a_pinned_number_of_queries(
    urls, client, settings, django_assert_num_queries, viewer
):
    from wsr.site.page_cache import PAGES

    settings.WSR_PAGE_CACHE = False
    if viewer == "member":
        client.force_login(member())
    client.get(urls["search"])
    PAGES.bump()  # as every publish does
    with django_assert_num_queries(SEARCH_AFTER_PUBLISH[viewer], info=urls["search"]):
        client.get(urls["search"])


@pytest.mark.parametrize("page", CACHED_PAGES)
def test_a_page_cache_hit_runs_no_query(urls, client, settings, django_assert_num_queries, page):
    assert_cache_hit(client, settings, urls[page], django_assert_num_queries)


def test_the_counted_pages_show_every_row(urls, client):
    """The counts above are of pages that show the rows: every linked page on the home and
    the standard page, every match of the search (standard pages in both languages, public
    resources, the home and the standard page themselves)."""
    size = StandardPage.objects.filter(slug__startswith="workers-").count()
    home = client.get(urls["home"]).content.decode()
    about = client.get(urls["standard"]).content.decode()
    assert all(f"Workers page {n}" in home and f"Workers page {n}" in about for n in range(size))
    search = client.get(urls["search"])
    assert search.context["page_obj"].paginator.count == size + (size + 1) // 2 + 2
    # the coordination records the anonymous reader may see: the public half of each type
    # but discussions (members' space), and every company
    kinds = [record["type"] for record in search.context["records"]]
    shown = min((size + 1) // 2, 10)
    assert kinds.count("effort") == kinds.count("update") == kinds.count("opportunity") == shown
    assert "thread" not in kinds and kinds.count("company") == min(size, 10)
