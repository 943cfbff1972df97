"""On Spanish pages, what is in another language carries a visible label and a lang
attribute; mixed lists put the page's language first (issue 17)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale

from promotion.models import CoverageEntry, PressRoomPage
from repository.models import CollectionItem, CollectionPage, RepositoryIndexPage, ResourcePage
from wsr.site import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish():
    return Locale.objects.get(language_code="es")


def test_a_spanish_learning_path_labels_its_english_resources(client, site_tree, spanish):
    index = services.page_child_add(
        parent=site_tree["en"], instance=RepositoryIndexPage(title="Repository", slug="repository")
    )
    resource = services.page_child_add(
        parent=index,
        instance=ResourcePage(title="Audits fail", slug="audits", summary="Why", kind="analysis"),
    )
    path = CollectionPage(title="Start here", slug="start", introduction="First steps")
    path.items.add(CollectionItem(resource=resource))
    services.page_child_add(parent=index, instance=path)
    services.page_translation_ensure(
        page=index, locale=spanish, fields={"title": "Repositorio", "slug": "repositorio"}
    )
    path_es = services.page_translation_ensure(page=path, locale=spanish, fields={})

    spanish_page = client.get(path_es.url).content.decode()
    english_page = client.get(path.url).content.decode()

    assert re.search(
        r'<h2 class="h3" lang="en"><a href="/repository/audits/" hreflang="en">', spanish_page
    )
    assert '<span class="badge" lang="en">English</span>' in spanish_page
    assert 'lang="en"><a' not in english_page and 'badge" lang=' not in english_page


def test_the_spanish_press_room_lists_spanish_coverage_first_and_labels_the_rest(
    client, site_tree, spanish
):
    press = services.page_child_add(
        parent=site_tree["en"], instance=PressRoomPage(title="Press room", slug="press")
    )
    press_es = services.page_translation_ensure(
        page=press, locale=spanish, fields={"title": "Sala de prensa", "slug": "prensa"}
    )
    today = timezone.localdate()
    CoverageEntry.objects.create(
        outlet="Daily",
        headline="Workers win",
        published_on=today,
        language="en",
        url="https://example.org/a",
    )
    CoverageEntry.objects.create(
        outlet="Diario",
        headline="Ganan los trabajadores",
        language="es",
        published_on=today - timedelta(days=30),
        url="https://example.org/b",
    )

    spanish_page = client.get(press_es.url).content.decode()
    english_page = client.get(press.url).content.decode()

    assert spanish_page.index("Ganan los trabajadores") < spanish_page.index("Workers win")
    assert english_page.index("Workers win") < english_page.index("Ganan los trabajadores")
    assert 'lang="en">Workers win</a>' in spanish_page
    assert '<span class="badge" lang="en">English</span>' in spanish_page
    assert '<span class="badge" lang="es">Español</span>' in english_page
