import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--core-only", verbosity=0)


def test_home_page_in_english_and_spanish(client, demo):
    english = client.get("/").content.decode()
    spanish = client.get("/es/").content.decode()
    assert '<html lang="en">' in english and "Workers define the rules" in english
    assert '<html lang="es">' in spanish and "Los trabajadores definen las reglas" in spanish
    assert "Saltar al contenido principal" in spanish


def test_language_switcher_links_to_the_translation_of_the_page(client, demo):
    # plain links through the switch view, which keeps the choice (issue 17)
    content = client.get("/about/").content.decode()
    assert 'href="/i18n/switch/es/?next=%2Fabout%2F"' in content
    assert client.get("/i18n/switch/es/?next=%2Fabout%2F")["Location"] == "/es/sobre/"
    content = client.get("/es/sobre/").content.decode()
    assert 'href="/i18n/switch/en/?next=%2Fes%2Fsobre%2F"' in content
    assert client.get("/i18n/switch/en/?next=%2Fes%2Fsobre%2F")["Location"] == "/about/"


def test_language_switcher_on_an_app_page_keeps_the_path(client, demo):
    path = reverse("members:organization-list")
    assert client.get(f"/i18n/switch/es/?next={path}")["Location"] == "/es/organizations/"


def test_navigation_and_footer_come_from_wagtail(client, demo):
    from wsr.site.models import NavigationMenu

    content = client.get("/").content.decode()
    assert 'aria-label="Main"' in content and "The WSR model" in content
    menu = NavigationMenu.objects.get(locale__language_code="en")
    menu.links = [("link", {"label": "Our library", "page": None, "url": "/library/"})]
    menu.save()
    assert 'href="/library/">Our library' in client.get("/").content.decode()


def test_every_page_has_landmarks_skip_link_and_one_h1(client, demo):
    for path in (
        "/",
        "/es/",
        "/about/",
        "/search/?q=workers",
        reverse("account_login"),
        reverse("members:organization-list"),
    ):
        content = client.get(path).content.decode()
        assert content.count("<h1") == 1, path
        assert 'href="#main"' in content and '<main id="main"' in content, path
        assert "<header" in content and "<footer" in content, path


def test_site_search_finds_live_pages_in_the_readers_language(client, demo):
    english = client.get("/search/", {"q": "principles"}).content.decode()
    assert "The WSR model" in english and "El modelo WSR" not in english
    spanish = client.get("/es/search/", {"q": "principios"}).content.decode()
    assert "El modelo WSR" in spanish


def test_search_with_nothing_found_says_so(client, demo):
    content = client.get("/search/", {"q": "zzzqqq"}).content.decode()
    assert "Nothing matched" in content


def test_unknown_page_gets_the_404_page(client, demo):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_500_page_renders_without_context(client):
    from wsr.site.errors import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert b"Something went wrong" in response.content


def test_sitemap_lists_public_pages(client, demo):
    content = client.get("/sitemap.xml").content.decode()
    assert "/about/" in content


@pytest.mark.parametrize(
    "url, safe",
    [
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,x", False),
        ("//evil.example.org/", False),
        ("/portal/", True),
        ("https://ciw-online.org/", True),
        ("mailto:info@wsr.test", True),
    ],
)
def test_navigation_links_accept_only_safe_addresses(url, safe):
    from django.core.exceptions import ValidationError

    from wsr.site.blocks import LinkBlock

    block = LinkBlock()
    value = block.to_python({"label": "Link", "page": None, "url": url})
    if safe:
        block.clean(value)
    else:
        with pytest.raises(ValidationError):
            block.clean(value)


def test_a_stored_unsafe_link_is_never_rendered(client, demo):
    from wsr.site.models import NavigationMenu

    NavigationMenu.objects.filter(locale__language_code="en").update(
        links=[
            {"type": "link", "value": {"label": "Bad", "page": None, "url": "javascript:alert(1)"}}
        ]
    )
    assert "javascript:" not in client.get("/").content.decode()
