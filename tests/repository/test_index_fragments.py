"""The repository index renders its learning paths, facets and results once per audience,
language and query, and reuses them (issue 22): a write they show replaces them at once,
and what one audience sees never reaches another."""

import pytest
from wagtail.models import Page

from repository.models import CollectionItem, CollectionPage

from .factories import resource

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.WSR_PAGE_CACHE = False  # the render, not the anonymous page cache


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_publish_shows_at_once_although_the_results_are_cached(client, index):
    resource(index, "Heat stress toolkit", sectors=["agriculture"])
    assert "Heat stress toolkit" in _html(client, index.url)
    assert "Water and shade" not in _html(client, index.url)  # now from the fragment cache
    resource(index, "Water and shade", sectors=["dairy"])
    html = _html(client, index.url)
    assert "Water and shade" in html and "Heat stress toolkit" in html
    assert 'value="dairy"' in html  # the facets too


def test_a_changed_title_shows_at_once(client, index):
    page = resource(index, "First title")
    assert "First title" in _html(client, index.url + "?q=title")
    page.title = "Second title"
    page.save_revision().publish()
    html = _html(client, index.url + "?q=title")
    assert "Second title" in html and "First title" not in html


def test_an_unpublished_resource_leaves_the_cached_results_at_once(client, index):
    page = resource(index, "Going away")
    assert "Going away" in _html(client, index.url)
    page.unpublish()
    assert "Going away" not in _html(client, index.url)


def test_members_results_cached_first_never_reach_the_public(client, index, viewers):
    resource(index, "Open notes", audience="public")
    resource(index, "Inside notes", audience="members", sectors=["dairy"])
    client.force_login(viewers["member"])
    html = _html(client, index.url + "?q=notes")
    assert "Inside notes" in html and 'value="dairy"' in html
    client.logout()
    html = _html(client, index.url + "?q=notes")
    assert "Open notes" in html
    assert "Inside notes" not in html and 'value="dairy"' not in html


def test_a_new_learning_path_shows_at_once(client, index):
    step = resource(index, "First step")
    assert "Learning paths" not in _html(client, index.url)
    path = CollectionPage(title="Start here", introduction="Where to begin.")
    index.add_child(instance=path)
    CollectionItem.objects.create(page=path, resource=step)
    path.save_revision().publish()
    html = _html(client, index.url)
    assert "Start here" in html
    Page.objects.get(pk=path.pk).specific.unpublish()
    assert "Start here" not in _html(client, index.url)


def test_each_language_gets_its_own_labels(client, index, index_es):
    resource(index, "Heat stress toolkit", kind="toolkit")
    assert "Toolkit or guide" in _html(client, index.url)
    html = _html(client, index_es.url)
    assert "Heat stress toolkit" in html and "Toolkit or guide" not in html
