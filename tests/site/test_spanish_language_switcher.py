"""The language switcher (issue 17): plain links that lead to the page's translation, or to
its nearest translated ancestor with a notice, or for a Django view to the same view under
the other prefix; the choice is kept in the language cookie."""

import re
from html import unescape

import pytest
from django.conf import settings

from wsr.site import services
from wsr.site.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(site_tree):
    about = services.page_ensure(
        parent=site_tree["en"],
        model=StandardPage,
        slug="about",
        fields={"title": "About us"},
        translations={"es": {"title": "Sobre nosotros", "slug": "sobre"}},
    )
    team = services.page_child_add(parent=about, instance=StandardPage(title="Team", slug="team"))
    return {"about": about, "team": team}


def _switch_link(response, code: str) -> str:
    nav = re.search(
        r'<nav class="language-switcher".*?</nav>', response.content.decode(), re.S
    ).group(0)
    return unescape(re.search(rf'<a href="([^"]+)"[^>]*hreflang="{code}"', nav).group(1))


def test_the_switcher_is_plain_links_that_lead_to_the_translation(client, pages):
    response = client.get("/about/")
    assert response.status_code == 200
    link = _switch_link(response, "es")
    assert "<script" not in re.search(
        r'<nav class="language-switcher".*?</nav>', response.content.decode(), re.S
    ).group(0)

    switched = client.get(link)

    assert switched.status_code == 302
    assert switched["Location"] == "/es/sobre/"
    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    back = client.get(_switch_link(client.get("/es/sobre/"), "en"))
    assert back["Location"] == "/about/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_a_page_without_translation_leads_to_the_nearest_translated_ancestor_with_a_notice(
    client, pages
):
    response = client.get(_switch_link(client.get("/about/team/"), "es"), follow=True)

    assert response.redirect_chain[-1][0] == "/es/sobre/"
    assert response.status_code == 200
    assert "Español" in response.content.decode()
    assert "nearest page" in response.content.decode() or "más cercana" in (
        response.content.decode()
    )
    # shown once: the next page has no notice
    assert "Español;" not in client.get("/es/sobre/").content.decode()


def test_an_exact_translation_has_no_notice(client, pages):
    response = client.get(_switch_link(client.get("/about/"), "es"), follow=True)
    assert response.status_code == 200
    assert "Español;" not in response.content.decode()


def test_a_django_view_switches_its_prefix(client, pages):
    link = _switch_link(client.get("/companies/?page=1"), "es")
    response = client.get(link)
    assert response["Location"] == "/es/companies/?page=1"
    assert client.get(response["Location"]).status_code == 200


def test_an_unknown_page_leads_to_the_other_home(client, pages):
    response = client.get("/i18n/switch/es/?next=/nowhere/")
    assert response["Location"] == "/es/"


def test_the_switch_never_leaves_the_site(client, pages):
    response = client.get("/i18n/switch/es/?next=https://example.org/")
    assert response["Location"] == "/es/"
    assert client.get("/i18n/switch/xx/?next=/").status_code == 404


def test_every_wagtail_page_of_either_language_switches_to_a_page_that_exists(client, pages):
    for path, other in (("/", "es"), ("/about/", "es"), ("/about/team/", "es"), ("/es/", "en")):
        response = client.get(_switch_link(client.get(path), other), follow=True)
        assert response.status_code == 200, (path, other)
        for code, _name in settings.LANGUAGES:  # the current language too, by its address
            response = client.get(f"/i18n/switch/{code}/?next={path}", follow=True)
            assert response.status_code == 200, (path, code)
