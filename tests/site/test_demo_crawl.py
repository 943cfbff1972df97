"""On the whole demo, crawl the site as an anonymous visitor and as a member, following every
link from the home pages, the sitemap, the feeds and search, and fetch every document: what
is not for them appears nowhere (issue 15, "anonymous crawls ... find nothing non-public").

The secrets are read from the database, not listed by hand: titles of resources and events
outside the audience, unpublished pages, coordination records of other audiences, working-
group threads and case references."""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Page

from assistance.models import Case
from coordination.models import HasAudience, Thread
from repository.models import EventPage, ResourceAttachment, ResourcePage
from wsr.members.models import User

pytestmark = pytest.mark.django_db

LINK = re.compile(r'(?:href|src)="([^"#]+)')
SKIP = ("/cms/", "/django-admin/", "/accounts/", "/static/", "/media/", "/i18n/", "/jsi18n/")
MAX_PAGES = 700


def _titles(objects) -> set[str]:
    return {str(obj).strip() for obj in objects}


def _secrets_for(audiences: set[str]) -> set[str]:
    """What a reader of `audiences` must never see, minus what is also public elsewhere."""
    hidden, public = set(), set()
    restricted_ids = []
    for model in (ResourcePage, EventPage):
        outside = model.objects.exclude(audience="public")
        restricted_ids += list(outside.values_list("pk", flat=True))
        hidden |= _titles(outside.exclude(audience__in=audiences))
    hidden |= {page.title for page in Page.objects.not_live()}
    public |= _titles(Page.objects.live().exclude(pk__in=restricted_ids))
    for model in apps.get_models():
        if issubclass(model, HasAudience):
            hidden |= _titles(model.objects.exclude(audience__in=audiences))
            public |= _titles(model.objects.filter(audience="public"))
    hidden |= _titles(Thread.objects.all())
    hidden |= set(Case.objects.values_list("reference", flat=True))
    return {title for title in hidden - public if len(title) >= 8}


def _start_paths() -> list[str]:
    return [
        "/",
        "/es/",
        "/sitemap.xml",
        "/search/?q=workers",
        "/search/?q=trabajadores",
        "/repository/?q=wage",
        "/feeds/resources/rss/",
        "/feeds/articles.rss",
        "/feeds/events.ics",
        "/coordination/calendar/public.ics",
        "/initiatives/scorecards.json",
    ]


def _crawl(client) -> tuple[dict[str, str], set[str]]:
    pages: dict[str, str] = {}
    documents: set[str] = set()
    queue = deque(_start_paths())
    seen = set(queue)
    while queue and len(pages) < MAX_PAGES:
        path = queue.popleft()
        response = client.get(path)
        assert response.status_code < 500, (path, response.status_code)
        if response.status_code != 200 or response.streaming:
            continue
        body = response.content.decode("utf-8", "replace")
        pages[path] = body
        for link in LINK.findall(body) + re.findall(r"<loc>([^<]+)</loc>", body):
            parts = urlsplit(urljoin("http://testserver" + path, link.replace("&amp;", "&")))
            if parts.netloc != "testserver":
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if parts.path.startswith("/documents/"):
                documents.add(parts.path)
            elif not parts.path.startswith(SKIP) and target not in seen:
                seen.add(target)
                queue.append(target)
    return pages, documents


def _leaks(pages, secrets):
    return sorted(
        {(secret, path) for path, body in pages.items() for secret in secrets if secret in body}
    )[:20]


def _closed_documents(audiences: set[str]):
    """Documents attached only to resources outside `audiences` (or to no live page)."""
    open_ids = set(
        ResourceAttachment.objects.filter(
            page__live=True, page__audience__in=audiences
        ).values_list("document_id", flat=True)
    )
    attached = ResourceAttachment.objects.exclude(document_id__in=open_ids)
    return get_document_model().objects.filter(pk__in=attached.values("document_id"))


def test_the_demo_shows_an_anonymous_visitor_and_a_member_nothing_outside_their_audience(
    client, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", verbosity=0)

    pages, documents = _crawl(client)
    assert len(pages) > 150, "the crawl should reach most of the public site"
    assert not _leaks(pages, _secrets_for({"public"}))
    for path in documents:
        assert client.get(path).status_code in (200, 404)
    closed = list(_closed_documents({"public"}))
    assert closed, "the demo should have documents of members-only or staff resources"
    for document in closed:
        assert client.get(document.url).status_code == 404, document.title

    member = User.objects.get(email="member@wsr.test")
    client.force_login(member)
    pages, _documents = _crawl(client)
    group_titles = set(
        Thread.objects.filter(group__memberships__user=member).values_list("title", flat=True)
    )
    member_secrets = _secrets_for({"public", "members"}) - group_titles
    member_secrets -= set(
        Case.objects.visible_to(member).values_list("reference", flat=True)
    )  # their own organization's cases
    member_secrets -= {str(obj) for obj in _group_records_of(member)}
    assert not _leaks(pages, member_secrets)
    for document in _closed_documents({"public", "members"}):
        assert client.get(document.url).status_code == 404, document.title


def _group_records_of(user):
    for model in apps.get_models():
        if issubclass(model, HasAudience):
            yield from model.objects.visible_to(user).filter(audience="group")
