"""A press release under embargo is nowhere (page, index, feeds, sitemap, search, company
and author pages) until its time; the scheduler releases it with a moved clock. Anonymous
readers get cached pages, emptied on publish, unpublish and embargo release."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django.utils.text import slugify

from tests.promotion.builders import article, embargoed, index, publish

pytestmark = pytest.mark.django_db

CHANNELS = (
    "/publications/",
    "/publications/?kind=press_release",
    "/feeds/articles.rss",
    "/feeds/articles.atom",
    "/feeds/kind/press_release.rss",
    "/sitemap.xml",
    "/search/?q=Embargoed",
)


def _everywhere(client, text):
    """Whether each channel mentions the release, by title or by its address."""
    slug = slugify(text)
    found = {}
    for url in CHANNELS:
        body = client.get(url).content.decode()
        found[url] = text in body or f"/{slug}/" in body
    return found


def test_an_embargoed_release_is_absent_everywhere_until_its_time(client, home):
    listing, _es = index(home)
    release = embargoed(listing, hours=2)
    assert client.get(release.url or "/publications/embargoed-release/").status_code == 404
    assert not any(_everywhere(client, "Embargoed release").values())
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        call_command("publish_scheduled")
        assert client.get("/publications/embargoed-release/").status_code == 404
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        call_command("publish_scheduled")
        assert client.get("/publications/embargoed-release/").status_code == 200
        found = _everywhere(client, "Embargoed release")
        assert all(found.values()), found


def test_anonymous_pages_are_cached_and_emptied_on_publish_and_unpublish(client, home):
    listing, _es = index(home)
    first = article(listing, "First article")
    response = client.get("/publications/")
    assert response["X-Page-Cache"] == "miss"
    assert client.get("/publications/")["X-Page-Cache"] == "hit"
    article(listing, "Second article")  # published: the index must show it
    response = client.get("/publications/")
    assert response["X-Page-Cache"] == "miss" and "Second article" in response.content.decode()
    first.unpublish()
    assert "First article" not in client.get("/publications/").content.decode()
    assert client.get("/publications/first-article/").status_code == 404


def test_the_cache_is_emptied_when_the_scheduler_releases_an_embargo(client, home):
    listing, _es = index(home)
    embargoed(listing, hours=1)
    assert "Embargoed release" not in client.get("/publications/").content.decode()
    assert client.get("/publications/")["X-Page-Cache"] == "hit"
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        call_command("publish_scheduled")
        response = client.get("/publications/")
        assert response["X-Page-Cache"] == "miss"
        assert "Embargoed release" in response.content.decode()


def test_signed_in_people_and_pages_with_forms_are_never_cached(client, home, django_user_model):
    listing, _es = index(home)
    article(listing)
    user = django_user_model.objects.create_user(email="reader@example.org", password="x")
    client.force_login(user)
    assert "X-Page-Cache" not in client.get("/publications/")
    client.logout()
    assert "X-Page-Cache" not in client.get("/talks/request/")  # a form with a CSRF token


def test_a_draft_change_is_not_served_until_published(client, home):
    listing, _es = index(home)
    page = article(listing, "Stable title")
    client.get(page.url)
    page.title = "Draft title"
    page.save_revision()  # a draft: the live page and the cache keep the old text
    assert "Draft title" not in client.get("/publications/stable-title/").content.decode()
    publish(page)
    assert "Draft title" in client.get("/publications/stable-title/").content.decode()
