"""Personal API tokens in the portal (issue 21): anyone signed in makes, lists and revokes
their own; the secret is shown once and stored only as a digest; tokens are part of the
person's data and never reach a log line."""

import logging
import re

import pytest
from django.urls import reverse
from wagtail.models import APIToken

from tests.members.factories import UserFactory, member
from wsr.api import tokens
from wsr.redaction import HIDDEN, RedactSecrets, redact, sentry_before_send

pytestmark = pytest.mark.django_db

URL = "/portal/api-tokens/"
SECRET = re.compile(r"wagtail_[0-9A-Za-z]{30,}")


NONCE = re.compile(r'name="nonce" value="([^"]+)"')


def _nonce(client) -> str:
    """The one-time value of a freshly rendered form."""
    (value,) = NONCE.findall(client.get(URL).content.decode())
    return value


def _create(client, name="My notebook", nonce=None):
    return client.post(URL, {"name": name, "nonce": nonce or _nonce(client)})


def _secret_in(response) -> str:
    found = SECRET.findall(response.content.decode())
    assert len(set(found)) == 1, found
    return found[0]


def test_the_token_page_is_at_its_address_and_asks_anonymous_visitors_to_sign_in(client):
    assert reverse("api:tokens") == URL
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_signed_in_person_who_is_not_a_member_may_make_a_token(client):
    person = UserFactory()
    client.force_login(person)
    response = _create(client)
    assert response.status_code == 200
    secret = _secret_in(response)
    token = APIToken.objects.get(user=person)
    assert token.name == "My notebook"
    assert token.revoked_at is None
    assert secret.startswith(token.prefix)


def test_the_secret_is_shown_once_with_how_to_use_it_and_is_not_cached(client):
    client.force_login(UserFactory())
    response = _create(client)
    content = response.content.decode()
    secret = _secret_in(response)
    assert "no-store" in response["Cache-Control"]
    assert f"Authorization: Bearer {secret}" in content
    assert "curl" in content
    assert "will not be shown again" in content
    again = client.get(URL)
    assert secret not in again.content.decode()
    assert "no-store" in again["Cache-Control"]


def test_the_secret_is_stored_only_as_a_digest(client):
    client.force_login(UserFactory())
    secret = _secret_in(_create(client))
    token = APIToken.objects.get()
    assert secret not in (token.key_hash, token.prefix, token.name)
    assert token.key_hash == APIToken.hash_token(secret)
    assert tokens.token_for(secret) == token


def test_the_secret_is_kept_in_no_session_and_no_message(client):
    client.force_login(UserFactory())
    secret = _secret_in(_create(client))
    session = client.session
    assert all(secret not in str(value) for value in session.values())
    assert secret not in str(client.cookies)


def test_the_list_shows_each_token_with_its_name_prefix_and_times(client):
    person = UserFactory()
    used, _secret = tokens.token_create(user=person, name="Research scraper")
    tokens.token_for(_secret)
    revoked, _ = tokens.token_create(user=person, name="Old laptop")
    tokens.token_revoke(token=revoked)
    client.force_login(person)
    content = client.get(URL).content.decode()
    assert "Research scraper" in content and "Old laptop" in content
    assert f"{used.prefix}…" in content
    assert "Revoked" in content
    assert content.count("<time") >= 4  # created twice, last used, revoked: via |when
    assert _secret not in content


def test_submitting_the_same_form_again_makes_no_second_token_and_says_why(client):
    person = UserFactory()
    client.force_login(person)
    nonce = _nonce(client)
    first = _create(client, nonce=nonce)
    secret = _secret_in(first)

    again = _create(client, nonce=nonce)  # the browser's reload re-sends the form

    assert again.status_code == 302
    assert again["Location"].endswith(URL)
    assert APIToken.objects.filter(user=person).count() == 1
    page = client.get(again["Location"]).content.decode()
    assert "This token was already made; its secret was shown only once." in page
    assert "revoke it and make another" in page
    assert secret not in page


def test_two_forms_make_two_tokens(client):
    person = UserFactory()
    client.force_login(person)
    first, second = _nonce(client), _nonce(client)
    assert first != second
    assert SECRET.search(_create(client, name="Laptop", nonce=first).content.decode())
    assert SECRET.search(_create(client, name="Server", nonce=second).content.decode())
    assert sorted(APIToken.objects.filter(user=person).values_list("name", flat=True)) == [
        "Laptop",
        "Server",
    ]


def test_the_used_form_is_remembered_in_the_cache_by_a_digest_not_the_value(client):
    from django.core.cache import cache

    from wsr.api.views import _used_key

    person = UserFactory()
    client.force_login(person)
    nonce = _nonce(client)
    _create(client, nonce=nonce)
    key = _used_key(person, nonce)
    assert cache.get(key) is not None
    assert str(person.pk) in key
    assert nonce not in key


@pytest.mark.parametrize("nonce", ["", "made-up", "forged:value"])
def test_a_form_without_its_one_time_value_or_with_a_forged_one_makes_nothing(client, nonce):
    client.force_login(UserFactory())
    response = client.post(URL, {"name": "My notebook", "nonce": nonce})
    content = response.content.decode()
    assert response.status_code == 200
    assert not APIToken.objects.exists()
    assert not SECRET.search(content)
    assert "Please correct the errors below." in content
    assert "Load this page again" in content
    # the page answers with a fresh form that works
    (fresh,) = NONCE.findall(content)
    assert fresh != nonce
    assert SECRET.search(_create(client, nonce=fresh).content.decode())


def test_another_persons_form_makes_nothing(client):
    client.force_login(UserFactory())
    theirs = _nonce(client)
    person = UserFactory()
    client.force_login(person)
    response = _create(client, nonce=theirs)
    assert response.status_code == 200
    assert not APIToken.objects.filter(user=person).exists()


def test_the_name_of_an_active_token_is_refused_but_a_revoked_ones_is_free(client):
    person = UserFactory()
    old, _secret = tokens.token_create(user=person, name="My notebook")
    client.force_login(person)

    refused = _create(client, name="My notebook")

    assert refused.status_code == 200
    assert not SECRET.search(refused.content.decode())
    assert "You already have an active token named" in refused.content.decode()
    assert APIToken.objects.filter(user=person).count() == 1
    tokens.token_revoke(token=old)
    assert SECRET.search(_create(client, name="My notebook").content.decode())


def test_each_revoke_button_names_its_token_with_its_prefix(client):
    person = UserFactory()
    first, _secret = tokens.token_create(user=person, name="My notebook")
    tokens.token_revoke(token=first)
    second, _secret = tokens.token_create(user=person, name="My notebook")
    client.force_login(person)
    content = client.get(URL).content.decode()
    assert f"Yes, revoke “My notebook” ({second.prefix}…)" in content


def test_a_person_sees_only_their_own_tokens(client):
    person, other = UserFactory(), UserFactory()
    tokens.token_create(user=other, name="Someone else's")
    client.force_login(person)
    assert "Someone else's" not in client.get(URL).content.decode()


def test_an_empty_name_is_refused_with_a_message_on_the_field(client):
    client.force_login(UserFactory())
    response = _create(client, name="   ")
    assert response.status_code == 200
    assert not APIToken.objects.exists()
    assert 'aria-invalid="true"' in response.content.decode()


def test_revoking_a_token_keeps_it_listed_as_revoked_and_the_api_refuses_it(client):
    person = UserFactory()
    token, secret = tokens.token_create(user=person, name="Notebook")
    client.force_login(person)
    assert client.get(reverse("api:token-revoke", args=[token.pk])).status_code == 405
    response = client.post(reverse("api:token-revoke", args=[token.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith(URL)
    token.refresh_from_db()
    assert token.revoked_at is not None
    content = client.get(URL).content.decode()
    assert "Notebook" in content and "Revoked" in content
    assert reverse("api:token-revoke", args=[token.pk]) not in content
    refused = client.get("/api/v1/openapi.json", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert refused.status_code == 401


def test_the_revoke_button_asks_for_confirmation(client):
    person = UserFactory()
    token, _secret = tokens.token_create(user=person, name="Notebook")
    client.force_login(person)
    content = client.get(URL).content.decode()
    form = content[content.index(reverse("api:token-revoke", args=[token.pk])) :]
    assert "<details" in content and 'method="post"' in content
    assert "Yes, revoke" in form.split("</form>")[0]


def test_nobody_revokes_another_persons_token(client):
    other_token, _secret = tokens.token_create(user=UserFactory(), name="Theirs")
    client.force_login(UserFactory())
    assert client.post(reverse("api:token-revoke", args=[other_token.pk])).status_code == 404
    other_token.refresh_from_db()
    assert other_token.revoked_at is None


def test_a_person_with_the_most_active_tokens_is_told_to_revoke_one_first(client):
    person = UserFactory()
    for number in range(tokens.MAX_ACTIVE_PER_PERSON):
        tokens.token_create(user=person, name=f"Token {number}")
    client.force_login(person)
    response = _create(client, name="One too many")
    content = response.content.decode()
    assert response.status_code == 200
    assert not SECRET.search(content)
    assert str(tokens.MAX_ACTIVE_PER_PERSON) in content
    assert "Revoke one" in content
    assert APIToken.objects.filter(user=person).count() == tokens.MAX_ACTIVE_PER_PERSON


def test_a_revoked_token_frees_a_place_under_the_cap(client):
    person = UserFactory()
    made = [tokens.token_create(user=person, name=f"T{n}")[0] for n in range(10)]
    tokens.token_revoke(token=made[0])
    client.force_login(person)
    assert SECRET.search(_create(client).content.decode())


def test_the_new_token_opens_the_api_at_its_own_limit(client, settings):
    settings.API_RATE_TOKEN = "7/60"
    client.force_login(member())
    secret = _secret_in(_create(client))
    response = client.get("/api/v1/openapi.json", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert response["RateLimit-Limit"] == "7"
    assert APIToken.objects.get().last_used_at is not None


def test_the_dashboard_links_to_the_token_page(client, site_tree):
    client.force_login(UserFactory())
    assert URL in client.get(reverse("members:dashboard")).content.decode()


def test_the_page_reads_in_spanish(client):
    client.force_login(UserFactory())
    response = client.get("/es" + URL)
    assert response.status_code == 200
    assert '<html lang="es"' in response.content.decode()


# --- personal data -------------------------------------------------------------------------


def test_my_data_lists_my_tokens_without_their_secret_or_digest(client):
    person = UserFactory()
    token, secret = tokens.token_create(user=person, name="Notebook")
    tokens.token_for(secret)
    tokens.token_revoke(token=token)
    client.force_login(person)
    data = client.get(reverse("members:data-export")).json()
    (row,) = data["api_tokens"]
    assert row["name"] == "Notebook"
    assert row["prefix"] == token.prefix
    assert set(row) == {"name", "prefix", "created", "last_used_at", "revoked_at"}
    assert row["last_used_at"] and row["revoked_at"]
    text = client.get(reverse("members:data-export")).content.decode()
    assert secret not in text and token.key_hash not in text
    assert "key_hash" not in text


def test_deleting_my_account_deletes_my_tokens_and_says_so(client):
    from wsr.members.selectors import account_deletion_parts
    from wsr.members.services import user_delete

    person = UserFactory()
    tokens.token_create(user=person, name="Notebook")
    lines = [line for part in account_deletion_parts(user=person) for line in part.deleted]
    assert any("API tokens" in str(line) for line in lines)
    user_delete(user=person)
    assert not APIToken.objects.exists()


# --- logs ----------------------------------------------------------------------------------


# every record of every logger as logged, before the redacting filter (shared with the
# notifications' secrets test)
from tests.notifications.test_secrets_stay_out_of_logs import everything_logged  # noqa: E402, F401


def _texts(records):
    return [f"{record.getMessage()} {record.__dict__!r}" for record in records]


def test_no_token_reaches_a_log_record(client, everything_logged):  # noqa: F811
    person = member()
    client.force_login(person)
    secret = _secret_in(_create(client))
    client.get("/api/v1/openapi.json", HTTP_AUTHORIZATION=f"Bearer {secret}")
    client.get("/api/v1/nothing-here", HTTP_AUTHORIZATION=f"Bearer {secret}")
    client.post(
        reverse("api:token-revoke", args=[APIToken.objects.get().pk]),
    )
    client.get("/api/v1/openapi.json", HTTP_AUTHORIZATION=f"Bearer {secret}")  # 401
    assert everything_logged.records  # the 401 and 404 are logged by django.request
    assert not [text for text in _texts(everything_logged.records) if secret in text]


def test_an_authorization_header_or_a_bare_token_in_a_line_is_redacted():
    secret = APIToken.generate_token()
    lines = [
        f"Authorization: Bearer {secret}",
        f"{{'HTTP_AUTHORIZATION': 'Bearer {secret}'}}",
        f"curl -H 'Authorization: Bearer {secret}' https://example.org/api/v1/",
        f"token {secret} refused",
    ]
    for line in lines:
        assert secret not in redact(line), line
        assert HIDDEN in redact(line)


def test_a_log_record_carrying_the_header_is_cleaned_by_the_filter():
    secret = APIToken.generate_token()
    record = logging.makeLogRecord(
        {"msg": "headers %s", "args": ({"Authorization": f"Bearer {secret}"},)}
    )
    record.headers = {"Authorization": f"Bearer {secret}"}
    RedactSecrets().filter(record)
    assert secret not in f"{record.getMessage()} {record.__dict__!r}"


def test_an_error_report_loses_the_authorization_header():
    secret = APIToken.generate_token()
    event = {"request": {"headers": {"Authorization": f"Bearer {secret}", "Accept": "*/*"}}}
    cleaned = sentry_before_send(event, {})
    assert secret not in repr(cleaned)
    assert cleaned["request"]["headers"]["Accept"] == "*/*"
