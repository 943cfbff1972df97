"""The companies collection of the open-data API (issue 21): each company with the voluntary
schemes it cites and the worker-driven agreements it signed, as the company page shows them to
the same viewer; its filters, paging, field selection and former slugs; a pinned number of
queries whatever the page size."""

from datetime import date

import pytest

from assistance.models import Initiative, InitiativeBuyer
from tests.companies.factories import CompanyClaimFactory, CompanyFactory, VoluntarySchemeFactory
from tests.members.factories import StaffFactory, member, sector
from wsr.api.tokens import token_create
from wsr.companies.models import VoluntaryScheme

pytestmark = pytest.mark.django_db

URL = "/api/v1/companies/"


def _get(client, url, token=None, **params):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.get(url, params, **headers)


def _ids(response):
    assert response.status_code == 200, response.content
    return [record["id"] for record in response.json()["data"]]


def _token(user):
    return token_create(user=user, name="research")[1]


@pytest.fixture
def acme():
    """A company with a public claim, a claim whose source is not public, an agreement in a
    listed initiative, one in an unlisted initiative and one whose name is confidential."""
    company = CompanyFactory(
        name="Acme Foods",
        aliases="Acme Holdings\nAcme Inc.",
        brands="Sunny Farms\nAcme Select",
        headquarters_country="GB",
        website="https://acme.example",
        sectors=[sector("agriculture"), sector("dairy")],
    )
    scheme = VoluntarySchemeFactory(
        name="Fair Audit", kind=VoluntaryScheme.Kind.AUDIT, website="https://fairaudit.example"
    )
    CompanyClaimFactory(
        company=company,
        scheme=scheme,
        statement="Every farm is audited.",
        source_title="Annual report 2024",
        source_url="https://acme.example/report-2024",
        checked_on=date(2025, 3, 1),
    )
    CompanyClaimFactory(
        company=company,
        scheme=VoluntarySchemeFactory(name="Secret Pledge", kind=VoluntaryScheme.Kind.PLEDGE),
        source_title="Leaked memo",
        source_url="https://acme.example/leaked-memo",
        source_is_public=False,
    )
    fair_food = Initiative.objects.create(
        name="Fair Food Program", has_binding_agreements=True, determination="meets"
    )
    InitiativeBuyer.objects.create(initiative=fair_food, company=company, joined_year=2011)
    hidden = Initiative.objects.create(name="Program In Preparation", is_listed=False)
    InitiativeBuyer.objects.create(initiative=hidden, company=company, joined_year=2020)
    quiet = Initiative.objects.create(name="Quiet Program", has_binding_agreements=True)
    InitiativeBuyer.objects.create(initiative=quiet, company=company, is_public=False)
    return company


def test_a_company_record_shows_what_its_page_shows(client, acme):
    response = _get(client, f"{URL}acme-foods")
    assert response.status_code == 200
    record = response.json()["data"]
    assert record == {
        "id": "acme-foods",
        "name": "Acme Foods",
        "aliases": ["Acme Holdings", "Acme Inc."],
        "brands": ["Sunny Farms", "Acme Select"],
        "sectors": [
            {"code": "agriculture", "label_en": "Agriculture", "label_es": "Agricultura"},
            {"code": "dairy", "label_en": "Dairy", "label_es": "Lechería"},
        ],
        "headquarters_country": {
            "code": "GB",
            "label_en": "United Kingdom",
            "label_es": "Reino Unido",
        },
        "website": "https://acme.example",
        "url": "http://testserver/companies/acme-foods/",
        "is_demo": False,
        "claims": [
            {
                "scheme": {
                    "id": VoluntaryScheme.objects.get(name="Fair Audit").pk,
                    "name": "Fair Audit",
                    "kind": {
                        "code": "audit",
                        "label_en": "Social-audit program",
                        "label_es": record["claims"][0]["scheme"]["kind"]["label_es"],
                    },
                    "website": "https://fairaudit.example",
                },
                "statement": "Every farm is audited.",
                "source_title": "Annual report 2024",
                "source_url": "https://acme.example/report-2024",
                "checked_on": "2025-03-01",
            }
        ],
        "agreements": [
            {
                "initiative": "fair-food-program",
                "initiative_name": "Fair Food Program",
                "initiative_url": "http://testserver/initiatives/fair-food-program/",
                "joined_year": 2011,
                "binding": True,
                "determination": {
                    "code": "meets",
                    "label_en": "Meets the WSR criteria",
                    "label_es": record["agreements"][0]["determination"]["label_es"],
                },
            }
        ],
        "sources": ["https://acme.example/report-2024"],
        "updated_at": record["updated_at"],
    }
    assert record["updated_at"].endswith("Z")
    assert record["updated_at"].startswith(str(acme.updated_at.year))


def test_the_list_holds_the_same_records_as_the_detail(client, acme):
    CompanyFactory(name="Bravo Grocers")
    response = _get(client, URL)
    assert _ids(response) == ["acme-foods", "bravo-grocers"]
    listed = response.json()["data"][0]
    assert listed == _get(client, f"{URL}acme-foods").json()["data"]
    assert response.json()["next"] is None
    assert response.json()["meta"]["licence"]


def test_the_page_url_of_a_company_is_the_english_one_whatever_the_callers_language(client, acme):
    response = client.get(f"{URL}acme-foods", HTTP_ACCEPT_LANGUAGE="es")
    assert response.json()["data"]["url"] == "http://testserver/companies/acme-foods/"


def test_a_claim_with_a_private_source_and_unlisted_or_confidential_agreements_stay_out(
    client, acme
):
    record = _get(client, f"{URL}acme-foods").json()["data"]
    assert [claim["scheme"]["name"] for claim in record["claims"]] == ["Fair Audit"]
    assert "https://acme.example/leaked-memo" not in record["sources"]
    assert [a["initiative"] for a in record["agreements"]] == ["fair-food-program"]
    assert b"Leaked memo" not in _get(client, URL).content
    assert b"program-in-preparation" not in _get(client, URL).content
    assert b"quiet-program" not in _get(client, URL).content


@pytest.mark.parametrize("who", ["member", "staff"])
def test_a_token_reads_no_more_than_the_site_shows_without_a_second_factor(client, acme, who):
    """A claim with a private source and an unlisted initiative are for staff who passed a
    second factor; a token never stands for one, so members and staff read the public rule."""
    token = _token(member() if who == "member" else StaffFactory())
    response = _get(client, f"{URL}acme-foods", token=token)
    assert response.status_code == 200
    record = response.json()["data"]
    assert [claim["scheme"]["name"] for claim in record["claims"]] == ["Fair Audit"]
    assert [a["initiative"] for a in record["agreements"]] == ["fair-food-program"]
    assert response["Cache-Control"].startswith("private")


def test_the_sector_filter_keeps_the_companies_of_that_sector(client, acme):
    CompanyFactory(name="Bravo Grocers", sectors=[sector("apparel")])
    assert _ids(_get(client, URL, sector="dairy")) == ["acme-foods"]
    assert _ids(_get(client, URL, sector="apparel")) == ["bravo-grocers"]


def test_an_unknown_sector_gives_an_empty_list(client, acme):
    assert _ids(_get(client, URL, sector="no-such-sector")) == []


def test_the_country_filter_reads_the_headquarters_iso_code_in_any_case(client, acme):
    CompanyFactory(name="Bravo Grocers", headquarters_country="US")
    assert _ids(_get(client, URL, country="GB")) == ["acme-foods"]
    assert _ids(_get(client, URL, country="us")) == ["bravo-grocers"]
    assert _ids(_get(client, URL, country="ZZ")) == []


def test_the_initiative_filter_keeps_the_companies_it_names_publicly(client, acme):
    CompanyFactory(name="Bravo Grocers")
    assert _ids(_get(client, URL, initiative="fair-food-program")) == ["acme-foods"]
    # an unlisted initiative, or one where the company's name is confidential, names nobody
    assert _ids(_get(client, URL, initiative="program-in-preparation")) == []
    assert _ids(_get(client, URL, initiative="quiet-program")) == []
    assert _ids(_get(client, URL, initiative="no-such-program")) == []


def test_filters_combine(client, acme):
    CompanyFactory(name="Bravo Grocers", headquarters_country="GB", sectors=[sector("dairy")])
    assert _ids(_get(client, URL, country="GB", sector="dairy")) == [
        "acme-foods",
        "bravo-grocers",
    ]
    assert _ids(
        _get(client, URL, country="GB", sector="dairy", initiative="fair-food-program")
    ) == ["acme-foods"]


def test_an_unknown_filter_is_a_bad_request(client, acme):
    response = _get(client, URL, colour="red")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")


def test_a_renamed_company_keeps_its_former_slug_as_a_redirect(client, acme):
    acme.slug = "acme-global-foods"
    acme.save()
    response = _get(client, f"{URL}acme-foods")
    assert response.status_code == 301
    assert response["Location"].endswith("/acme-global-foods")
    assert _get(client, f"{URL}acme-global-foods").json()["data"]["name"] == "Acme Foods"


def test_an_unknown_company_is_a_problem_404(client, acme):
    response = _get(client, f"{URL}no-such-company")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


def test_fields_name_returns_only_the_id_and_the_name(client, acme):
    assert _get(client, URL, fields="name").json()["data"] == [
        {"id": "acme-foods", "name": "Acme Foods"}
    ]
    assert _get(client, f"{URL}acme-foods", fields="name").json()["data"] == {
        "id": "acme-foods",
        "name": "Acme Foods",
    }


def test_the_cursor_walks_every_company_once_in_slug_order(client):
    for name in ["Echo", "Alpha", "Delta", "Foxtrot", "Bravo", "Charlie"]:
        CompanyFactory(name=f"{name} Foods")
    seen, url, pages = [], URL, 0
    params = {"limit": 2}
    while url:
        response = client.get(url, params)
        seen += _ids(response)
        url, params, pages = response.json()["next"], None, pages + 1
    assert pages == 3
    assert seen == [
        "alpha-foods",
        "bravo-foods",
        "charlie-foods",
        "delta-foods",
        "echo-foods",
        "foxtrot-foods",
    ]


def test_updated_since_keeps_the_companies_changed_since(client, acme):
    since = acme.updated_at.isoformat()
    assert _ids(_get(client, URL, updated_since=since)) == ["acme-foods"]
    assert _ids(_get(client, URL, updated_since="2999-01-01T00:00:00Z")) == []


# Queries of a list page, whatever its size: the companies, their sectors, their visible
# claims with their schemes, their public agreements with their initiatives.
LIST_QUERIES = 4
# A token adds its look-up.
TOKEN_QUERIES = 1


def _many(size):
    dairy, fair_food = sector("dairy"), Initiative.objects.create(name="Fair Food Program")
    for _ in range(size):
        company = CompanyFactory(sectors=[dairy, sector("agriculture")])
        CompanyClaimFactory(company=company)
        CompanyClaimFactory(company=company, source_is_public=False)
        InitiativeBuyer.objects.create(initiative=fair_food, company=company, joined_year=2015)


@pytest.mark.parametrize("size", [1, 30])
def test_a_page_of_companies_runs_a_pinned_number_of_queries(
    client, django_assert_num_queries, size
):
    _many(size)
    _get(client, URL, limit=100)  # warm: content types, the URL resolver
    with django_assert_num_queries(LIST_QUERIES):
        response = _get(client, URL, limit=100, initiative="fair-food-program", sector="dairy")
    assert len(_ids(response)) == size
    assert all(len(record["claims"]) == 1 for record in response.json()["data"])


@pytest.mark.parametrize("size", [1, 30])
def test_a_member_tokens_page_runs_a_pinned_number_of_queries(
    client, django_assert_num_queries, size
):
    _many(size)
    token = _token(member())
    _get(client, URL, token=token, limit=100)
    with django_assert_num_queries(LIST_QUERIES + TOKEN_QUERIES):
        response = _get(client, URL, token=token, limit=100)
    assert len(_ids(response)) == size


def test_one_company_runs_the_same_queries_as_a_page(client, django_assert_num_queries, acme):
    _get(client, f"{URL}acme-foods")
    with django_assert_num_queries(LIST_QUERIES):
        assert _get(client, f"{URL}acme-foods").status_code == 200


def test_a_record_has_exactly_the_fields_of_its_schema_and_validates(client, acme):
    from wsr.companies.api import CompanyRecord

    CompanyFactory(name="Bare Grocer", headquarters_country="", brands="", website="")
    for record in _get(client, URL).json()["data"]:
        assert set(record) == set(CompanyRecord.model_fields)
        assert CompanyRecord.model_validate(record).model_dump(mode="json") == record


def test_the_openapi_document_describes_the_companies_and_their_filters(client):
    document = client.get("/api/v1/openapi.json").json()
    parameters = {p["name"] for p in document["paths"][URL]["get"]["parameters"]}
    assert {"sector", "country", "initiative", "cursor", "limit", "fields"} <= parameters
    assert "CompanyRecord" in document["components"]["schemas"]
