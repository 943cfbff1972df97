"""Documents fail closed: a file is served only when the viewer may see a live object that
uses it (wsr/site/documents.py). Each case below was reproduced open on main (issue 15)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from promotion.models import PublicationPage
from repository.models import ResourceAttachment
from tests.members.factories import StaffFactory, member
from tests.promotion.builders import index as publications_index
from tests.repository.factories import document, repository_index, resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def repository(site_tree):
    return repository_index(site_tree["en"])


def _status(client, doc, user=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(doc.url).status_code


def test_a_document_used_by_nothing_is_not_public(client, site_tree):
    loose = document(title="Loose", content=b"loose file", name="loose.txt")
    assert _status(client, loose) == 404
    assert _status(client, loose, member()) == 404
    assert _status(client, loose, StaffFactory()) == 200


def test_a_public_resources_attachment_is_public(client, repository):
    attachment = document(name="public.txt")
    resource(repository, "Public toolkit", attachments=[attachment])
    assert _status(client, attachment) == 200


def test_deleting_a_staff_resource_does_not_make_its_pdf_public(client, repository):
    attachment = document(name="staff-only.txt")
    page = resource(repository, "Staff notes", audience="staff", attachments=[attachment])
    assert _status(client, attachment) == 404
    page.delete()
    assert _status(client, attachment) == 404
    assert _status(client, attachment, member()) == 404


def test_unpublishing_a_resource_closes_its_attachment(client, repository):
    attachment = document(name="was-public.txt")
    page = resource(repository, "Old toolkit", attachments=[attachment])
    assert _status(client, attachment) == 200
    page.unpublish()
    assert _status(client, attachment) == 404


def test_a_pdf_added_in_a_draft_of_a_members_resource_is_not_public(client, repository):
    page = resource(repository, "Members playbook", audience="members")
    added = document(name="draft-addition.txt")
    page.attachments.add(ResourceAttachment(document=added))
    page.save_revision()  # a draft edit, as an editor saves it; in moderation it is the same
    assert _status(client, added) == 404
    assert _status(client, added, member()) == 404  # not yet published, even to members
    page.get_latest_revision().publish()
    assert _status(client, added) == 404  # published, for members only
    assert _status(client, added, member()) == 200


def test_a_new_members_resource_in_moderation_keeps_its_pdf_closed(client, repository):
    from repository.models import ResourcePage

    attachment = document(name="new-draft.txt")
    page = ResourcePage(
        title="New proposal", summary="s", kind="toolkit", audience="public", live=False
    )
    page.attachments.add(ResourceAttachment(document=attachment))
    repository.add_child(instance=page)
    page.save_revision()
    assert _status(client, attachment) == 404


def test_an_embargoed_publications_pdf_opens_at_release_time(client, site_tree):
    listing, _es = publications_index(site_tree["en"])
    pdf = document(title="Report", content=b"%PDF-1.4 report", name="report.pdf")
    page = listing.add_child(
        instance=PublicationPage(
            title="Embargoed report",
            summary="Findings.",
            published_on=timezone.localdate(),
            live=False,
        )
    )
    page.document = pdf
    page.go_live_at = timezone.now() + timedelta(hours=2)
    page.save_revision().publish()  # scheduled, not live
    assert _status(client, pdf) == 404
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        call_command("publish_scheduled")
        assert _status(client, pdf) == 200


@pytest.mark.parametrize(
    "path",
    [
        "documents/report.pdf",
        "/documents/report.pdf",
        "./documents/report.pdf",
        "x/../documents/report.pdf",
        "images/../documents/report.pdf",
        "../documents/report.pdf",
    ],
)
def test_the_media_view_never_serves_the_documents_folder(rf, settings, tmp_path, path):
    from django.http import Http404

    from wsr.site.views import public_media

    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "report.pdf").write_bytes(b"%PDF secret")
    with pytest.raises(Http404):
        public_media(rf.get("/media/" + path), path)


def test_the_media_view_serves_images(rf, settings, tmp_path):
    from wsr.site.views import public_media

    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "logo.png").write_bytes(b"png")
    response = public_media(rf.get("/media/images/logo.png"), "images/logo.png")
    assert response.status_code == 200
