"""The publications index ignores a kind or topic it does not know, instead of failing to link
to that kind's feed (issue 17: ?kind= with a quote or an accent was a server error)."""

import pytest

from tests.promotion.builders import article, index, topic

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["kind", "topic"])
@pytest.mark.parametrize("value", ['"fair food', "crítica", "no-such-thing", "x" * 300])
def test_an_unknown_kind_or_topic_lists_everything(client, home, name, value):
    listing, _es = index(home)
    article(listing, "Critique A", kind="critique", topic=topic("audits"))
    response = client.get("/publications/", {name: value})
    assert response.status_code == 200
    assert "Critique A" in response.content.decode()


def test_a_known_kind_and_topic_still_filter_and_link_their_feeds(client, home):
    listing, _es = index(home)
    article(listing, "Critique A", kind="critique", topic=topic("audits"))
    article(listing, "News B", kind="news")
    body = client.get("/publications/", {"kind": "news"}).content.decode()
    assert "News B" in body and "Critique A" not in body
    assert "/feeds/kind/news.rss" in body
    body = client.get("/publications/", {"topic": "audits"}).content.decode()
    assert "Critique A" in body and "News B" not in body
