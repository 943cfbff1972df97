"""The org admin's people page says what each person loses if removed, and lets the admin
end the working-group memberships a person has through the organization."""

import pytest
from django.urls import reverse

from coordination.models import GroupMembership, WorkingGroup
from tests.coordination import builders
from wsr.members.models import Affiliation

from .factories import ActiveOrganizationFactory, AffiliationFactory, org_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    admin, organization = org_admin()
    person = AffiliationFactory(organization=organization).user
    group = WorkingGroup.objects.create(name="Strategy group", is_open=False)
    GroupMembership.objects.create(group=group, user=person)
    builders.effort("members", None, person, name="Dairy campaign", organization=organization)
    return admin, organization, person, group


def _end_url(organization, person):
    affiliation = Affiliation.objects.get(user=person, organization=organization)
    return reverse("coordination:affiliation-groups-end", args=[organization.slug, affiliation.pk])


def test_each_row_names_the_groups_and_efforts_a_person_would_lose(client, setting):
    admin, organization, _person, _group = setting
    client.force_login(admin)
    page = client.get(reverse("members:organization-people", args=[organization.slug]))
    html = page.content.decode()
    assert "Strategy group" in html
    assert "Dairy campaign" in html
    assert "Removing them also ends" in html


def test_the_people_page_runs_the_same_queries_for_one_person_and_for_many(
    client, django_assert_num_queries
):
    admin, organization = org_admin()
    client.force_login(admin)
    url = reverse("members:organization-people", args=[organization.slug])

    def add_person(n):
        person = AffiliationFactory(organization=organization).user
        group = WorkingGroup.objects.create(name=f"Group {n}", is_open=False)
        GroupMembership.objects.create(group=group, user=person)
        builders.effort("members", None, person, name=f"Effort {n}", organization=organization)

    add_person(0)
    client.get(url)  # warm the session and the caches
    with django_assert_num_queries(11) as one:
        client.get(url)
    for n in range(1, 5):
        add_person(n)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)


def test_the_org_admin_ends_a_persons_group_memberships(client, setting):
    admin, organization, person, group = setting
    client.force_login(admin)
    response = client.post(_end_url(organization, person))
    assert response.status_code == 302
    assert not GroupMembership.objects.filter(user=person).exists()
    assert Affiliation.objects.filter(user=person, organization=organization).exists()


def test_an_admin_of_another_organization_cannot_end_someones_group_membership(client, setting):
    _admin, organization, person, _group = setting
    stranger, _theirs = org_admin()
    client.force_login(stranger)
    assert client.post(_end_url(organization, person)).status_code == 404
    assert GroupMembership.objects.filter(user=person).exists()


def test_a_plain_member_cannot_end_a_colleagues_group_membership(client, setting):
    _admin, organization, person, _group = setting
    colleague = AffiliationFactory(organization=organization).user
    client.force_login(colleague)
    assert client.post(_end_url(organization, person)).status_code == 404
    assert GroupMembership.objects.filter(user=person).exists()


def test_groups_held_through_another_member_organization_are_not_the_admins_to_end(client, setting):
    admin, organization, person, _group = setting
    AffiliationFactory(user=person, organization=ActiveOrganizationFactory())
    client.force_login(admin)
    response = client.post(_end_url(organization, person), follow=True)
    assert "another member organization" in response.content.decode()
    assert GroupMembership.objects.filter(user=person).exists()


def test_ending_group_memberships_needs_a_post(client, setting):
    admin, organization, person, _group = setting
    client.force_login(admin)
    assert client.get(_end_url(organization, person)).status_code == 405


def test_leaving_an_organization_oneself_ends_its_groups_and_passes_on_ones_efforts(
    client, setting
):
    admin, organization, person, _group = setting
    client.force_login(person)
    response = client.post(reverse("members:affiliation-leave", args=[organization.slug]))
    assert response.status_code == 302
    assert not Affiliation.objects.filter(user=person, organization=organization).exists()
    assert not GroupMembership.objects.filter(user=person).exists()
    assert organization.efforts_led.get().owner == admin


def test_the_last_admin_cannot_leave(client, setting):
    admin, organization, _person, _group = setting
    client.force_login(admin)
    response = client.post(
        reverse("members:affiliation-leave", args=[organization.slug]), follow=True
    )
    assert "at least one administrator" in response.content.decode()
    assert Affiliation.objects.filter(user=admin, organization=organization).exists()


def test_one_cannot_leave_an_organization_one_is_not_in(client, setting):
    _admin, organization, _person, _group = setting
    client.force_login(org_admin()[0])
    assert (
        client.post(reverse("members:affiliation-leave", args=[organization.slug])).status_code
        == 404
    )
