"""The index's listing and an article's head and body are rendered once and reused for every
reader (issue 22): what they show depends on no reader. A write to anything they show
must show at once, for anonymous readers and for members alike, and what the public may
not read never enters them. Counted with the anonymous page cache off: these are the
renders signed-in readers and the first anonymous reader get."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from promotion.models import Author
from tests.companies.factories import CompanyFactory
from tests.members.factories import member
from tests.promotion.builders import article, index, publish

pytestmark = pytest.mark.django_db

READERS = ["anonymous", "member"]


@pytest.fixture(autouse=True)
def _uncached_pages(settings):
    settings.WSR_PAGE_CACHE = False


def _sign_in(client, reader):
    if reader == "member":
        client.force_login(member())


def _text(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize("reader", READERS)
def test_a_new_publish_shows_on_the_index_at_once_although_the_listing_is_cached(
    client, home, reader
):
    listing, _es = index(home)
    article(listing, "First article")
    _sign_in(client, reader)
    assert "First article" in _text(client, "/publications/")
    assert "First article" in _text(client, "/publications/?kind=analysis")
    article(listing, "Second article")
    assert "Second article" in _text(client, "/publications/")
    assert "Second article" in _text(client, "/publications/?kind=analysis")


@pytest.mark.parametrize("reader", READERS)
def test_an_unpublished_article_leaves_the_cached_index_at_once(client, home, reader):
    listing, _es = index(home)
    first = article(listing, "First article")
    _sign_in(client, reader)
    assert "First article" in _text(client, "/publications/")
    first.unpublish()
    assert "First article" not in _text(client, "/publications/")


@pytest.mark.parametrize("reader", READERS)
def test_a_private_article_never_shows_on_the_cached_index(client, home, reader):
    """Members-only (a view restriction to a group) or signed-in only: not on the index, for
    anyone, whether it was private before the listing was cached or became private after."""
    listing, _es = index(home)
    private = article(listing, "Members only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    later = article(listing, "Private later")
    _sign_in(client, reader)
    body = _text(client, "/publications/")
    assert "Members only" not in body and "Private later" in body
    restriction = PageViewRestriction.objects.create(
        page=later, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Staff readers"))
    assert "Private later" not in _text(client, "/publications/")


def test_a_private_article_is_not_served_to_the_public_from_a_members_render(client, home):
    listing, _es = index(home)
    private = article(listing, "Members only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(member())
    assert "Body of Members only" in _text(client, private.url)
    client.logout()
    response = client.get(private.url)
    assert response.status_code == 302
    assert "Body of Members only" not in response.content.decode()


@pytest.mark.parametrize("reader", READERS)
def test_a_renamed_author_shows_on_the_cached_index_and_article_at_once(client, home, reader):
    listing, _es = index(home)
    writer = Author.objects.create(name="Ana Ruiz")
    page = article(listing, "Audits fail", author=writer)
    _sign_in(client, reader)
    assert "Ana Ruiz" in _text(client, "/publications/")
    assert "Ana Ruiz" in _text(client, page.url)
    writer.name = "Ana Ruiz Gómez"
    writer.save()
    assert "Ana Ruiz Gómez" in _text(client, "/publications/")
    assert "Ana Ruiz Gómez" in _text(client, page.url)


@pytest.mark.parametrize("reader", READERS)
def test_a_renamed_company_shows_on_the_cached_article_at_once(client, home, reader):
    listing, _es = index(home)
    company = CompanyFactory(name="Acme Apparel")
    page = article(listing, "Audits fail")
    page.companies.add(company)
    publish(page)
    _sign_in(client, reader)
    assert "Acme Apparel" in _text(client, page.url)
    company.name = "Acme Garments"
    company.save()
    assert "Acme Garments" in _text(client, page.url)


def test_a_published_edit_shows_on_the_cached_article_at_once(client, home):
    listing, _es = index(home)
    page = article(listing, "Stable title")
    assert "Stable title" in _text(client, page.url)
    page.standfirst = "A corrected standfirst"
    publish(page)
    assert "A corrected standfirst" in _text(client, page.url)
    assert "A corrected standfirst" not in _text(client, "/publications/?page=1&kind=news")


def test_a_preview_shows_the_draft_and_is_never_cached(client, home):
    listing, _es = index(home)
    page = article(listing, "Stable title")
    assert "Stable title" in _text(client, page.url)
    page.title = "Draft title"
    preview = page.make_preview_request().content.decode()
    assert "Draft title" in preview
    page.refresh_from_db()
    body = _text(client, page.url)
    assert "Stable title" in body and "Draft title" not in body


def test_the_cached_listing_keeps_each_query_string_apart(client, home):
    """The pagination links carry the query string; a filter shows only its own rows."""
    listing, _es = index(home)
    article(listing, "An analysis", kind="analysis")
    article(listing, "A critique", kind="critique")
    analysis = _text(client, "/publications/?kind=analysis")
    critique = _text(client, "/publications/?kind=critique")
    everything = _text(client, "/publications/")
    assert "An analysis" in analysis and "A critique" not in analysis
    assert "A critique" in critique and "An analysis" not in critique
    assert "An analysis" in everything and "A critique" in everything


def test_a_replaced_image_shows_on_the_cached_article_at_once(client, home):
    """The admin's image edit saves the image with its new file (and drops its renditions)."""
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    listing, _es = index(home)
    image = get_image_model().objects.create(
        title="Picket", file=get_test_image_file(filename="picket.png")
    )
    page = article(listing, "Audits fail")
    page.body = [("figure", {"image": image, "alt_text": "A picket line", "caption": "Strike"})]
    publish(page)
    assert "picket.width-960" in _text(client, page.url)
    image.file = get_test_image_file(filename="assembly.png")
    image.save()
    image.renditions.all().delete()
    body = _text(client, page.url)
    assert "assembly.width-960" in body and "picket.width-960" not in body
