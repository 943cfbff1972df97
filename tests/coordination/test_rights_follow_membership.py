"""Rights follow membership: what a person had through an organization (working groups,
members' and groups' efforts and opportunities, the efforts they ran) ends when they leave
or are removed, when the organization's membership lapses or is declined, and when staff
deactivate the account, with nobody cleaning up by hand."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from coordination import services
from coordination.models import Effort, GroupMembership, Post, WorkingGroup
from tests.coordination import builders
from tests.members.factories import (
    ActiveOrganizationFactory,
    AffiliationFactory,
    StaffFactory,
    org_admin,
)
from wsr.members import services as member_services
from wsr.members.models import Affiliation, Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    admin, organization = org_admin()
    person = AffiliationFactory(organization=organization).user
    group = WorkingGroup.objects.create(name="Strategy group", is_open=False)
    GroupMembership.objects.create(group=group, user=person)
    thread = services.thread_create(group=group, author=person, title="Plan", body="First")
    return {
        "admin": admin,
        "organization": organization,
        "person": person,
        "group": group,
        "thread": thread,
        "group_effort": builders.effort("group", group, admin, name="GROUP-EFFORT"),
        "members_effort": builders.effort("members", None, admin, name="MEMBERS-EFFORT"),
        "group_opportunity": builders.opportunity("group", group, admin, title="GROUP-OPP"),
        "members_opportunity": builders.opportunity("members", None, admin, title="MEMBERS-OPP"),
    }


def _remove(client, world):
    affiliation = Affiliation.objects.get(user=world["person"], organization=world["organization"])
    client.force_login(world["admin"])
    response = client.post(
        reverse(
            "members:affiliation-remove",
            kwargs={"slug": world["organization"].slug, "pk": affiliation.pk},
        )
    )
    assert response.status_code == 302
    client.force_login(world["person"])


def _closed_to_the_person(client, world):
    thread = world["thread"]
    for url in (
        thread.get_absolute_url(),
        world["group"].get_absolute_url(),
        world["group_effort"].get_absolute_url(),
        world["members_effort"].get_absolute_url(),
        world["group_opportunity"].get_absolute_url(),
        world["members_opportunity"].get_absolute_url(),
    ):
        assert client.get(url).status_code == 404, url


def test_a_removed_person_can_no_longer_read_or_reply_in_the_groups_threads(client, world):
    _remove(client, world)
    thread = world["thread"]
    assert client.get(thread.get_absolute_url()).status_code == 404
    response = client.post(
        reverse("coordination:post-create", kwargs={"slug": world["group"].slug, "pk": thread.pk}),
        {"body": "Still here"},
    )
    assert response.status_code == 404
    assert not Post.objects.filter(body="Still here").exists()


def test_removal_ends_the_persons_working_group_memberships(client, world):
    _remove(client, world)
    assert not GroupMembership.objects.filter(user=world["person"]).exists()


def test_a_removed_person_no_longer_opens_members_and_group_efforts_or_opportunities(client, world):
    _remove(client, world)
    _closed_to_the_person(client, world)


def test_a_group_membership_left_behind_gives_nothing_to_someone_no_longer_a_member(client, world):
    # A lapse set by hand (the Django admin, the shell) skips the services: the
    # predicates themselves must refuse.
    Membership.objects.filter(organization=world["organization"]).update(
        status=Membership.Status.LAPSED
    )
    assert GroupMembership.objects.filter(user=world["person"]).exists()
    client.force_login(world["person"])
    _closed_to_the_person(client, world)
    # As a new request would: the person loaded afresh, no membership answer cached.
    person = type(world["person"]).objects.get(pk=world["person"].pk)
    with pytest.raises(PermissionDenied):
        services.post_create(thread=world["thread"], author=person, body="Hello")
    assert not Post.objects.filter(body="Hello").exists()


def test_a_person_still_in_another_member_organization_keeps_their_groups(client, world):
    AffiliationFactory(user=world["person"], organization=ActiveOrganizationFactory())
    _remove(client, world)
    assert GroupMembership.objects.filter(user=world["person"]).exists()
    assert client.get(world["thread"].get_absolute_url()).status_code == 200


@pytest.mark.parametrize("service", ["membership_lapse", "membership_decline"])
def test_a_lapsed_or_declined_membership_ends_its_peoples_groups(world, service):
    membership = world["organization"].membership
    if service == "membership_decline":
        Membership.objects.filter(pk=membership.pk).update(status=Membership.Status.APPLICANT)
        membership.refresh_from_db()
    getattr(member_services, service)(membership=membership, decided_by=StaffFactory())
    assert not GroupMembership.objects.filter(user=world["person"]).exists()


def test_deactivating_an_account_ends_its_group_memberships(world):
    person = world["person"]
    person.is_active = False
    person.save()
    assert not GroupMembership.objects.filter(user=person).exists()


def test_efforts_a_removed_person_ran_for_the_organization_pass_to_the_admin(client, world):
    effort = builders.effort(
        "public", None, world["person"], name="THEIRS", organization=world["organization"]
    )
    _remove(client, world)
    effort.refresh_from_db()
    assert effort.owner == world["admin"]


def test_a_former_owner_can_no_longer_change_or_post_to_a_public_effort(client, world):
    # Another organization leads it, so the owner keeps the record but not the rights.
    effort = builders.effort("public", None, world["person"], name="OLD")
    _remove(client, world)
    assert Effort.objects.get(pk=effort.pk).owner == world["person"]
    response = client.post(
        reverse("coordination:update-create", kwargs={"slug": effort.slug}), {"body": "Mine"}
    )
    assert response.status_code in (400, 403)
    assert not effort.updates.exists()
