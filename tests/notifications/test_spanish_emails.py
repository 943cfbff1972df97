"""Emails are written in the recipient's language and link to the pages in that language,
whoever caused them and in whatever language the sender was using the site (issue 17)."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import translation

from assistance import services as assistance
from notifications import services
from notifications.links import url_in_language
from tests.assistance.factories import case
from tests.members.factories import StaffFactory, member, org_admin
from tests.notifications.test_digests import IN_WINDOW, daily, run

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://testserver(/[^\s\"<>]*)")


def spanish(person):
    person.profile.preferred_language = "es"
    person.profile.save(update_fields=["preferred_language"])
    return person


def paths(message) -> list[str]:
    """Every link to this site in both parts of `message`, and in its unsubscribe header."""
    found = LINK.findall(message.body) + LINK.findall(message.alternatives[0][0])
    found += LINK.findall(message.extra_headers.get("List-Unsubscribe", ""))
    return sorted({path.replace("&amp;", "&") for path in found})


def assert_all_spanish_and_open(client, person, message):
    links = paths(message)
    assert links, message.body
    assert all(path.startswith("/es/") for path in links), links
    client.force_login(person)
    for path in links:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert response.headers.get("Content-Language", "es") == "es"


def test_a_spanish_requester_gets_spanish_links_to_their_case_from_english_staff(client, on_commit):
    requester, _organization = org_admin()
    spanish(requester)
    the_case = case(requester=requester, preferred_language="es")
    staff = StaffFactory()
    mail.outbox.clear()
    with on_commit():  # staff write in English: the request's language is English
        assistance.case_post(case=the_case, author=staff, body="Hola, ¿cuándo?", is_shared=True)
    (message,) = [m for m in mail.outbox if m.to == [requester.email]]
    assert "/es/assistance/cases/" in message.body
    assert "Read and reply:" not in message.body  # the words are Spanish too
    assert_all_spanish_and_open(client, requester, message)


def test_a_spanish_lead_gets_the_requesters_reply_with_spanish_links(client, on_commit):
    requester, _organization = org_admin()
    lead = spanish(StaffFactory())
    the_case = case(requester=requester, preferred_language="en")
    assistance.case_update(case=the_case, actor=lead, data={"lead": lead})
    mail.outbox.clear()
    with on_commit():
        assistance.case_post(case=the_case, author=requester, body="Thanks", is_shared=True)
    (message,) = [m for m in mail.outbox if m.to == [lead.email]]
    assert f"/es/assistance/cases/{the_case.reference}/" in message.body
    links = paths(message)
    assert all(path.startswith("/es/") for path in links), links


def test_an_english_reader_keeps_english_links_written_in_a_spanish_request(client, on_commit):
    requester, _organization = org_admin()
    staff = StaffFactory()
    the_case = case(requester=requester, preferred_language="en")
    mail.outbox.clear()
    with on_commit(), translation.override("es"):
        assistance.case_post(case=the_case, author=staff, body="Hello", is_shared=True)
    (message,) = [m for m in mail.outbox if m.to == [requester.email]]
    assert not [path for path in paths(message) if path.startswith("/es/")], paths(message)
    assert f"/assistance/cases/{the_case.reference}/" in message.body


def test_a_spanish_members_digest_links_to_spanish_pages(client, new_resource, site_tree):
    reader = spanish(member())
    daily(reader)
    page = new_resource("Complaint line toolkit", when=IN_WINDOW)
    from wagtail.models import Locale

    translated = page.copy_for_translation(
        Locale.objects.get(language_code="es"), copy_parents=True
    )
    translated.title = "Caja de herramientas para líneas de quejas"
    translated.save_revision().publish()
    run()
    (message,) = [m for m in mail.outbox if m.to == [reader.email]]  # a Spanish subject
    links = paths(message)
    assert any(path.startswith("/es/notifications/") for path in links), links
    assert translated.url in links  # the English page's translation, for this reader
    assert_all_spanish_and_open(client, reader, message)


def test_the_unsubscribe_link_of_a_spanish_member_opens_the_spanish_page(client, on_commit):
    from tests.coordination.builders import effort, people
    from tests.notifications.conftest import notify_about

    p = people()
    owner = spanish(p["owner"])
    with on_commit():
        notify_about(owner, effort("members", None, owner))
    message = mail.outbox[-1]
    unsubscribe = re.match(r"<(.+)>$", message.extra_headers["List-Unsubscribe"]).group(1)
    path = urlsplit(unsubscribe).path
    assert path.startswith("/es/notifications/unsubscribe/")
    page = client.get(path)
    assert page.status_code == 200
    assert "Yes, stop them" not in page.content.decode()
    assert_all_spanish_and_open(client, owner, message)


def test_an_email_to_an_address_without_an_account_links_in_its_language(on_commit):
    with on_commit():
        services.email_queue(
            template="assistance/email/status_changed",
            to=["visitor@example.org"],
            context={
                "reference": "A-1",
                "case_url": "/assistance/cases/A-1/",
                "status": "open",
                "reason": "",
            },
            language="es",
        )
    assert "http://testserver/es/assistance/cases/A-1/" in mail.outbox[-1].body


def test_url_in_language_leaves_other_sites_and_unknown_paths_alone():
    assert url_in_language("https://example.org/assistance/", "es") == (
        "https://example.org/assistance/"
    )
    assert url_in_language("", "es") == ""
    assert url_in_language("/es/notifications/", "en") == "/notifications/"
    assert url_in_language("/notifications/?page=2#top", "es") == "/es/notifications/?page=2#top"


def test_a_notification_opened_from_the_spanish_site_leads_to_the_spanish_page(client):
    from tests.coordination.builders import effort, people
    from tests.notifications.conftest import notify_about

    p = people()
    owner = spanish(p["owner"])
    notification = notify_about(owner, effort("members", None, owner))
    assert not notification.url.startswith("/es/")
    client.force_login(owner)
    response = client.get(f"/es/notifications/{notification.pk}/open/")
    assert response.status_code == 302
    assert response["Location"] == f"/es{notification.url}"
    assert client.get(response["Location"]).status_code == 200
