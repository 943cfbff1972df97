import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from assistance.models import Case, TimelineEntry
from wsr.members.models import Affiliation, User

from .factories import PDF, pdf

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "organization_name": "Farmworkers of the Valley",
        "contact_name": "Rosa Díaz",
        "contact_email": "rosa@example.org",
        "kind": "complaints",
        "countries": ["US", "MX"],
        "description": "Workers need a complaint line they trust.",
        "urgency": "high",
        "preferred_language": "es",
        "consent_to_share": "on",
    }
    data.update(overrides)
    return data


def test_a_visitor_gets_an_unverified_case_and_a_receipt_with_the_reference(
    client, on_commit, django_capture_on_commit_callbacks
):
    from tests.members.factories import StaffFactory

    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/assistance/request/", _form(attachments=[pdf()]), follow=True)
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.reference in response.content.decode()
    # nothing belongs to anyone until the address is confirmed (issue 15)
    assert case.is_unverified and case.organization is None
    assert case.organization_name == "Farmworkers of the Valley"
    assert not User.objects.filter(email="rosa@example.org").exists()
    assert case.status == "submitted" and case.first_response_due > case.submitted_at.date()
    assert case.files.get().original_name == "evidence.pdf"
    receipt = next(m for m in mail.outbox if m.to == ["rosa@example.org"])
    assert case.reference in receipt.subject and "/assistance/request/confirm/" in receipt.body
    to_staff = next(m for m in mail.outbox if staff.email in m.to)
    assert case.reference in to_staff.subject and "rosa@example.org" not in to_staff.to
    # the visitor is not signed in by submitting: the case is not shown to this browser
    assert client.get(case.get_absolute_url()).status_code == 302


def test_confirming_then_choosing_the_password_opens_the_case(client, on_commit):
    with on_commit():
        client.post("/assistance/request/", _form())
    receipt = next(m for m in mail.outbox if m.to == ["rosa@example.org"])
    link = next(w for w in receipt.body.split() if "/assistance/request/confirm/" in w)
    response = client.post(link.split("testserver", 1)[-1])
    path = response["Location"]
    assert "/password/reset/key/" in path
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_url, {"password1": "a-long-pass-phrase-2026", "password2": "a-long-pass-phrase-2026"}
    )
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="rosa@example.org").verified
    case = Case.objects.get()
    assert case.requester == User.objects.get(email="rosa@example.org")
    assert not Affiliation.objects.filter(user=case.requester).exists()
    assert client.get(case.get_absolute_url()).status_code == 200


def test_bad_input_is_explained_and_nothing_typed_is_lost(client):
    response = client.post(
        "/assistance/request/",
        _form(organization_name="", contact_email="not-an-email", description="Keep me"),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Name your organization." in content and "Keep me" in content
    assert not Case.objects.exists()


def test_a_file_is_judged_by_its_content_not_its_name(client):
    fake = pdf(name="report.pdf", content=b"MZ\x90\x00 this is a program")
    response = client.post("/assistance/request/", _form(attachments=[fake]))
    assert "is not a file we can accept" in response.content.decode()
    assert not Case.objects.exists()


def test_a_file_over_the_limit_is_refused(client, settings):
    settings.ASSISTANCE_MAX_FILE_BYTES = 100
    response = client.post("/assistance/request/", _form(attachments=[pdf(content=PDF * 10)]))
    assert "is too large" in response.content.decode()


def test_a_member_asks_for_their_own_organization_only(client):
    from tests.members.factories import org_admin

    admin, organization = org_admin()
    _other_admin, other = org_admin()
    client.force_login(admin)
    response = client.post(
        "/assistance/request/", _form(organization=str(other.pk), organization_name="")
    )
    assert response.status_code == 200 and not Case.objects.exists()
    response = client.post(
        "/assistance/request/", _form(organization=str(organization.pk), organization_name="")
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.organization == organization and case.requester == admin
    assert case.timeline.get().kind == TimelineEntry.Kind.STATUS


def test_too_many_requests_from_one_address_are_refused_and_kept(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "assistance_request": "2/h/ip"}
    for n in range(2):
        client.post("/assistance/request/", _form(contact_email=f"r{n}@example.org"))
    response = client.post("/assistance/request/", _form(description="Keep this text"))
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert "Keep this text" in response.content.decode()
    assert Case.objects.count() == 2
