"""The site and feed search after the issue 20 review: records beyond the first ten of a type
are announced ("More match"), with the feed's search for updates; the headings claim no total
they do not know and no "no matches" under records; threads' excerpts are plain text; an
invalid feed filter keeps the words searched."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordination import services
from coordination.models import GroupMembership, WorkingGroup
from coordination.search import PER_TYPE, search_records
from tests.members.factories import AffiliationFactory, StaffFactory
from wsr.companies.models import Company

from .builders import effort

pytestmark = pytest.mark.django_db

MORE = "More match: refine your search."


@pytest.fixture
def owner():
    return AffiliationFactory().user


def _efforts(owner, count, word="Harvest"):
    return [effort("public", None, owner, name=f"{word} effort {n}") for n in range(count)]


def test_ten_records_of_a_type_are_shown_without_more(client, owner):
    _efforts(owner, PER_TYPE)
    records = search_records(None, "harvest")
    assert len(records) == PER_TYPE and not any(r.get("more") for r in records)
    html = client.get("/search/", {"q": "harvest"}).content.decode()
    assert MORE not in html


def test_more_than_ten_records_of_a_type_say_so(client, owner):
    _efforts(owner, PER_TYPE + 1)
    records = search_records(None, "harvest")
    assert len(records) == PER_TYPE
    assert [r.get("more", False) for r in records] == [False] * (PER_TYPE - 1) + [True]
    html = client.get("/search/", {"q": "harvest"}).content.decode()
    assert html.count(MORE) == 1
    # The page does not claim a total it does not know.
    heading = re.search(r"<h2[^>]*>([^<]*harvest[^<]*)</h2>", html).group(1)
    assert heading.startswith("More than 10 results")


def test_more_updates_link_to_the_feed_search(client, owner):
    made = effort("public", None, owner, name="Dairy standards")
    staff = StaffFactory()
    for n in range(PER_TYPE + 1):
        services.update_post(effort=made, author=staff, body=f"Harvest news {n}")
    html = client.get("/search/", {"q": "harvest news"}).content.decode()
    assert MORE in html
    assert 'href="/coordination/feed/?q=harvest+news"' in html


def test_more_companies_say_so(client):
    for n in range(PER_TYPE + 1):
        Company.objects.create(name=f"Harvest Buyer {n:02d}")
    html = client.get("/search/", {"q": "harvest buyer"}).content.decode()
    assert html.count(MORE) == 1


def test_the_feed_says_more_of_its_records_too(client, owner):
    _efforts(owner, PER_TYPE + 1)
    html = client.get("/coordination/feed/", {"q": "harvest"}).content.decode()
    assert html.count(MORE) == 1


def test_records_without_pages_do_not_say_nothing_matched(client, owner):
    _efforts(owner, 2)
    html = client.get("/search/", {"q": "harvest"}).content.decode()
    assert "Harvest effort 0" in html
    assert "Nothing matched" not in html and "0 results" not in html
    assert "No page matches." in html
    assert "2 results for “harvest”" in html  # the records and the pages, counted together
    assert "updates" in html.split('id="records-title"')[1].split("</h2>")[0]


def test_nothing_at_all_still_says_nothing_matched(client):
    html = client.get("/search/", {"q": "zzzqqq"}).content.decode()
    assert "Nothing matched" in html and "No page matches." not in html


def test_the_number_of_queries_stays_the_same_with_more(owner):
    _efforts(owner, 1)
    with CaptureQueriesContext(connection) as first:
        search_records(None, "harvest")
    _efforts(owner, PER_TYPE + 5, word="Harvest more")
    with CaptureQueriesContext(connection) as second:
        search_records(None, "harvest")
    assert len(second.captured_queries) == len(first.captured_queries)


def test_a_thread_excerpt_is_plain_text_not_markdown():
    group = WorkingGroup.objects.create(name="Strategy", is_open=True)
    author = AffiliationFactory().user
    GroupMembership.objects.create(group=group, user=author)
    services.thread_create(
        group=group,
        author=author,
        title="Harvest plans",
        body="The **picking rate** is _low_ & [see](https://example.org) the\n\n* list",
    )
    (record,) = search_records(author, "harvest")
    assert record["excerpt"] == "Strategy: The picking rate is low & see the list"


def test_an_invalid_feed_filter_keeps_the_search(client, owner):
    staff = StaffFactory()
    services.update_post(
        effort=effort("public", None, owner, name="A"), author=staff, body="Harvest begun."
    )
    services.update_post(
        effort=effort("public", None, owner, name="B"), author=staff, body="Milk plant audit."
    )
    for bad in ({"sector": "999999"}, {"country": "XX-not-a-country"}):
        html = client.get("/coordination/feed/", {"q": "harvest", **bad}).content.decode()
        assert "Harvest begun." in html and "Milk plant audit." not in html
