"""What every response of /api/v1/ shares (wsr.api.endpoints.serve and list_records): the
caller (a personal token or nobody; a session never counts), request limits with their
headers, CORS for the API only, gzip, conditional GET, and problem documents for every
error. List behaviour is checked on every registered collection, and on a test-only
collection of organizations (members see more of them than anonymous callers) served
through the same functions."""

import base64
import gzip
import json
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from ninja import Schema
from pydantic import Field
from wagtail.models import APIToken

from tests.members.factories import (
    AffiliationFactory,
    OrganizationFactory,
    StaffFactory,
    UserFactory,
    member,
)
from wsr.api import endpoints, tokens
from wsr.api.registry import Collection, collections
from wsr.api.schemas import iso
from wsr.members.models import Membership, Organization

pytestmark = pytest.mark.django_db

OPENAPI = "/api/v1/openapi.json"
PROBLEM = "application/problem+json"
NAMES = [collection.name for collection in collections()]
ELSEWHERE = "https://research.example.net"


def _problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    body = json.loads(response.content)
    assert body["status"] == status and body["title"]
    return body


def _bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


# --- a test-only collection, served by the same functions as every registered one ----------


class OrganizationRecord(Schema):
    id: str
    name: str = Field("", description="The organization's name.")
    updated_at: str | None = Field(None, description="Last change.")


ORGANIZATIONS = Collection(
    name="test-organizations",
    title="Organizations",
    description="Organizations as their profiles are shown to the caller.",
    schema=OrganizationRecord,
    queryset=lambda viewer: Organization.objects.visible_to(viewer or AnonymousUser()),
    record=lambda o: {"id": o.slug, "name": o.name, "updated_at": iso(o.updated_at)},
    key="slug",
    key_type=str,
    updated="updated_at",
)


@endpoints.serve
def organizations_view(request):
    return endpoints.list_records(
        request,
        ORGANIZATIONS,
        None,
        cursor=request.GET.get("cursor"),
        limit=int(request.GET.get("limit", endpoints.DEFAULT_LIMIT)),
        fields=None,
        since=None,
    )


def _organizations(query=None, *, user=None, **headers):
    """The test collection's list as `user`'s browser session (or nobody) would ask it."""
    request = RequestFactory().get("/api/v1/test-organizations/", query, **headers)
    request.user = user or AnonymousUser()
    return organizations_view(request)


def _slugs(response):
    assert response.status_code == 200, response.content
    return {record["id"] for record in json.loads(response.content)["data"]}


@pytest.fixture
def organizations():
    """An active member organization (public), an applicant (seen by its own people) and
    a person affiliated with both."""
    public = OrganizationFactory(membership_status=Membership.Status.ACTIVE)
    applicant = OrganizationFactory(membership_status=Membership.Status.APPLICANT)
    person = AffiliationFactory(organization=public).user
    AffiliationFactory(organization=applicant, user=person)
    return public, applicant, person


# --- the caller ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "Bearer " + "wagtail_" + "0" * 33,  # the right length, a wrong checksum
        "Bearer not-a-token",
        "Basic dXNlcjpwYXNz",
    ],
)
def test_an_unknown_token_gets_a_401_problem_saying_how_to_authenticate(client, header):
    response = client.get(OPENAPI, HTTP_AUTHORIZATION=header)
    _problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization" in response["Vary"]


def test_a_well_formed_token_that_was_never_made_gets_a_401(client):
    response = client.get(OPENAPI, **_bearer(APIToken.generate_token()))
    _problem(response, 401)


def test_a_revoked_token_gets_a_401(client):
    token, secret = tokens.token_create(user=member(), name="Notebook")
    assert client.get(OPENAPI, **_bearer(secret)).status_code == 200
    tokens.token_revoke(token=token)
    response = client.get(OPENAPI, **_bearer(secret))
    _problem(response, 401)
    assert 'error="invalid_token"' in response["WWW-Authenticate"]


def test_the_token_of_a_deactivated_account_gets_a_401(client):
    person = member()
    _token, secret = tokens.token_create(user=person, name="Notebook")
    person.is_active = False
    person.save()
    _problem(client.get(OPENAPI, **_bearer(secret)), 401)


def test_a_members_token_reads_what_its_person_may_see(organizations):
    public, applicant, person = organizations
    _token, secret = tokens.token_create(user=person, name="Notebook")
    assert _slugs(_organizations()) == {public.slug}
    assert _slugs(_organizations(**_bearer(secret))) == {public.slug, applicant.slug}


def test_a_session_cookie_of_a_signed_in_member_does_not_widen_the_api(organizations):
    public, applicant, person = organizations
    assert _slugs(_organizations(user=person)) == {public.slug}


def test_a_signed_in_members_browser_gets_the_anonymous_answer_from_every_collection(client):
    anonymous = {name: client.get(f"/api/v1/{name}/").content for name in NAMES}
    client.force_login(member())
    for name in NAMES:
        assert client.get(f"/api/v1/{name}/").content == anonymous[name], name


def test_a_staff_token_never_counts_as_staff(organizations):
    public, applicant, _person = organizations
    staff = StaffFactory()
    _token, secret = tokens.token_create(user=staff, name="Staff notebook")
    assert _slugs(_organizations(**_bearer(secret))) == {public.slug}
    assert _slugs(_organizations(user=staff)) == {public.slug}


def test_a_non_members_token_reads_only_what_is_public(organizations):
    public, _applicant, _person = organizations
    _token, secret = tokens.token_create(user=UserFactory(), name="Notebook")
    assert _slugs(_organizations(**_bearer(secret))) == {public.slug}


def test_a_token_answer_is_private_and_an_anonymous_one_is_public(client):
    _token, secret = tokens.token_create(user=member(), name="Notebook")
    assert "private" in client.get(OPENAPI, **_bearer(secret))["Cache-Control"]
    assert "public" in client.get(OPENAPI)["Cache-Control"]


# --- request limits -----------------------------------------------------------------------


@time_machine.travel(datetime(2026, 12, 5, 9, 0, 10, tzinfo=UTC), tick=False)
def test_an_anonymous_caller_over_the_limit_gets_429_with_retry_after(client, settings):
    settings.API_RATE_ANONYMOUS = "3/60"
    remaining = [client.get(OPENAPI)["RateLimit-Remaining"] for _ in range(3)]
    assert remaining == ["2", "1", "0"]
    response = client.get(OPENAPI)
    _problem(response, 429)
    assert response["Retry-After"] == "50"
    assert response["RateLimit-Limit"] == "3"
    assert response["RateLimit-Remaining"] == "0"
    assert response["RateLimit-Reset"] == "50"
    assert response["RateLimit-Policy"] == "3;w=60"


def test_the_limit_counts_again_in_the_next_window(client, settings):
    settings.API_RATE_ANONYMOUS = "1/60"
    with time_machine.travel(datetime(2026, 12, 5, 9, 0, 10, tzinfo=UTC), tick=False):
        assert client.get(OPENAPI).status_code == 200
        assert client.get(OPENAPI).status_code == 429
    with time_machine.travel(datetime(2026, 12, 5, 9, 1, 0, tzinfo=UTC), tick=False):
        assert client.get(OPENAPI).status_code == 200


@time_machine.travel(datetime(2026, 12, 5, 9, 0, 10, tzinfo=UTC), tick=False)
def test_a_token_has_its_own_higher_limit(client, settings):
    settings.API_RATE_ANONYMOUS = "1/60"
    settings.API_RATE_TOKEN = "5/60"
    _token, secret = tokens.token_create(user=UserFactory(), name="Notebook")
    client.get(OPENAPI)
    assert client.get(OPENAPI).status_code == 429
    response = client.get(OPENAPI, **_bearer(secret))
    assert response.status_code == 200
    assert response["RateLimit-Limit"] == "5"
    assert response["RateLimit-Remaining"] == "4"


@time_machine.travel(datetime(2026, 12, 5, 9, 0, 10, tzinfo=UTC), tick=False)
def test_each_address_has_its_own_count(client, settings):
    settings.API_RATE_ANONYMOUS = "1/60"
    assert client.get(OPENAPI, REMOTE_ADDR="192.0.2.1").status_code == 200
    assert client.get(OPENAPI, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get(OPENAPI, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_limits_set_to_zero_are_off(client, settings):
    settings.API_RATE_ANONYMOUS = "0/60"
    response = client.get(OPENAPI)
    assert response.status_code == 200
    assert not response.has_header("RateLimit-Limit")


# --- CORS, gzip, conditional GET ------------------------------------------------------------


def test_any_site_may_read_the_api_from_a_browser(client):
    response = client.get(OPENAPI, HTTP_ORIGIN=ELSEWHERE)
    assert response["Access-Control-Allow-Origin"] == "*"
    exposed = response["Access-Control-Expose-Headers"].lower()
    assert "ratelimit-remaining" in exposed and "retry-after" in exposed


def test_a_preflight_from_another_site_is_answered_for_get_with_a_token(client):
    path = f"/api/v1/{NAMES[0]}/" if NAMES else OPENAPI
    response = client.options(
        path,
        HTTP_ORIGIN=ELSEWHERE,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "POST" not in response["Access-Control-Allow-Methods"]
    assert "authorization" in response["Access-Control-Allow-Headers"].lower()


@pytest.mark.parametrize("path", ["/healthz", "/api/", "/portal/", "/accounts/login/"])
def test_the_rest_of_the_site_sends_no_cors_headers(client, path):
    response = client.get(path, HTTP_ORIGIN=ELSEWHERE)
    assert not response.has_header("Access-Control-Allow-Origin")
    preflight = client.options(
        path, HTTP_ORIGIN=ELSEWHERE, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert not preflight.has_header("Access-Control-Allow-Origin")


def test_answers_are_gzipped_for_callers_that_accept_it(client):
    plain = client.get(OPENAPI)
    assert not plain.has_header("Content-Encoding")
    zipped = client.get(OPENAPI, HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert len(zipped.content) < len(plain.content)
    assert json.loads(gzip.decompress(zipped.content)) == json.loads(plain.content)


def test_the_same_answer_has_an_etag_and_revalidates_with_304(client):
    first = client.get(OPENAPI)
    etag = first["ETag"]
    assert etag.startswith('"')
    again = client.get(OPENAPI, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert client.get(OPENAPI, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_gzipped_answer_revalidates_with_its_weak_etag(client):
    etag = client.get(OPENAPI, HTTP_ACCEPT_ENCODING="gzip")["ETag"]
    response = client.get(OPENAPI, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_a_list_has_last_modified_but_revalidates_by_etag_only(organizations):
    """Last-Modified is the newest record's own change time, blind to what a record nests
    (a company's new claim): a 304 on If-Modified-Since could hide a change, so only the
    ETag (the body's hash) answers 304."""
    first = _organizations()
    last_modified = first["Last-Modified"]
    assert last_modified.endswith("GMT")
    assert _organizations(HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 200
    assert _organizations(HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_head_is_answered_as_get_without_a_body(client):
    get = client.get(OPENAPI)
    head = client.head(OPENAPI)
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Content-Length"] == str(len(get.content))


def test_a_wrong_token_counts_against_the_address_limit(client, settings):
    settings.API_RATE_ANONYMOUS = "2/60"
    from django.core.cache import cache

    cache.clear()
    wrong = {"HTTP_AUTHORIZATION": "Bearer wagtail_" + "x" * 40}
    assert client.get(OPENAPI, **wrong).status_code == 401
    assert client.get(OPENAPI, **wrong).status_code == 401
    assert client.get(OPENAPI, **wrong).status_code == 429


def test_the_index_lists_every_collection(client):
    from wsr.api.registry import collections

    body = client.get("/api/v1/").json()
    assert set(body["collections"]) == {c.name for c in collections()}
    assert body["openapi"].endswith("/api/v1/openapi.json")


def test_a_collection_without_its_slash_is_redirected(client):
    response = client.get("/api/v1/companies?limit=2")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/companies/?limit=2"


def test_forged_cursors_and_huge_ids_are_refused_not_500(client):
    import base64

    for raw in (b'{"after": 1e400}', b'{"after": 99999999999999999999999999999}', b'{"after": -1}'):
        cursor = base64.urlsafe_b64encode(raw).decode().rstrip("=")
        _problem(client.get(f"/api/v1/assessments/?cursor={cursor}"), 400)
    _problem(client.get("/api/v1/events/99999999999999999999999"), 404)
    _problem(client.get("/api/v1/assessments/\uff11"), 404)
    _problem(client.get("/api/v1/companies/?updated_since=9999-12-31T23:59:59-23:59"), 400)


def test_a_changed_list_gets_a_new_etag(organizations):
    public, _applicant, _person = organizations
    etag = _organizations()["ETag"]
    public.name = "Renamed workers' organization"
    public.save()
    assert _organizations(HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_every_answer_varies_by_authorization(client):
    assert "Authorization" in client.get(OPENAPI)["Vary"]


# --- lists: pages, cursors and bad input ----------------------------------------------------


def test_a_list_pages_with_a_cursor_in_a_stable_order(organizations):
    public, applicant, person = organizations
    more = [OrganizationFactory(membership_status=Membership.Status.ACTIVE) for _ in range(3)]
    slugs = sorted([public.slug, *(o.slug for o in more)])
    first = json.loads(_organizations({"limit": 3}).content)
    assert [record["id"] for record in first["data"]] == slugs[:3]
    cursor = first["next"].split("cursor=")[1]
    second = json.loads(_organizations({"limit": 3, "cursor": cursor}).content)
    assert [record["id"] for record in second["data"]] == slugs[3:]
    assert second["next"] is None


def test_a_cursor_is_opaque_and_round_trips():
    assert endpoints.cursor_decode(endpoints.cursor_encode("harvest-foods"), str) == (
        "harvest-foods"
    )
    assert endpoints.cursor_decode(endpoints.cursor_encode(12), int) == 12


@pytest.mark.parametrize("name", NAMES)
def test_an_unknown_parameter_gets_a_400_problem(client, name):
    body = _problem(client.get(f"/api/v1/{name}/", {"colour": "red"}), 400)
    assert "colour" in body["detail"]


@pytest.mark.parametrize("name", NAMES)
def test_a_malformed_cursor_gets_a_400_problem(client, name):
    garbage = base64.urlsafe_b64encode(b"not json at all").decode()
    for cursor in ("!!!", garbage, "e30"):  # "e30" is {}: JSON without "after"
        body = _problem(client.get(f"/api/v1/{name}/", {"cursor": cursor}), 400)
        assert "cursor" in body["detail"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("limit", ["0", "101", "abc", "-1"])
def test_a_limit_outside_1_to_100_gets_a_400_problem(client, name, limit):
    body = _problem(client.get(f"/api/v1/{name}/", {"limit": limit}), 400)
    assert body["errors"][0]["parameter"] == "limit"


@pytest.mark.parametrize("name", NAMES)
def test_an_unknown_field_gets_a_400_problem(client, name):
    body = _problem(client.get(f"/api/v1/{name}/", {"fields": "no_such_field"}), 400)
    assert "no_such_field" in body["detail"]


@pytest.mark.parametrize("name", NAMES)
def test_a_record_that_does_not_exist_gets_a_404_problem(client, name):
    _problem(client.get(f"/api/v1/{name}/999999999"), 404)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_gets_405_with_the_allowed_methods(client, method):
    path = f"/api/v1/{NAMES[0]}/" if NAMES else OPENAPI
    response = getattr(client, method)(path)
    _problem(response, 405)
    assert response["Allow"] == "GET, HEAD"


def test_an_unknown_address_under_the_api_gets_a_404_problem(client):
    body = _problem(client.get("/api/v1/nothing"), 404)
    assert "openapi.json" in body["detail"]
    _problem(client.get("/api/v1/nothing/at/all/"), 404)


def test_the_openapi_document_describes_every_collection_and_its_errors(client):
    document = client.get(OPENAPI).json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == endpoints.VERSION
    for name in NAMES:
        operation = document["paths"][f"/api/v1/{name}/"]["get"]
        assert {"200", "400", "401", "429"} <= set(operation["responses"])
        assert {"cursor", "limit", "fields"} <= {p["name"] for p in operation["parameters"]}
