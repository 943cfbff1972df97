import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from wsr.members import services
from wsr.members.models import Membership

from .factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_manage_organizations_and_memberships_in_wagtail(client, staff):
    organization = OrganizationFactory(
        name="Listed In Wagtail", membership_status=Membership.Status.ACTIVE
    )
    client.force_login(staff)
    assert "Listed In Wagtail" in client.get(reverse("organization:index")).content.decode()
    assert client.get(reverse("organization:edit", args=[organization.pk])).status_code == 200
    assert client.get(reverse("membership:index")).status_code == 200
    assert "Membership applications" in client.get("/cms/").content.decode()


def test_members_never_reach_the_wagtail_member_tools(client, a_member):
    client.force_login(a_member)
    response = client.get(reverse("organization:index"))
    # refused with a 403, not sent to a sign-in page that sends them back (issue 22's review)
    assert response.status_code == 403


def test_application_and_decision_are_in_the_history(client, staff):
    applicant = UserFactory()
    membership = services.organization_apply(
        user=applicant,
        organization_data={"name": "History Org", "kind": "ngo"},
        statement_of_support="We support the principles.",
    )
    services.membership_decline(membership=membership, decided_by=staff, note="Not yet.")
    entries = ModelLogEntry.objects.for_instance(membership).order_by("timestamp")
    assert [(e.action, e.user) for e in entries] == [
        ("wsr.membership.apply", applicant),
        ("wsr.membership.decline", staff),
    ]
    client.force_login(staff)
    history = client.get(reverse("membership:history", args=[membership.pk])).content.decode()
    assert "Application declined" in history
