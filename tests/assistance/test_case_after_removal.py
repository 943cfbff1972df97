"""Someone removed from an organization stops following the cases they filed for it, and
the org admin sees that on their row before removing them (issue 15 review)."""

import pytest
from django.urls import reverse

from assistance.models import Case
from assistance.permissions import can_view_case
from tests.members.factories import AffiliationFactory, UserFactory, org_admin
from wsr.members import services as member_services

from .factories import case

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(site_tree):
    admin, organization = org_admin()
    worker = AffiliationFactory(organization=organization, role="member").user
    the_case = case(requester=worker, organization=organization)
    return {"admin": admin, "worker": worker, "case": the_case, "organization": organization}


def test_a_removed_requester_no_longer_opens_the_organizations_case(client, filed):
    worker, the_case = filed["worker"], filed["case"]
    client.force_login(worker)
    assert client.get(the_case.get_absolute_url()).status_code == 200
    member_services.affiliation_remove(
        affiliation=worker.affiliations.get(organization=filed["organization"]),
        actor=filed["admin"],
    )
    assert client.get(the_case.get_absolute_url()).status_code == 404
    assert not Case.objects.visible_to(worker).exists()
    assert not can_view_case(worker, the_case)
    response = client.post(
        reverse("assistance:case-post", args=[the_case.reference]), {"post-text": "still here?"}
    )
    assert response.status_code == 404


def test_a_requester_without_an_organization_keeps_their_own_case(client, site_tree):
    person = UserFactory()
    the_case = case(requester=person, organization=AffiliationFactory(user=person).organization)
    Case.objects.filter(pk=the_case.pk).update(organization=None)
    the_case.refresh_from_db()
    assert can_view_case(person, the_case)


def test_the_people_page_lists_the_cases_a_person_filed(client, filed):
    client.force_login(filed["admin"])
    page = client.get(
        reverse("members:organization-people", args=[filed["organization"].slug])
    ).content.decode()
    assert filed["case"].reference in page
    assert "Cases they filed for it" in page
