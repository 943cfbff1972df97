import pytest
from django.contrib.admin.sites import AdminSite
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from wsr.members import services
from wsr.members.admin import MembershipAdmin
from wsr.members.models import Affiliation, Membership, Organization

from .factories import OrganizationFactory, UserFactory, sector

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Seafood Workers United",
    "kind": "worker_organization",
    "website": "https://seafood.example.org",
    "description": "Processing workers on the Gulf coast.",
    "is_worker_led": "on",
    "statement_of_support": "We support every one of the seven principles and want binding "
    "agreements with the buyers of our employers.",
    "agrees_to_principles": "on",
    "countries": ["US", "MX"],
}


def test_applicant_must_sign_in_first(client):
    response = client.get(reverse("members:membership-apply"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_application_creates_organization_membership_and_admin(
    client, public_user, staff, on_commit
):
    client.force_login(public_user)
    with on_commit():
        response = client.post(
            reverse("members:membership-apply"), {**VALID, "sectors": [sector("seafood").pk]}
        )
    assert response.status_code == 302
    organization = Organization.objects.get(name="Seafood Workers United")
    assert organization.membership.status == Membership.Status.APPLICANT
    assert organization.membership.applied_by == public_user
    assert sorted(c.code for c in organization.countries) == ["MX", "US"]
    assert list(organization.sectors.values_list("slug", flat=True)) == ["seafood"]
    assert Affiliation.objects.get(user=public_user, organization=organization).is_admin
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([public_user.email, staff.email])


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("name", "", "This field is required."),
        ("kind", "spaceship", "Select a valid choice."),
        ("website", "not a url", "Enter a valid URL."),
        ("statement_of_support", "Too short.", "Ensure this value has at least 40 characters"),
        ("agrees_to_principles", "", "This field is required."),
    ],
)
def test_bad_application_shows_the_error_and_saves_nothing(
    client, public_user, field, value, message
):
    client.force_login(public_user)
    response = client.post(reverse("members:membership-apply"), {**VALID, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Organization.objects.exists()
    assert not Membership.objects.exists()


def test_application_for_a_registered_name_is_refused(client, public_user):
    OrganizationFactory(name="Seafood Workers United")
    client.force_login(public_user)
    response = client.post(reverse("members:membership-apply"), VALID)
    assert "already registered" in response.content.decode()
    assert Organization.objects.count() == 1


def _admin_request(user):
    request = RequestFactory().post("/django-admin/members/membership/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _application(language="en"):
    applicant = UserFactory()
    applicant.profile.preferred_language = language
    applicant.profile.save()
    return services.organization_apply(
        user=applicant,
        organization_data={"name": "Dairy Workers", "kind": "worker_organization"},
        statement_of_support="We support the principles.",
    )


def test_staff_approves_from_the_admin_and_the_applicant_is_emailed(staff, on_commit):
    membership = _application()
    mail.outbox.clear()
    model_admin = MembershipAdmin(Membership, AdminSite())
    with on_commit():
        model_admin.approve(_admin_request(staff), Membership.objects.filter(pk=membership.pk))
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert membership.decided_by == staff
    assert membership.started_on is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [membership.applied_by.email]
    assert "Welcome" in mail.outbox[0].subject


def test_decline_sends_the_reason_in_the_applicants_language(staff, on_commit):
    membership = _application(language="es")
    membership.decision_note = "Todavía no trabajan con compradores."
    membership.save()
    mail.outbox.clear()
    with on_commit():
        services.membership_decline(membership=membership, decided_by=staff)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.DECLINED
    assert "Todavía no trabajan con compradores." in mail.outbox[0].body
    assert "solicitud" in mail.outbox[0].subject.lower()


def test_a_decided_application_cannot_be_decided_again(staff):
    membership = _application()
    services.membership_approve(membership=membership, decided_by=staff)
    model_admin = MembershipAdmin(Membership, AdminSite())
    model_admin.decline(_admin_request(staff), Membership.objects.filter(pk=membership.pk))
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_only_staff_reach_the_membership_admin(client, a_member, staff):
    url = reverse("admin:members_membership_changelist")
    client.force_login(a_member)
    assert client.get(url).status_code == 302  # to the admin login, never the list
    client.force_login(staff)
    assert client.get(url).status_code == 200
