"""The two-step editorial workflow; the speaker request (honeypot, rate limit, staff task,
reply by email); the newsletter (double opt-in, one-click unsubscribe); citations and
downloads; the staff's media tools and the erasure of a journalist's personal data."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from promotion.models import (
    ArticlePage,
    JournalistContact,
    Pitch,
    PublicationAuthor,
    PublicationPage,
    SpeakerRequest,
    Subscriber,
)
from tests.members.factories import StaffFactory, UserFactory
from tests.promotion.builders import article, author, index, publish
from wsr.site.pdf import make_pdf

pytestmark = pytest.mark.django_db


def _in_group(name):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=name))
    return user


def test_an_article_needs_an_editor_then_an_approver(home):
    listing, _es = index(home)
    editor, approver = _in_group("Editors"), _in_group("Approvers")
    page = article(listing, "Draft critique", kind="critique", live=False)
    page.save_revision(user=editor)
    workflow = page.get_workflow()
    assert workflow.name == "Editorial review"
    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(approver).can_publish()
    state = workflow.start(page, editor)
    first = state.current_task_state.task.specific
    assert first.name == "Editor review"
    assert approver not in [u for g in first.groups.all() for u in g.user_set.all()]
    first.on_action(state.current_task_state, editor, "approve")
    state.refresh_from_db()
    second = state.current_task_state.task.specific
    assert second.name == "Approver sign-off"
    assert not ArticlePage.objects.get(pk=page.pk).live
    second.on_action(state.current_task_state, approver, "approve")
    assert ArticlePage.objects.get(pk=page.pk).live


def test_a_speaker_request_becomes_a_staff_task_answered_by_email(client, on_commit, settings):
    staff = StaffFactory()
    data = {
        "organization": "Farmworker Alliance",
        "contact_name": "Rosa",
        "email": "rosa@example.org",
        "event": "Harvest Forum",
        "event_date": "2027-03-01",
        "audience": "Growers and buyers",
        "topic": "Binding agreements",
    }
    with on_commit():
        response = client.post("/talks/request/", data)
    assert response.status_code == 302
    request = SpeakerRequest.objects.get()
    assert any(staff.email in m.to for m in mail.outbox)
    assert any("rosa@example.org" in m.to for m in mail.outbox)
    client.force_login(staff)
    assert "Farmworker Alliance" in client.get("/promotion/speaker-requests/").content.decode()
    mail.outbox.clear()
    with on_commit():
        client.post(
            f"/promotion/speaker-requests/{request.pk}/",
            {f"answer-{request.pk}-accept": "1", f"answer-{request.pk}-reply": "Yes, gladly."},
        )
    request.refresh_from_db()
    assert request.status == "accepted" and request.replied_by == staff
    assert [m.to for m in mail.outbox] == [["rosa@example.org"]] and "Yes, gladly." in mail.outbox[
        0
    ].body


def test_speaker_requests_keep_bots_and_floods_out_and_bad_input_loses_nothing(client, settings):
    base = {
        "organization": "Org",
        "contact_name": "N",
        "email": "n@example.org",
        "event": "E",
        "event_date": "2027-03-01",
        "audience": "A",
        "topic": "T",
    }
    assert client.post("/talks/request/", {**base, "website": "spam.example"}).status_code == 302
    assert SpeakerRequest.objects.count() == 0  # the honeypot: looks sent, keeps nothing
    response = client.post(
        "/talks/request/", {**base, "email": "not-an-email", "topic": "Kept topic"}
    )
    assert response.status_code == 400 and "Kept topic" in response.content.decode()
    for _n in range(3):  # three accepted an hour per email; the invalid one does not count
        assert client.post("/talks/request/", base).status_code == 302
    assert client.post("/talks/request/", base).status_code == 429
    assert client.post("/talks/request/", {**base, "email": "m@example.org"}).status_code == 302
    assert SpeakerRequest.objects.count() == 4


def test_the_staff_tools_are_for_staff_only(client):
    client.force_login(UserFactory())
    for url in (
        "/promotion/speaker-requests/",
        "/promotion/content-calendar/",
        "/promotion/coverage/",
    ):
        assert client.get(url).status_code == 403
    client.logout()
    assert client.get("/promotion/content-calendar/").status_code == 302


def test_the_newsletter_asks_for_confirmation_and_unsubscribes_in_one_click(client, on_commit):
    with on_commit():
        response = client.post("/newsletter/", {"email": "Reader@Example.org"})
    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.org" and not subscriber.is_active
    (message,) = mail.outbox
    assert f"/newsletter/confirm/{subscriber.token}/" in message.body
    client.get(f"/newsletter/confirm/{subscriber.token}/")
    subscriber.refresh_from_db()
    assert subscriber.is_active
    assert client.get("/newsletter/confirm/wrong-token/").status_code == 404
    assert client.post(f"/newsletter/unsubscribe/{subscriber.token}/").status_code == 200
    subscriber.refresh_from_db()
    assert not subscriber.is_active
    assert client.post("/newsletter/unsubscribe/wrong/").status_code == 404
    assert (
        client.post("/newsletter/", {"email": "bot@example.org", "website": "x"}).status_code == 200
    )
    assert not Subscriber.objects.filter(email="bot@example.org").exists()


def _publication(listing):
    document = Document(title="Report PDF")
    document.file.save("report.pdf", ContentFile(make_pdf(["Report"])), save=False)
    document.save()
    page = listing.add_child(
        instance=PublicationPage(
            title="Enforcement, not audits",
            summary="A review.",
            published_on="2026-05-01",
            document=document,
            doi="10.1234/wsr.2026.1",
        )
    )
    PublicationAuthor.objects.create(page=page, author=author("Ana Morales"))
    return publish(page)


def test_citations_and_downloads(client, home):
    listing, _es = index(home)
    page = _publication(listing)
    html = client.get(page.url).content.decode()
    assert "Ana Morales (2026). <em>Enforcement, not audits</em>" in html
    (data,) = html.split('<script type="application/ld+json">')[1:]
    assert '"@type": "Report"' in data and "10.1234/wsr.2026.1" in data
    bib = client.get(f"/publications/{page.pk}/cite.bib").content.decode()
    assert (
        bib.startswith("@techreport{")
        and "author = {Ana Morales}" in bib
        and "doi = {10.1234/wsr.2026.1}" in bib
    )
    ris = client.get(f"/publications/{page.pk}/cite.ris").content.decode()
    assert (
        ris.startswith("TY  - RPRT")
        and "AU  - Ana Morales" in ris
        and ris.rstrip().endswith("ER  -")
    )
    response = client.get(f"/publications/{page.pk}/download/")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.download_count == 1


def test_a_journalist_is_exported_and_erased_on_request(client, home):
    listing, _es = index(home)
    contact = JournalistContact.objects.create(
        name="Dana Reporter", email="dana@news.example", notes="Likes data"
    )
    Pitch.objects.create(contact=contact, article=article(listing), notes="Pitched the critique")
    staff = StaffFactory()
    client.force_login(staff)
    data = client.get(f"/promotion/journalists/{contact.pk}/export/").json()
    assert (
        data["email"] == "dana@news.example"
        and data["pitches"][0]["notes"] == "Pitched the critique"
    )
    client.post(f"/promotion/journalists/{contact.pk}/erase/")
    assert not JournalistContact.objects.exists() and not Pitch.objects.exists()
    assert not JournalistContact.history.filter(name="Dana Reporter").exists()
    client.force_login(UserFactory())
    other = JournalistContact.objects.create(name="Kept")
    assert client.get(f"/promotion/journalists/{other.pk}/export/").status_code == 403
    assert client.post(f"/promotion/journalists/{other.pk}/erase/").status_code == 403
    assert JournalistContact.objects.filter(pk=other.pk).exists()
