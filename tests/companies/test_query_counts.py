"""Exact SQL query counts of the company registry's pages (issue 18): the list (and its
search) and a company's page with its panels from every app, at 3 and at 30 rows of each
kind. Each page is requested once to warm the process caches (content types, site, locale)
and the cached site chrome, then counted. Company pages are never in the anonymous page cache
(only Wagtail pages are), so the anonymous count is the uncached render."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from assistance.models import EnforcementReport, Initiative, InitiativeBuyer
from coordination.models import Effort, Opportunity
from promotion.models import ArticleIndexPage, ArticlePage
from repository.indexing import resource_reindex
from repository.models import ResourcePage
from tests.members.factories import StaffFactory, UserFactory, member, sector
from tests.repository.factories import repository_index
from wsr.api.cache import RECORDS
from wsr.members.models import Sector

from .factories import CompanyClaimFactory, CompanyFactory

pytestmark = pytest.mark.django_db

SIZES = [3, 30]

# viewer -> queries: session and user for those signed in, then the page.
# issue 22: the signed-in base request costs less (members 7 -> 4, staff 7 -> 6: the
# core helpers' session, permission and bell-count changes), not this page.
LIST = {"anonymous": 2, "member": 4, "staff": 6}
LIST_SEARCH = {"anonymous": 2, "member": 4, "staff": 6}
# issue 20: +1 the company's responses (requests for response); +3 the timeline and the
# figures over the years: staff-entered events, effort targets and their history; the
# articles are shared with the articles panel (promotion.company_timeline.company_articles),
# the memberships and reports with the binding panel
# (assistance.company_timeline.agreements_with_reports).
# issue 22: an anonymous reader's page is kept (views._public_content): one query, the
# requests' deadlines (the clock's part); rebuilt after a write, the 16 of before and that one.
# Signed in, built per request as before (members 22 -> 18, staff 22 -> 21: the base).
DETAIL = {"anonymous": 1, "member": 18, "staff": 21}
DETAIL_REBUILT = 17


def _viewer(client, kind):
    user = {"anonymous": None, "member": member, "staff": StaffFactory}[kind]
    if user is not None:
        client.force_login(user())


def _count(client, url, expected, django_assert_num_queries, **params):
    assert client.get(url, params).status_code == 200  # warm
    with django_assert_num_queries(expected):
        response = client.get(url, params)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("viewer", LIST)
@pytest.mark.parametrize("size", SIZES)
def test_the_company_list_runs_a_pinned_number_of_queries(
    client, site_tree, django_assert_num_queries, size, viewer
):
    CompanyFactory.create_batch(size, sectors=Sector.objects.all()[:2])
    _viewer(client, viewer)
    url = reverse("companies:company-list")
    response = _count(client, url, LIST[viewer], django_assert_num_queries)
    assert len(response.context["page_obj"]) == size
    response = _count(client, url, LIST_SEARCH[viewer], django_assert_num_queries, q="value")
    assert len(response.context["page_obj"]) == size


def _busy_company(size: int, owner):
    """A company with `size` claims, sectors (as many as exist), binding agreements with
    verified reports, efforts, opportunities, and articles and resources naming it."""
    company = CompanyFactory(name="Big Grocer", sectors=Sector.objects.all()[:size])
    for n in range(size):
        CompanyClaimFactory(company=company, source_is_public=n % 2 == 0)
        initiative = Initiative.objects.create(
            name=f"Program {n}", has_binding_agreements=True, start_year=2011
        )
        InitiativeBuyer.objects.create(initiative=initiative, company=company)
        EnforcementReport.objects.create(
            initiative=initiative,
            period_start=date(2024, 1, 1),
            period_end=date(2024, 12, 31),
            workers_covered=900,
            complaints_received=77,
            complaints_resolved=70,
            audits=12,
            suppliers_suspended=2,
            suppliers_corrective_action=3,
            education_sessions=5,
            status=EnforcementReport.Status.VERIFIED,
        )
        effort = Effort.objects.create(
            name=f"Campaign {n}", owner=owner, countries=["US"], audience="public"
        )
        effort.targets.create(company=company)
        opportunity = Opportunity.objects.create(
            title=f"Farms {n}",
            sector=sector(),
            country="US",
            region="north_america",
            stage="research",
            owner=owner,
            latitude=26,
            longitude=-81,
            audience="public" if n % 2 else "members",
        )
        opportunity.buyers.add(company)
    return company


def _pages_naming(company, home, count: int):
    """Articles and resources that name the company (the panels show the first 10 and 5);
    live, without revisions: faster."""
    listing = home.add_child(instance=ArticleIndexPage(title="Publications", slug="publications"))
    repository = repository_index(home)
    for n in range(count):
        listing.add_child(
            instance=ArticlePage(
                title=f"Critique {n}",
                kind="critique",
                standfirst="What Big Grocer claims.",
                published_on=timezone.localdate(),
                companies=[company],
            )
        )
        page = ResourcePage(
            title=f"Big Grocer case study {n}",
            summary="A case study.",
            kind="case_study",
            audience="public",
        )
        repository.add_child(instance=page)
        resource_reindex(page)


@pytest.mark.parametrize("size", SIZES)
def test_a_company_page_runs_a_pinned_number_of_queries(
    client, site_tree, django_assert_num_queries, size
):
    owner = UserFactory()
    company = _busy_company(size, owner)
    _pages_naming(company, site_tree["en"], 4 if size == 3 else 12)
    url = company.get_absolute_url()
    for viewer in DETAIL:
        if viewer != "anonymous":
            _viewer(client, viewer)
        response = _count(client, url, DETAIL[viewer], django_assert_num_queries)
        html = response.content.decode()
        assert html.count("77 complaints received") == size
        assert "Campaign 1" in html and "Critique 1" in html and "case study 1" in html
        claims = size if viewer == "staff" else (size + 1) // 2
        assert len(response.context["claims"]) == claims
        if viewer == "anonymous":
            RECORDS.bump()  # as any write does: the next reader rebuilds the page
            with django_assert_num_queries(DETAIL_REBUILT):
                rebuilt = client.get(url)
            assert rebuilt.content == response.content
