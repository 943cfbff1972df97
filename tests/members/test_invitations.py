import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from wsr.members.models import Affiliation, Invitation

from .factories import PASSWORD, InvitationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def test_org_admin_invites_a_person_by_email(client, admin_and_org, on_commit):
    admin, organization = admin_and_org
    client.force_login(admin)
    with on_commit():
        response = client.post(
            reverse("members:organization-people", args=[organization.slug]),
            {"email": "New.Person@Example.org", "role": "member"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "new.person@example.org"
    assert mail.outbox[0].to == ["new.person@example.org"]
    assert invitation.get_absolute_url() in mail.outbox[0].body


@pytest.mark.parametrize(
    "data, message",
    [
        ({"email": "not-an-email", "role": "member"}, "Enter a valid email address."),
        ({"email": "a@example.org", "role": "owner"}, "Select a valid choice."),
    ],
)
def test_bad_invitation_shows_the_error_and_sends_nothing(client, admin_and_org, data, message):
    admin, organization = admin_and_org
    client.force_login(admin)
    response = client.post(reverse("members:organization-people", args=[organization.slug]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_inviting_someone_who_already_belongs_is_refused(client, admin_and_org):
    admin, organization = admin_and_org
    existing = member(organization=organization)
    client.force_login(admin)
    response = client.post(
        reverse("members:organization-people", args=[organization.slug]),
        {"email": existing.email.upper(), "role": "member"},
    )
    assert "already belongs" in response.content.decode()
    assert not Invitation.objects.exists()


def test_member_who_is_not_admin_cannot_see_or_use_the_people_page(client, admin_and_org):
    _admin, organization = admin_and_org
    plain = member(organization=organization)
    client.force_login(plain)
    url = reverse("members:organization-people", args=[organization.slug])
    assert client.get(url).status_code == 404
    assert client.post(url, {"email": "x@example.org", "role": "admin"}).status_code == 404
    assert not Invitation.objects.exists()


def test_invitee_signs_up_confirms_email_and_is_affiliated(client, site_tree, on_commit):
    invitation = InvitationFactory(email="invitee@example.org", role="member")
    with on_commit():
        response = client.post(
            reverse("account_signup"),
            {
                "email": "invitee@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    assert response.status_code == 302
    assert not Affiliation.objects.filter(user__email="invitee@example.org").exists()
    confirmation = next(m for m in mail.outbox if "invitee@example.org" in m.to)
    link = re.search(r"http://testserver(/accounts/confirm-email/[^\s]+/)", confirmation.body)
    client.post(link.group(1))
    affiliation = Affiliation.objects.get(user__email="invitee@example.org")
    assert affiliation.organization == invitation.organization
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_an_invitation_cannot_be_taken_by_another_address(client):
    invitation = InvitationFactory(email="intended@example.org")
    other = UserFactory(email="someone-else@example.org")
    client.force_login(other)
    response = client.post(invitation.get_absolute_url(), follow=True)
    assert "sent to intended@example.org" in response.content.decode()
    assert not Affiliation.objects.filter(user=other).exists()


def test_an_existing_user_accepts_with_a_verified_address(client):
    invitation = InvitationFactory(email="second@example.org", role="admin")
    person = UserFactory(email="first@example.org")
    EmailAddress.objects.create(user=person, email="second@example.org", verified=True)
    client.force_login(person)
    response = client.post(invitation.get_absolute_url())
    assert response.status_code == 302
    assert Affiliation.objects.get(user=person).role == "admin"
    assert client.post(invitation.get_absolute_url()).status_code == 200  # used: refused


def test_unknown_invitation_token_is_404(client):
    assert client.get(reverse("members:invitation-accept", args=["nope"])).status_code == 404


def test_admin_withdraws_an_invitation(client, admin_and_org):
    admin, organization = admin_and_org
    invitation = InvitationFactory(organization=organization)
    client.force_login(admin)
    client.post(reverse("members:invitation-revoke", args=[organization.slug, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert not invitation.is_pending


def test_an_organization_awaiting_approval_cannot_invite(client):
    from wsr.members.models import Membership

    from .factories import OrganizationFactory, org_admin

    admin, organization = org_admin(
        OrganizationFactory(membership_status=Membership.Status.APPLICANT)
    )
    client.force_login(admin)
    response = client.post(
        reverse("members:organization-people", args=[organization.slug]),
        {"email": "target@example.org", "role": "member"},
    )
    assert "once its membership is approved" in response.content.decode()
    assert not Invitation.objects.exists()


def test_invitations_are_capped_per_day(client, admin_and_org, settings):
    settings.WSR_INVITATIONS_PER_DAY = 2
    admin, organization = admin_and_org
    client.force_login(admin)
    url = reverse("members:organization-people", args=[organization.slug])
    for n in range(3):
        response = client.post(url, {"email": f"p{n}@example.org", "role": "member"})
    assert "Try again tomorrow" in response.content.decode()
    assert Invitation.objects.count() == 2


def test_the_invitation_is_written_in_the_invitees_language(client, admin_and_org, on_commit):
    admin, organization = admin_and_org
    invitee = UserFactory(email="hablo@example.org")
    invitee.profile.preferred_language = "es"
    invitee.profile.save()
    client.force_login(admin)
    with on_commit():
        client.post(
            reverse("members:organization-people", args=[organization.slug]),
            {"email": "hablo@example.org", "role": "member"},
        )
    message = mail.outbox[0]
    assert "invita" in message.subject.lower()
    assert "/es/invitations/" in message.body
