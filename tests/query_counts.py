"""Exact SQL query counts of pages (issue 18): each list, search and detail page is asked
for once to fill the process caches (ContentType, Site, Locale, the site's chrome), then
asked again under `django_assert_num_queries(n)`. The same `n` is pinned whatever the
number of rows (`ROWS`), so a query per row fails the test, and so does any new query."""

import pytest

from assistance.models import Case
from tests.members.factories import AffiliationFactory, StaffFactory

SIZES = [3, 30]
ROWS = pytest.mark.parametrize("rows", SIZES)


def get_pinned(client, url: str, queries: int, assert_num_queries, *, status: int = 200):
    """GET `url` twice; the second answer must take exactly `queries` SQL queries."""
    warm = client.get(url)
    assert warm.status_code == status, (url, warm.status_code)
    with assert_num_queries(queries, info=url):
        response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response


@pytest.fixture
def signed_in_staff(client):
    """A staff person with a second factor (who sees the most), signed in on `client`. A
    module takes it as its `staff` fixture with `staff = signed_in_staff`."""
    person = StaffFactory()
    client.force_login(person)
    return person


def open_cases(rows: int, **fields) -> list:
    """`rows` complaints of one member organization, made in bulk (`fields`: the first
    response due date, a lead)."""
    requester = AffiliationFactory(role="admin")
    return Case.objects.bulk_create(
        Case(
            organization=requester.organization,
            requester=requester.user,
            contact_name="Rosa",
            kind="complaints",
            description="Help.",
            urgency="normal",
            preferred_language="en",
            **fields,
        )
        for _ in range(rows)
    )
