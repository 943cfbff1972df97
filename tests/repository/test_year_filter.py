"""The year facet takes years, not whatever digits a URL holds (issue 17: ?year= with twenty
digits was a server error, in the repository and in its feeds)."""

import pytest

from .factories import resource

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "year", ["99999999999999999999", "²", "\u0661\u0669\u0669\u0669", "-2023", "0", "2023.0"]
)
def test_a_year_no_date_has_is_ignored(client, index, year):
    resource(index, "Designing a complaint line", year=2023)
    for path in ("/repository/", "/feeds/resources/rss/", "/feeds/resources/atom/"):
        response = client.get(path, {"year": year})
        assert response.status_code == 200, path
        assert "Designing a complaint line" in response.content.decode()


def test_a_real_year_still_filters(client, index):
    resource(index, "Designing a complaint line", year=2023)
    resource(index, "Fair Food premiums", year=2021)
    body = client.get("/repository/", {"year": "2021"}).content.decode()
    assert "Fair Food premiums" in body
    assert "Designing a complaint line" not in body
