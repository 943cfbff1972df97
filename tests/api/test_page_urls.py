"""wsr.api.schemas.page_url: a page of records reads the sites' root paths once."""

from unittest import mock

from wagtail.models import Page, Site

from wsr.api.schemas import page_url, page_urls_once


def test_page_urls_read_the_site_root_paths_once_within_one_response(site_tree):
    pages = list(Page.objects.filter(depth=2))
    assert len(pages) >= 2
    read = mock.patch.object(Site, "get_site_root_paths", wraps=Site.get_site_root_paths)
    with read as counted, page_urls_once():
        urls = [page_url(page) for page in pages]
    assert counted.call_count == 1
    assert all(url.startswith("http") for url in urls)


def test_a_page_url_is_the_same_outside_a_response(site_tree):
    page = Page.objects.filter(depth=2).first()
    with page_urls_once():
        inside = page_url(page)
    assert page_url(page) == inside
