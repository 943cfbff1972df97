"""The sitemap lists the English and the Spanish trees, each page with its translations as
hreflang alternates and x-default; only public, live pages (issue 17)."""

import re

import pytest
from wagtail.models import Locale, PageViewRestriction

from repository.models import ResourcePage
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
    services.page_child_add(parent=about, instance=StandardPage(title="Team", slug="team"))
    spanish_only = services.page_child_add(
        parent=site_tree["es"], instance=StandardPage(title="Guía", slug="guia")
    )
    draft = services.page_child_add(
        parent=site_tree["es"], instance=StandardPage(title="Borrador", slug="borrador")
    )
    draft.unpublish()
    secret = services.page_child_add(
        parent=site_tree["es"], instance=StandardPage(title="Privada", slug="privada")
    )
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    members = services.page_child_add(
        parent=site_tree["en"],
        instance=StandardPage(title="Holder", slug="holder"),
    )
    resource = ResourcePage(
        title="For members", slug="for-members", summary="s", kind="analysis", audience="members"
    )
    services.page_child_add(parent=members, instance=resource)
    return {"spanish_only": spanish_only}


def _entries(xml: str) -> dict[str, list[tuple[str, str]]]:
    """loc -> [(hreflang, href)], addresses without their scheme and host."""
    xml = re.sub(r"https?://[^/<\"]+/", "/", xml)
    return {
        match.group(1): re.findall(r'hreflang="([^"]+)" href="([^"]+)"', match.group(2))
        for match in re.finditer(r"<url>\s*<loc>([^<]+)</loc>(.*?)</url>", xml, re.S)
    }


def test_the_sitemap_lists_both_trees_with_hreflang_alternates(client, pages):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in xml
    entries = _entries(xml)

    for loc in ("/", "/about/", "/about/team/", "/es/", "/es/sobre/", "/es/guia/"):
        assert loc in entries, loc
    assert entries["/about/"] == [
        ("en", "/about/"),
        ("es", "/es/sobre/"),
        ("x-default", "/about/"),
    ]
    assert entries["/es/sobre/"] == entries["/about/"]
    assert entries["/es/"][1] == ("es", "/es/")
    # a page in one language only has no alternates
    assert entries["/about/team/"] == []
    assert entries["/es/guia/"] == []


def test_the_sitemap_shows_only_public_live_pages(client, pages):
    xml = client.get("/sitemap.xml").content.decode()
    assert "borrador" not in xml
    assert "privada" not in xml
    assert "for-members" not in xml


def test_a_restricted_translation_is_no_alternate(client, pages):
    about_es = StandardPage.objects.get(slug="sobre", locale=Locale.objects.get(language_code="es"))
    PageViewRestriction.objects.create(page=about_es, restriction_type="login")
    entries = _entries(client.get("/sitemap.xml").content.decode())
    assert "/es/sobre/" not in entries
    assert entries["/about/"] == []
