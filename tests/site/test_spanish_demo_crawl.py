"""On the whole demo, walk the Spanish site as a visitor: every link of the Spanish home,
listings and the pages they lead to answers (no 404), the language switcher of each page
leads to a page that exists, and a member registers for an event from /es/eventos/ (issue
17). The walk of everything else is test_demo_crawl.py."""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from repository.models import EventPage, Registration
from wsr.members.models import User

pytestmark = pytest.mark.django_db

LINK = re.compile(r'(?:href|src)="([^"#]+)')
SKIP = ("/cms/", "/django-admin/", "/static/", "/media/", "/documents/", "/jsi18n/")
SWITCH = "/i18n/switch/"
START = (
    "/es/",
    "/es/repositorio/",
    "/es/eventos/",
    "/es/publicaciones/",
    "/es/prensa/",
    "/es/search/?q=trabajadores",
    "/es/repositorio/?q=quejas",
    "/sitemap.xml",
)
MAX_PAGES = 400


def _links(path: str, body: str) -> set[str]:
    found = set()
    for link in LINK.findall(body) + re.findall(r"<loc>([^<]+)</loc>", body):
        parts = urlsplit(urljoin("http://testserver" + path, link.replace("&amp;", "&")))
        if parts.netloc not in ("testserver", "localhost"):
            continue
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if not parts.path.startswith(SKIP):
            found.add(target)
    return found


def test_every_link_of_the_spanish_site_leads_somewhere(client, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", verbosity=0)

    broken, walked, switches = [], {}, set()
    queue, seen = deque(START), set(START)
    while queue and len(walked) < MAX_PAGES:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code == 404:
            broken.append((path, walked.get("from", {}).get(path)))
            continue
        assert response.status_code < 500, (path, response.status_code)
        if response.status_code != 200 or response.streaming:
            continue
        walked[path] = True
        body = response.content.decode("utf-8", "replace")
        for target in _links(path, body):
            if target.startswith(SWITCH):
                switches.add(target)
            elif target not in seen:
                seen.add(target)
                # walk the Spanish pages; check that every other link answers
                if target.startswith("/es/") or path in START:
                    queue.append(target)
                elif client.get(target).status_code == 404:
                    broken.append((target, path))
    assert not broken, broken[:20]
    assert len(walked) > 60, "the walk should reach most of the Spanish site"
    for expected in ("/es/eventos/", "/es/prensa/", "/es/repositorio/"):
        assert any(p.startswith(expected) and p != expected for p in walked) or expected in walked
    # Spanish learning paths have Spanish addresses
    assert "/es/repositorio/designing-a-complaint-mechanism/" not in walked
    assert "/es/repositorio/como-disenar-un-mecanismo-de-quejas/" in walked

    # the switcher of every Spanish page leads to a page that exists
    visitor = Client()
    for target in sorted(switches):
        response = visitor.get(target, follow=True)
        assert response.status_code == 200, target
        visitor.cookies.clear()


def test_a_member_registers_for_a_spanish_event(client, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", "--core-only", verbosity=0)
    from repository import demo as repository_demo
    from wsr.site.models import HomePage

    homes = {page.locale.language_code: page for page in HomePage.objects.all()}
    repository_demo.seed(home_pages=homes)
    member = User.objects.get(email="member@wsr.test")
    client.force_login(member)

    listing = client.get("/es/eventos/").content.decode()
    event = EventPage.objects.get(slug="seminario-web-temporada-de-calor")
    assert event.locale.language_code == "es"
    assert f'href="{event.url}"' in listing and event.url.startswith("/es/eventos/")
    page = client.get(event.url).content.decode()
    action = re.search(r'<form method="post" action="([^"]+register/)"', page).group(1)

    response = client.post(action, {}, follow=True)

    assert response.redirect_chain[-1][0] == event.url
    assert Registration.objects.filter(user=member, status="registered").exists()
