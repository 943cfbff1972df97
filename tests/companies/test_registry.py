"""The company registry's public pages: the list (search by name, brand or other name,
pagination) and a company's page (what it claims beside what binds it), each claim shown
only to the audience its source allows."""

import pytest
from django.urls import reverse

from tests.members.factories import StaffFactory, UserFactory, member
from wsr.companies.models import Company
from wsr.companies.views import PAGE_SIZE
from wsr.members.models import Sector

from .factories import CompanyClaimFactory, CompanyFactory, VoluntarySchemeFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("companies:company-list")


def _names(response) -> list[str]:
    assert response.status_code == 200
    return [company.name for company in response.context["page_obj"]]


def test_the_list_shows_every_company_by_name(client):
    CompanyFactory(name="Zeta Foods")
    CompanyFactory(name="Alpha Grocers", headquarters_country="MX")
    response = client.get(LIST_URL)
    assert _names(response) == ["Alpha Grocers", "Zeta Foods"]
    html = response.content.decode()
    assert 'href="/companies/alpha-grocers/"' in html and "Mexico" in html


def test_the_list_finds_a_company_by_name_brand_or_other_name(client):
    CompanyFactory(name="Big Grocer", brands="Sunny Fields", aliases="Grocer Holdings Inc.")
    CompanyFactory(name="Fashion House", brands="Blue Thread")
    assert _names(client.get(LIST_URL, {"q": "grocer"})) == ["Big Grocer"]
    assert _names(client.get(LIST_URL, {"q": "sunny"})) == ["Big Grocer"]
    assert _names(client.get(LIST_URL, {"q": "holdings"})) == ["Big Grocer"]
    assert _names(client.get(LIST_URL, {"q": "thread"})) == ["Fashion House"]
    response = client.get(LIST_URL, {"q": "nothing like it"})
    assert _names(response) == [] and "No company matches." in response.content.decode()


def test_the_list_pages_by_fifty_and_keeps_the_search(client):
    CompanyFactory.create_batch(PAGE_SIZE + 2, brands="Sunny Fields")
    first = client.get(LIST_URL, {"q": "sunny"})
    assert len(_names(first)) == PAGE_SIZE
    assert "q=sunny&amp;page=2" in first.content.decode()
    assert len(_names(client.get(LIST_URL, {"q": "sunny", "page": 2}))) == 2
    # A page number past the end or not a number shows a page, never an error.
    assert len(_names(client.get(LIST_URL, {"page": "999"}))) == 2
    assert len(_names(client.get(LIST_URL, {"page": "x"}))) == PAGE_SIZE


def test_a_company_page_shows_its_facts(client):
    company = CompanyFactory(
        name="Big Grocer",
        headquarters_country="US",
        brands="Sunny Fields\nValue Line",
        aliases="Grocer Holdings Inc.",
        website="https://grocer.example.org",
        sectors=Sector.objects.filter(slug__in=["agriculture", "apparel"]),
    )
    response = client.get(company.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Big Grocer</h1>" in html
    assert "United States of America" in html
    assert "Agriculture, Apparel and textiles" in html
    assert "Sunny Fields, Value Line" in html and "Grocer Holdings Inc." in html
    assert 'href="https://grocer.example.org"' in html
    assert "No voluntary scheme recorded." in html
    assert "No binding agreement in a worker-driven program recorded." in html
    assert "Demo data." not in html


def test_a_demo_company_says_it_was_invented(client):
    company = CompanyFactory(is_demo=True)
    assert "This company was invented" in client.get(company.get_absolute_url()).content.decode()


def test_an_unknown_company_is_not_found(client):
    assert client.get(reverse("companies:company-detail", args=["no-such"])).status_code == 404


@pytest.mark.parametrize("viewer", ["anonymous", "account", "member"])
def test_a_claim_from_a_private_source_is_for_staff_only(client, viewer):
    company = CompanyFactory(name="Big Grocer")
    CompanyClaimFactory(
        company=company,
        scheme=VoluntarySchemeFactory(name="Open Audit"),
        source_title="Annual report 2025",
    )
    CompanyClaimFactory(
        company=company,
        scheme=VoluntarySchemeFactory(name="Quiet Code"),
        source_title="Leaked memo",
        source_is_public=False,
    )
    if viewer != "anonymous":
        client.force_login(UserFactory() if viewer == "account" else member())
    html = client.get(company.get_absolute_url()).content.decode()
    assert "Open Audit" in html and "Annual report 2025" in html
    assert "Quiet Code" not in html and "Leaked memo" not in html

    client.force_login(StaffFactory())
    html = client.get(company.get_absolute_url()).content.decode()
    assert "Quiet Code" in html and "Leaked memo" in html


def test_claims_are_listed_by_scheme_with_their_source(client):
    company = CompanyFactory()
    CompanyClaimFactory(
        company=company,
        scheme=VoluntarySchemeFactory(name="Zed Certification", kind="certification"),
        source_title="Label website",
        source_url="",
        statement="",
    )
    CompanyClaimFactory(
        company=company,
        scheme=VoluntarySchemeFactory(name="Alpha Code", kind="code"),
        source_title="Supplier code",
        source_url="https://example.org/code",
    )
    response = client.get(company.get_absolute_url())
    assert [claim.scheme.name for claim in response.context["claims"]] == [
        "Alpha Code",
        "Zed Certification",
    ]
    html = response.content.decode()
    assert '<a href="https://example.org/code" rel="noopener nofollow">Supplier code</a>' in html
    assert "(Code of conduct)" in html and "(Certification)" in html


def test_a_company_list_and_page_are_open_to_everyone(client):
    company = CompanyFactory()
    for user in (None, UserFactory(), member(), StaffFactory()):
        if user is not None:
            client.force_login(user)
        assert client.get(LIST_URL).status_code == 200
        assert client.get(company.get_absolute_url()).status_code == 200


def test_a_slug_is_made_from_the_name_and_kept_unique(db):
    first = Company.objects.create(name="Big Grocer")
    second = Company.objects.create(name="Big Grocer")
    assert first.slug == "big-grocer" and second.slug != first.slug
