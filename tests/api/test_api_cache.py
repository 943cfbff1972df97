"""The anonymous response cache of the API (wsr/api/cache.py, issue 21): a repeated anonymous
read is answered from the cache with the same bytes, every write to what the API shows makes
the next read fresh, and a caller with a token, or an answer other than 200, never touches it.
"""

import gzip

import pytest
from django.contrib.sessions.backends.db import SessionStore
from wagtail.signals import page_published, page_unpublished

from tests.companies.factories import CompanyClaimFactory, CompanyFactory
from tests.members.factories import member, sector
from tests.repository.factories import repository_index, resource
from wsr.api import cache as api_cache
from wsr.api.tokens import token_create

pytestmark = pytest.mark.django_db

COMPANIES = "/api/v1/companies/"


def _ids(response) -> list:
    assert response.status_code == 200, response.content
    return [record["id"] for record in response.json()["data"]]


def _bearer(user) -> dict:
    _token, raw = token_create(user=user, name="cache")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def grocer():
    return CompanyFactory(name="Cached Grocer", sectors=[sector("agriculture")])


@pytest.fixture
def index(site_tree):
    return repository_index(site_tree["en"])


# --- hits ------------------------------------------------------------------------------------


def test_a_repeated_anonymous_read_is_a_hit_with_identical_bytes(client, grocer):
    first = client.get(COMPANIES)
    second = client.get(COMPANIES)
    assert first["X-Api-Cache"] == "miss"
    assert second["X-Api-Cache"] == "hit"
    assert second.content == first.content
    for header in ("Content-Type", "Last-Modified", "ETag", "Cache-Control", "Vary"):
        assert second[header] == first[header], header


def test_a_hit_runs_no_query(client, grocer, django_assert_num_queries, settings):
    settings.API_RESPONSE_CACHE = True  # (tests/api/conftest.py turns it off for query counts)
    client.get(f"{COMPANIES}{grocer.slug}")
    with django_assert_num_queries(0):
        response = client.get(f"{COMPANIES}{grocer.slug}")
    assert response["X-Api-Cache"] == "hit"
    assert response.json()["data"]["name"] == "Cached Grocer"


def test_the_openapi_document_is_cached_too(client):
    assert client.get("/api/v1/openapi.json")["X-Api-Cache"] == "miss"
    assert client.get("/api/v1/openapi.json")["X-Api-Cache"] == "hit"


def test_the_index_is_not_cached(client):
    client.get("/api/v1/")
    assert "X-Api-Cache" not in client.get("/api/v1/")


def test_another_query_string_is_another_entry(client, grocer):
    client.get(COMPANIES, {"limit": 5})
    assert client.get(COMPANIES, {"limit": 6})["X-Api-Cache"] == "miss"
    assert client.get(COMPANIES, {"limit": 5})["X-Api-Cache"] == "hit"


def test_a_hit_still_answers_not_modified_to_its_etag(client, grocer):
    etag = client.get(COMPANIES)["ETag"]
    response = client.get(COMPANIES, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["X-Api-Cache"] == "hit"
    assert response["ETag"] == etag


def test_a_hit_still_counts_against_the_request_limit(client, grocer, settings):
    settings.API_RATE_ANONYMOUS = "2/60"
    assert client.get(COMPANIES).status_code == 200
    hit = client.get(COMPANIES)
    assert hit["X-Api-Cache"] == "hit"
    assert hit["RateLimit-Remaining"] == "0"
    assert client.get(COMPANIES).status_code == 429


def test_a_hit_is_compressed_like_a_miss(client, grocer):
    miss = client.get(COMPANIES, HTTP_ACCEPT_ENCODING="gzip")
    hit = client.get(COMPANIES, HTTP_ACCEPT_ENCODING="gzip")
    assert hit["X-Api-Cache"] == "hit"
    assert hit["Content-Encoding"] == "gzip"
    assert gzip.decompress(hit.content) == gzip.decompress(miss.content)


def test_a_head_request_is_answered_from_the_cache_without_a_body(client, grocer):
    full = client.get(COMPANIES)
    head = client.head(COMPANIES)
    assert head["X-Api-Cache"] == "hit"
    assert head.content == b""
    assert head["Content-Length"] == str(len(full.content))
    assert head["ETag"] == full["ETag"]


# --- every write makes the next read fresh ----------------------------------------------------


def test_a_company_saved_after_a_read_is_in_the_next_read(client, grocer):
    assert _ids(client.get(COMPANIES)) == [grocer.slug]
    newcomer = CompanyFactory(name="Newcomer Foods")
    response = client.get(COMPANIES)
    assert response["X-Api-Cache"] == "miss"
    assert _ids(response) == [grocer.slug, newcomer.slug]


def test_a_claim_added_after_a_read_is_in_the_next_read(client, grocer):
    url = f"{COMPANIES}{grocer.slug}"
    assert client.get(url).json()["data"]["claims"] == []
    CompanyClaimFactory(company=grocer, source_title="Annual report")
    claims = client.get(url).json()["data"]["claims"]
    assert [claim["source_title"] for claim in claims] == ["Annual report"]


def test_a_sector_added_to_a_company_after_a_read_is_in_the_next_read(client, grocer):
    url = f"{COMPANIES}{grocer.slug}"
    assert client.get(url).json()["data"]["sectors"][0]["code"] == "agriculture"
    grocer.sectors.add(sector("dairy"))  # only m2m_changed: the company itself is not saved
    codes = {item["code"] for item in client.get(url).json()["data"]["sectors"]}
    assert codes == {"agriculture", "dairy"}


def test_a_page_published_after_a_read_is_in_the_next_read(client, index):
    first = resource(index, "First resource")
    assert _ids(client.get("/api/v1/resources/")) == [first.pk]
    second = resource(index, "Second resource")
    assert _ids(client.get("/api/v1/resources/")) == [first.pk, second.pk]


def test_a_page_unpublished_after_a_read_leaves_the_next_read(client, index):
    page = resource(index, "Soon withdrawn")
    assert _ids(client.get("/api/v1/resources/")) == [page.pk]
    page.unpublish()
    assert _ids(client.get("/api/v1/resources/")) == []


@pytest.mark.parametrize("signal", [page_published, page_unpublished])
def test_wagtails_publishing_signals_alone_forget_every_entry(index, signal):
    page = resource(index, "Published")
    before = api_cache.RECORDS.current()
    signal.send(sender=type(page), instance=page, revision=None)
    assert api_cache.RECORDS.current() != before


def test_a_session_or_a_new_token_forgets_nothing(grocer):
    person = member()
    before = api_cache.RECORDS.current()
    session = SessionStore()
    session["seen"] = True
    session.save()
    token_create(user=person, name="noise")
    assert api_cache.RECORDS.current() == before


def test_an_entry_lives_a_minute_at_most():
    assert api_cache.TIMEOUT == 60


# --- what never touches the cache -------------------------------------------------------------


def test_a_token_request_never_hits_the_cache(client, grocer):
    client.get(COMPANIES)
    assert client.get(COMPANIES)["X-Api-Cache"] == "hit"
    response = client.get(COMPANIES, **_bearer(member()))
    assert response.status_code == 200
    assert "X-Api-Cache" not in response


def test_a_token_request_never_fills_the_cache(client, grocer):
    headers = _bearer(member())
    client.get(COMPANIES, **headers)
    client.get(COMPANIES, **headers)
    assert client.get(COMPANIES)["X-Api-Cache"] == "miss"


def test_a_wrong_token_is_never_answered_from_the_cache(client, grocer):
    client.get(COMPANIES)
    response = client.get(COMPANIES, HTTP_AUTHORIZATION="Bearer wagtail_not-a-token")
    assert response.status_code == 401
    assert "X-Api-Cache" not in response


@pytest.mark.parametrize(
    "url",
    [
        f"{COMPANIES}no-such-company",  # 404
        f"{COMPANIES}?colour=blue",  # 400
        f"{COMPANIES}?limit=0",  # 400
    ],
)
def test_an_answer_other_than_200_is_never_cached(client, grocer, url):
    first = client.get(url)
    assert first.status_code in (400, 404)
    second = client.get(url)
    assert second.status_code == first.status_code
    assert second["X-Api-Cache"] == "miss"


def test_a_redirect_from_a_former_slug_is_never_cached(client, grocer):
    former = grocer.slug
    grocer.name = "Renamed Grocer"
    grocer.slug = "renamed-grocer"
    grocer.save()
    url = f"{COMPANIES}{former}"
    assert client.get(url).status_code == 301
    second = client.get(url)
    assert second.status_code == 301
    assert second["X-Api-Cache"] == "miss"


def test_the_cache_can_be_turned_off(client, grocer, settings):
    settings.API_RESPONSE_CACHE = False
    client.get(COMPANIES)
    response = client.get(COMPANIES)
    assert response.status_code == 200
    assert "X-Api-Cache" not in response
