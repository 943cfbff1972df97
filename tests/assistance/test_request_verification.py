"""A request from someone not signed in attaches to nobody until the address is proved by
the link emailed to it; no organization is made or joined on a visitor's say-so."""

import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.urls import reverse

from assistance.models import Case
from tests.members.factories import StaffFactory, UserFactory, org_admin
from wsr.members.models import Affiliation, Organization, User

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "organization_name": "Farmworkers of the Valley",
        "contact_name": "Rosa Díaz",
        "contact_email": "rosa@example.org",
        "kind": "complaints",
        "countries": ["US"],
        "description": "Workers need a complaint line they trust.",
        "urgency": "high",
        "preferred_language": "en",
        "consent_to_share": "on",
    }
    data.update(overrides)
    return data


def _confirm_path(to: str) -> str:
    receipt = next(m for m in mail.outbox if m.to == [to])
    link = re.search(r"https?://\S*/assistance/request/confirm/\S+", receipt.body).group(0)
    return "/" + link.split("/", 3)[3]


@pytest.fixture
def rosa():
    """A member, admin of her organization, whose address a visitor types."""
    admin, organization = org_admin()
    admin.email = "rosa@example.org"
    admin.save(update_fields=["email"])
    organization.name = "Farmworkers of the Valley"
    organization.save(update_fields=["name"])
    return admin, organization


def test_a_visitor_cannot_file_a_request_in_a_members_name(client, rosa, on_commit):
    member, organization = rosa
    with on_commit():
        response = client.post("/assistance/request/", _form())
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.requester is None and case.organization is None
    assert case.is_unverified
    assert case.contact_name == "Rosa Díaz"
    assert case.organization_name == "Farmworkers of the Valley"
    assert Organization.objects.filter(name="Farmworkers of the Valley").count() == 1
    assert list(Affiliation.objects.filter(user=member)) == list(
        Affiliation.objects.filter(user=member, organization=organization)
    )
    assert not Case.objects.visible_to(member).exists()
    client.force_login(member)
    assert client.get(case.get_absolute_url()).status_code == 404
    assert case.reference not in client.get("/assistance/cases/").content.decode()


def test_a_visitor_makes_no_account_and_no_organization(client, on_commit):
    with on_commit():
        client.post("/assistance/request/", _form(contact_email="new@example.org"))
    case = Case.objects.get()
    assert case.is_unverified and case.contact_email == "new@example.org"
    assert not User.objects.filter(email="new@example.org").exists()
    assert not Organization.objects.filter(name="Farmworkers of the Valley").exists()


def test_the_receipt_carries_a_confirmation_link_and_staff_are_told_it_is_unverified(
    client, on_commit
):
    staff = StaffFactory()
    with on_commit():
        client.post("/assistance/request/", _form())
    case = Case.objects.get()
    receipt = next(m for m in mail.outbox if m.to == ["rosa@example.org"])
    assert case.reference in receipt.subject
    assert "/assistance/request/confirm/" in receipt.body
    to_staff = next(m for m in mail.outbox if staff.email in m.to)
    assert "not confirmed" in to_staff.body
    assert "Farmworkers of the Valley" in to_staff.body


def test_the_confirmation_link_waits_in_the_outbox_and_only_its_id_is_queued(
    client, on_commit, monkeypatch
):
    from notifications.models import OutgoingEmail
    from notifications.tasks import send_outgoing_email

    queued = []
    monkeypatch.setattr(
        send_outgoing_email, "apply_async", lambda kwargs=None, **options: queued.append(kwargs)
    )
    with on_commit():
        client.post("/assistance/request/", _form())
    receipt = OutgoingEmail.objects.get(to=["rosa@example.org"])
    assert "/assistance/request/confirm/" in receipt.context["confirm_url"]
    assert {"email_id": receipt.pk} in queued
    assert all(list(kwargs) == ["email_id"] for kwargs in queued)


def test_staff_see_an_unverified_request_as_such_in_the_queue_and_on_the_case(client, on_commit):
    staff = StaffFactory()
    with on_commit():
        client.post("/assistance/request/", _form())
    case = Case.objects.get()
    client.force_login(staff)
    queue = client.get("/assistance/queue/").content.decode()
    assert "Unverified" in queue and "Farmworkers of the Valley" in queue
    assert "Rosa Díaz" in queue
    only_unverified = client.get("/assistance/queue/?unverified=true").content.decode()
    assert case.reference in only_unverified
    assert case.reference not in client.get("/assistance/queue/?unverified=false").content.decode()
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Unverified" in page and "rosa@example.org" in page


def test_opening_the_link_attaches_the_case_to_the_existing_account_but_no_organization(
    client, rosa, on_commit
):
    member, organization = rosa
    with on_commit():
        client.post("/assistance/request/", _form())
    path = _confirm_path("rosa@example.org")
    case = Case.objects.get()
    assert client.get(path).status_code == 200
    assert Case.objects.get().is_unverified  # opening the page alone changes nothing
    response = client.post(path)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.requester == member and case.organization is None
    assert not case.is_unverified and case.email_confirmed_at is not None
    assert Affiliation.objects.filter(user=member).count() == 1
    assert Organization.objects.filter(name="Farmworkers of the Valley").count() == 1
    client.force_login(member)
    assert client.get(case.get_absolute_url()).status_code == 200


def test_opening_the_link_makes_an_account_without_password_and_offers_to_set_one(
    client, on_commit
):
    from allauth.account.models import EmailAddress

    with on_commit():
        client.post("/assistance/request/", _form(contact_email="new@example.org"))
    response = client.post(_confirm_path("new@example.org"))
    user = User.objects.get(email="new@example.org")
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(email="new@example.org").verified
    assert Case.objects.get().requester == user
    assert not Affiliation.objects.filter(user=user).exists()
    assert "/password/reset/key/" in response["Location"]


def test_a_second_click_is_harmless(client, on_commit):
    with on_commit():
        client.post("/assistance/request/", _form(contact_email="new@example.org"))
    path = _confirm_path("new@example.org")
    client.post(path)
    confirmed = Case.objects.get()
    response = client.post(path, follow=True)
    assert response.status_code == 200
    assert "already confirmed" in response.content.decode()
    again = Case.objects.get()
    assert again.requester == confirmed.requester
    assert again.email_confirmed_at == confirmed.email_confirmed_at
    assert User.objects.filter(email="new@example.org").count() == 1


def test_a_tampered_link_attaches_nothing_and_says_so(client, on_commit):
    with on_commit():
        client.post("/assistance/request/", _form())
    path = _confirm_path("rosa@example.org")
    tampered = path.rstrip("/")[:-2] + "xx/"
    for response in (client.get(tampered), client.post(tampered)):
        assert response.status_code == 404
        assert "This link is not valid" in response.content.decode()
    assert Case.objects.get().is_unverified


def test_a_link_for_another_case_or_address_attaches_nothing(client, on_commit):
    with on_commit():
        client.post("/assistance/request/", _form())
    case = Case.objects.get()
    from assistance.services.cases import CONFIRM_SALT

    forged = signing.dumps({"c": case.pk, "e": "mallory@example.org"}, salt=CONFIRM_SALT)
    response = client.post(reverse("assistance:request-confirm", args=[forged]))
    assert response.status_code == 404
    assert Case.objects.get().is_unverified


def test_an_expired_link_attaches_nothing_and_says_so(client, on_commit, settings):
    settings.ASSISTANCE_CONFIRM_MAX_AGE = timedelta(days=7)
    with on_commit():
        client.post("/assistance/request/", _form())
    case = Case.objects.get()
    from assistance.services.cases import request_confirm_token

    token = request_confirm_token(case)
    import time

    real_time = time.time
    try:
        time.time = lambda: real_time() + 8 * 86400
        response = client.post(reverse("assistance:request-confirm", args=[token]))
    finally:
        time.time = real_time
    assert response.status_code == 404
    assert "expired" in response.content.decode()
    assert Case.objects.get().is_unverified


def test_a_signed_in_member_still_files_as_themselves_for_their_organization(client):
    admin, organization = org_admin()
    client.force_login(admin)
    response = client.post(
        "/assistance/request/", _form(organization=str(organization.pk), organization_name="")
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.requester == admin and case.organization == organization
    assert not case.is_unverified


def test_a_signed_in_person_naming_another_organization_joins_and_creates_nothing(client):
    person = UserFactory()
    client.force_login(person)
    response = client.post("/assistance/request/", _form(contact_email=person.email))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.requester == person and case.organization is None
    assert case.organization_name == "Farmworkers of the Valley"
    assert not Organization.objects.filter(name="Farmworkers of the Valley").exists()
    assert not Affiliation.objects.filter(user=person).exists()
    assert client.get(case.get_absolute_url()).status_code == 200


def test_staff_link_an_unverified_case_to_a_real_organization(client, rosa, on_commit):
    _member, organization = rosa
    staff = StaffFactory()
    with on_commit():
        client.post("/assistance/request/", _form())
    case = Case.objects.get()
    client.force_login(staff)
    response = client.post(
        reverse("assistance:case-update", args=[case.reference]),
        {"case-organization": organization.pk, "case-kind": case.kind, "case-urgency": "high"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.organization == organization
