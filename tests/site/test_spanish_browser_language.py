"""A first visit to an unprefixed page from a browser that prefers Spanish goes to the
Spanish page, once; a choice made through the switcher wins; the page cache never answers
for the redirect nor keeps it (issue 17)."""

import pytest
from django.conf import settings

from wsr.site import services
from wsr.site.models import StandardPage

pytestmark = pytest.mark.django_db

SPANISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9,en;q=0.5", "HTTP_ACCEPT": "text/html"}
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9,es;q=0.5", "HTTP_ACCEPT": "text/html"}


@pytest.fixture
def pages(site_tree):
    about = services.page_ensure(
        parent=site_tree["en"],
        model=StandardPage,
        slug="about",
        fields={"title": "About us"},
        translations={"es": {"title": "Sobre nosotros", "slug": "sobre"}},
    )
    services.page_child_add(parent=about, instance=StandardPage(title="Team", slug="team"))
    return site_tree


def test_a_spanish_browser_is_sent_to_the_spanish_home_once(client, pages):
    response = client.get("/", **SPANISH_BROWSER)

    assert response.status_code == 302
    assert response["Location"] == "/es/"
    assert {"accept-language", "cookie"} <= {v.strip().lower() for v in response["Vary"].split(",")}
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    # once: the address it asked for is served the next time
    assert client.get("/", **SPANISH_BROWSER).status_code == 200


def test_a_spanish_browser_gets_the_translation_of_the_page_it_asked_for(client, pages):
    assert client.get("/about/", **SPANISH_BROWSER)["Location"] == "/es/sobre/"


def test_a_django_view_gets_its_spanish_prefix(client, pages):
    response = client.get("/companies/?page=1", **SPANISH_BROWSER)
    assert response["Location"] == "/es/companies/?page=1"


def test_a_page_without_translation_stays_in_english(client, pages):
    response = client.get("/about/team/", **SPANISH_BROWSER)
    assert response.status_code == 200


def test_an_english_browser_stays(client, pages):
    response = client.get("/", **ENGLISH_BROWSER)
    assert response.status_code == 200
    assert "accept-language" in response["Vary"].lower()
    assert "cookie" in response["Vary"].lower()


def test_the_choice_made_through_the_switcher_wins(client, pages):
    client.get("/i18n/switch/en/?next=/es/")
    response = client.get("/", **SPANISH_BROWSER)
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_prefixed_pages_feeds_and_forms_are_never_redirected(client, pages):
    assert client.get("/es/", **SPANISH_BROWSER).status_code == 200
    feed = {**SPANISH_BROWSER, "HTTP_ACCEPT": "application/rss+xml"}
    assert client.get("/about/", **feed).status_code == 200
    assert client.get("/sitemap.xml", **SPANISH_BROWSER).status_code == 200


@pytest.mark.parametrize("first", ["english", "spanish"])
def test_with_the_page_cache_each_browser_gets_its_answer(client, pages, settings, first):
    from django.test import Client

    settings.WSR_PAGE_CACHE = True
    english, spanish = Client(), Client()
    order = [english, spanish] if first == "english" else [spanish, english]
    for _round in range(2):
        for visitor in order:
            headers = SPANISH_BROWSER if visitor is spanish else ENGLISH_BROWSER
            visitor.cookies.clear()  # a first visit each time
            response = visitor.get("/", **headers)
            if visitor is spanish:
                assert response.status_code == 302, first
                assert response["Location"] == "/es/"
            else:
                assert response.status_code == 200, first
    assert english.get("/", **ENGLISH_BROWSER)["X-Page-Cache"] == "hit"


def test_a_link_followed_from_this_site_is_a_choice_and_is_not_redirected(client, pages):
    # A reader who came straight to a Spanish page (no language cookie yet) follows its
    # "Also in: English" link: the English page is what they chose.
    response = client.get("/about/", HTTP_REFERER="http://testserver/es/sobre/", **SPANISH_BROWSER)
    assert response.status_code == 200
    # a link from another site is a first visit
    response = client.get("/about/", HTTP_REFERER="https://example.org/wsr", **SPANISH_BROWSER)
    assert response["Location"] == "/es/sobre/"
