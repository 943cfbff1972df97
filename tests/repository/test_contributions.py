import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from repository.demo import make_pdf
from repository.models import Contribution, ResourcePage

pytestmark = pytest.mark.django_db
URL = reverse("repository:resource-propose")


def _proposal(**overrides):
    data = {
        "title": "Complaint line checklist",
        "summary": "A checklist for a complaint line workers trust.",
        "body": "First paragraph.\n\nSecond <b>paragraph</b>.",
        "kind": "toolkit",
        "language": "en",
        "audience": "members",
        "countries": ["US"],
        "attachment": SimpleUploadedFile(
            "checklist.pdf", make_pdf(["Checklist"]), "application/pdf"
        ),
    }
    data.update(overrides)
    return data


@pytest.fixture
def staff_and_member(viewers):
    return viewers["staff"], viewers["member"]


def test_a_member_proposes_a_resource_that_waits_in_moderation(
    client, index, staff_and_member, on_commit
):
    staff, contributor = staff_and_member
    client.force_login(contributor)
    with on_commit():
        response = client.post(URL, _proposal())
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    page = contribution.page
    assert not page.live and page.has_unpublished_changes
    assert page.workflow_in_progress
    assert page.attachments.count() == 1
    assert page.get_latest_revision_as_object().body[1].value.source == (
        "<p>Second &lt;b&gt;paragraph&lt;/b&gt;.</p>"
    )
    assert any(staff.email in m.to and "Complaint line checklist" in m.subject for m in mail.outbox)
    # A draft is nobody's to read but the reviewers'.
    client.logout()
    assert client.get(page.url or f"/repository/{page.slug}/").status_code == 404
    attachment_url = page.attachments.get().document.url
    client.force_login(contributor)
    assert client.get(attachment_url).status_code == 404
    client.force_login(staff)
    assert client.get(attachment_url).status_code == 200


def test_staff_publish_it_and_the_contributor_is_told(client, index, staff_and_member, on_commit):
    staff, contributor = staff_and_member
    client.force_login(contributor)
    with on_commit():
        client.post(URL, _proposal())
    page = Contribution.objects.get().page
    mail.outbox.clear()
    with on_commit():
        page.current_workflow_task_state.approve(user=staff)
    page = ResourcePage.objects.get(pk=page.pk)
    assert page.live
    assert Contribution.objects.get().outcome == "published"
    assert [m.to for m in mail.outbox] == [[contributor.email]]
    assert "Published" in mail.outbox[0].subject and page.url in mail.outbox[0].body
    client.force_login(contributor)
    assert client.get(page.url).status_code == 200


def test_staff_send_it_back_with_comments(client, index, staff_and_member, on_commit):
    staff, contributor = staff_and_member
    client.force_login(contributor)
    with on_commit():
        client.post(URL, _proposal())
    page = Contribution.objects.get().page
    mail.outbox.clear()
    with on_commit():
        page.current_workflow_task_state.reject(user=staff, comment="Please add your sources.")
    contribution = Contribution.objects.get()
    assert contribution.outcome == "returned"
    assert mail.outbox[0].to == [contributor.email]
    assert "Please add your sources." in mail.outbox[0].body
    assert not ResourcePage.objects.get(pk=page.pk).live


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"title": ""}, "This field is required."),
        ({"kind": "rumour"}, "Select a valid choice."),
        ({"audience": "staff"}, "Select a valid choice."),
        (
            {"attachment": SimpleUploadedFile("fake.pdf", b"MZ not a pdf", "application/pdf")},
            "Attach a PDF",
        ),
        (
            {"attachment": SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream")},
            "Attach a PDF",
        ),
    ],
)
def test_bad_proposals_are_explained_and_nothing_is_saved(
    client, index, viewers, overrides, message
):
    client.force_login(viewers["member"])
    response = client.post(URL, _proposal(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Contribution.objects.exists()
    assert not ResourcePage.objects.exists()


def test_a_file_over_the_limit_is_refused(client, index, viewers, settings):
    settings.WSR_CONTRIBUTION_MAX_BYTES = 100
    client.force_login(viewers["member"])
    response = client.post(URL, _proposal())
    assert "too large" in response.content.decode()
    assert not Contribution.objects.exists()


def test_only_members_propose(client, index, viewers):
    assert reverse("account_login") in client.get(URL)["Location"]
    client.force_login(viewers["public"])
    assert client.get(URL).status_code == 403
    assert client.post(URL, _proposal()).status_code == 403
    assert not Contribution.objects.exists()
