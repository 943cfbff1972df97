"""Spanish pages link where they live: a page added under a translation renamed through a
revision gets the renamed path, and stored paths broken that way are repaired (issue 17)."""

import importlib

import pytest
from django.apps import apps as django_apps
from wagtail.models import Locale, Page

from wsr.site import services
from wsr.site.models import StandardPage

pytestmark = pytest.mark.django_db


def _spanish_index(home_en):
    index = home_en.add_child(instance=StandardPage(title="Repository", slug="repository"))
    index.save_revision().publish()
    index_es = index.copy_for_translation(Locale.objects.get(language_code="es"))
    index_es.slug = "repositorio"
    index_es.save_revision().publish()  # the revision's copy is saved, not `index_es`
    return index_es


def test_a_page_added_under_a_translation_renamed_through_a_revision_links_where_it_lives(
    site_tree, client
):
    index_es = _spanish_index(site_tree["en"])
    child = index_es.add_child(instance=StandardPage(title="Guía", slug="guia"))
    child.save_revision().publish()

    child.refresh_from_db()
    assert child.url == "/es/repositorio/guia/"
    assert client.get(child.url).status_code == 200


def test_page_child_add_reads_the_parent_again(site_tree):
    index_es = _spanish_index(site_tree["en"])
    child = services.page_child_add(parent=index_es, instance=StandardPage(title="G", slug="g"))
    assert Page.objects.get(pk=child.pk).url_path == "/home-es/repositorio/g/"


def test_the_migration_repairs_pages_stored_under_a_stale_parent_path(site_tree, client):
    index_es = _spanish_index(site_tree["en"])
    child = services.page_child_add(parent=index_es, instance=StandardPage(title="G", slug="g"))
    Page.objects.filter(pk=child.pk).update(url_path="/home-es/repository/g/")
    assert Page.objects.get(pk=child.pk).url == "/es/repository/g/"

    migration = importlib.import_module("wsr.site.migrations.0002_page_url_paths_repaired")
    migration.repair_url_paths(django_apps, None)

    assert Page.objects.get(pk=child.pk).url == "/es/repositorio/g/"
    assert services.page_url_paths_repair() == 0


def test_a_translation_ensured_with_a_new_slug_is_returned_at_its_new_path(site_tree):
    about = services.page_ensure(
        parent=site_tree["en"],
        model=StandardPage,
        slug="about",
        fields={"title": "About"},
        translations={"es": {"title": "Sobre", "slug": "sobre"}},
    )
    spanish = services.page_translation_ensure(
        page=about, locale=Locale.objects.get(language_code="es"), fields={}
    )
    assert spanish.url_path == "/home-es/sobre/"
    assert spanish.live
