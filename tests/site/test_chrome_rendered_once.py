"""The parts of the layout that are the same for every reader of a language are rendered
once per language and reused (issue 22): each language still gets its own, and a signed-in
reader still gets their own account links."""

import pytest

from tests.conftest import record_sign_in
from tests.members.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_each_language_gets_its_own_header(client, site_tree):
    english = client.get("/").content.decode()
    spanish = client.get("/es/").content.decode()

    assert "Skip to main content" in english
    assert 'action="/search/"' in english
    assert "Saltar al contenido principal" in spanish
    assert 'action="/es/search/"' in spanish
    assert "Skip to main content" in client.get("/").content.decode()


def test_signed_in_and_anonymous_readers_get_their_own_account_links(client, site_tree):
    anonymous = client.get("/").content.decode()
    user = UserFactory()
    client.force_login(user)
    record_sign_in(client, user, second_factor=False)
    signed_in = client.get("/").content.decode()

    assert 'href="/accounts/login/"' in anonymous
    assert "Sign out" not in anonymous
    assert "Sign out" in signed_in
    assert 'href="/accounts/login/"' not in signed_in


def test_a_change_of_sites_or_languages_renders_the_chrome_again(site_tree):
    """Review of issue 22: with a second site, Wagtail writes the chrome's page links as
    absolute URLs; the chrome kept per process must follow a Site or Locale change."""
    from wagtail.models import Locale, Site

    from wsr.site.chrome import CHROME

    before = CHROME.current()
    site = Site.objects.create(hostname="second.example", port=80, root_page=site_tree["en"])
    after_site = CHROME.current()
    site.delete()
    after_delete = CHROME.current()
    Locale.objects.get(language_code="es").save()
    assert len({before, after_site, after_delete, CHROME.current()}) == 4
