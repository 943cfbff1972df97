"""Marking notifications read takes any typed ids and any "next" without a server error, and
only goes back to a path on this site (issue 17: next="fair food" failed to reverse, "²" is a
digit that int() refuses)."""

import pytest

from tests.members.factories import member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("next_url", ['"fair food', "notifications:list", "//evil.example/x"])
def test_a_next_that_is_no_path_here_goes_to_the_list(client, next_url):
    client.force_login(member())
    response = client.post("/notifications/read/", {"all": "1", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/notifications/"


def test_a_path_here_is_where_it_goes_back(client):
    client.force_login(member())
    response = client.post("/notifications/read/", {"all": "1", "next": "/portal/"})
    assert response["Location"] == "/portal/"


@pytest.mark.parametrize("value", ["²", "99999999999999999999", "-1", "1e3"])
def test_ids_that_are_no_ids_mark_nothing(client, value):
    client.force_login(member())
    assert client.post("/notifications/read/", {"id": [value, "1"]}).status_code == 302
