"""Exact SQL query counts of pages (issue 18): each list, search and detail page is asked
for once to fill the process caches (ContentType, Site, Locale, the site's chrome), then
asked again under `django_assert_num_queries(n)`. The same `n` is pinned whatever the
number of rows (`ROWS`), so a query per row fails the test, and so does any new query."""

import pytest

ROWS = pytest.mark.parametrize("rows", [3, 30])


def get_pinned(client, url: str, queries: int, assert_num_queries, *, status: int = 200):
    """GET `url` twice; the second answer must take exactly `queries` SQL queries."""
    warm = client.get(url)
    assert warm.status_code == status, (url, warm.status_code)
    with assert_num_queries(queries, info=url):
        response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response
