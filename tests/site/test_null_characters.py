"""A NUL character (%00) in an address is answered 400 with the site's own page, whatever the
view behind it would have done with it: PostgreSQL refuses NUL in any text it stores or
compares, so a search, a filter, a token lookup or Wagtail's redirects all ended in a server
error (issue 17)."""

import pytest

from tests.members.factories import member

pytestmark = pytest.mark.django_db

QUERIES = [
    "/search/?q=fair%00food",
    "/companies/?q=%00",
    "/repository/?kind=%00",
    "/repository/?sector=%00&country=%00&principle=%00&language=%00",
    "/feeds/resources/rss/?q=%00",
    "/feeds/resources/atom/?kind=%00",
    "/initiatives/compare/?initiative=%00",
    "/search/?%00=1",
]
PATHS = [
    "/assistance/cases/%00/",
    "/invitations/%00/",
    "/newsletter/confirm/%00/",
    "/coordination/calendar/feed/%00.ics",
    "/no-such-page/%00/",
]


@pytest.mark.parametrize("path", QUERIES + PATHS)
def test_a_null_character_in_the_address_is_a_bad_request_with_the_sites_page(
    client, site_tree, path
):
    client.force_login(member())
    response = client.get(path)
    assert response.status_code == 400
    body = response.content.decode()
    assert "We could not read that address" in body
    assert 'class="site-header"' in body  # the site's page, not a bare error
    assert "Content-Security-Policy" in response


def test_the_page_is_in_the_visitors_language(client, site_tree):
    response = client.get("/es/search/?q=%00")
    assert response.status_code == 400
    assert '<html lang="es">' in response.content.decode()


def test_a_thread_search_with_a_null_character_is_a_bad_request(client, site_tree):
    client.force_login(member())
    assert client.get("/coordination/groups/any-group/?q=%00").status_code == 400


def test_addresses_without_one_are_served_as_before(client, site_tree):
    assert client.get("/search/?q=fair+food").status_code == 200
    assert client.get("/companies/?q=%25_").status_code == 200
