import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wsr.members.models import Affiliation, Membership

from .factories import AffiliationFactory, OrganizationFactory, member

pytestmark = pytest.mark.django_db


def test_active_member_profiles_are_public(client):
    organization = OrganizationFactory(
        name="Fair Food Council", membership_status=Membership.Status.ACTIVE
    )
    assert client.get(organization.get_absolute_url()).status_code == 200
    assert "Fair Food Council" in client.get(reverse("members:organization-list")).content.decode()


@pytest.mark.parametrize("status", ["applicant", "declined", "lapsed", None])
def test_non_active_profiles_are_404_for_the_public_and_other_members(client, a_member, status):
    organization = OrganizationFactory(name="Hidden Org", membership_status=status)
    assert client.get(organization.get_absolute_url()).status_code == 404
    client.force_login(a_member)
    assert client.get(organization.get_absolute_url()).status_code == 404
    assert "Hidden Org" not in client.get(reverse("members:organization-list")).content.decode()


def test_applicant_organization_is_visible_to_its_people_and_staff(client, staff):
    organization = OrganizationFactory(membership_status=Membership.Status.APPLICANT)
    own = AffiliationFactory(organization=organization).user
    client.force_login(own)
    assert client.get(organization.get_absolute_url()).status_code == 200
    client.force_login(staff)
    assert client.get(organization.get_absolute_url()).status_code == 200


def test_people_are_listed_for_members_only(client, admin_and_org, public_user):
    admin, organization = admin_and_org
    admin.profile.display_name = "Ada Admin"
    admin.profile.is_listed_in_directory = True
    admin.profile.save()
    assert "Ada Admin" not in client.get(organization.get_absolute_url()).content.decode()
    client.force_login(public_user)
    assert "Ada Admin" not in client.get(organization.get_absolute_url()).content.decode()
    client.force_login(admin)
    assert "Ada Admin" in client.get(organization.get_absolute_url()).content.decode()


def test_admin_edits_the_profile(client, admin_and_org):
    admin, organization = admin_and_org
    client.force_login(admin)
    response = client.post(
        reverse("members:organization-edit", args=[organization.slug]),
        {
            "name": "Renamed Org",
            "kind": "ngo",
            "website": "https://renamed.example.org",
            "description": "New words",
            "countries": ["GT"],
        },
    )
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.name == "Renamed Org"
    assert [c.code for c in organization.countries] == ["GT"]


def test_a_logo_that_is_not_an_image_is_refused(client, admin_and_org):
    admin, organization = admin_and_org
    client.force_login(admin)
    fake = SimpleUploadedFile("logo.png", b"<?php echo 'not an image'; ?>", "image/png")
    response = client.post(
        reverse("members:organization-edit", args=[organization.slug]),
        {
            "name": "Renamed Org",
            "kind": "ngo",
            "logo": fake,
        },
    )
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    organization.refresh_from_db()
    assert organization.name != "Renamed Org"


@pytest.mark.parametrize("who", ["public", "member", "member_same_org"])
def test_only_admins_and_staff_edit_a_profile(client, admin_and_org, public_user, who):
    _admin, organization = admin_and_org
    users = {
        "public": public_user,
        "member": member(),
        "member_same_org": member(organization=organization),
    }
    client.force_login(users[who])
    url = reverse("members:organization-edit", args=[organization.slug])
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Hijacked", "kind": "ngo"}).status_code == 404
    organization.refresh_from_db()
    assert organization.name != "Hijacked"


def test_staff_may_edit_any_profile(client, staff, admin_and_org):
    _admin, organization = admin_and_org
    client.force_login(staff)
    assert (
        client.get(reverse("members:organization-edit", args=[organization.slug])).status_code
        == 200
    )


def test_admin_removes_a_member_and_changes_roles(client, admin_and_org):
    admin, organization = admin_and_org
    other = AffiliationFactory(organization=organization)
    client.force_login(admin)
    client.post(
        reverse("members:affiliation-role", args=[organization.slug, other.pk]), {"role": "admin"}
    )
    other.refresh_from_db()
    assert other.role == Affiliation.Role.ADMIN
    client.post(reverse("members:affiliation-remove", args=[organization.slug, other.pk]))
    assert not Affiliation.objects.filter(pk=other.pk).exists()


def test_the_last_admin_cannot_be_removed_or_demoted(client, admin_and_org):
    admin, organization = admin_and_org
    affiliation = Affiliation.objects.get(user=admin, organization=organization)
    client.force_login(admin)
    response = client.post(
        reverse("members:affiliation-remove", args=[organization.slug, affiliation.pk]),
        follow=True,
    )
    assert "at least one administrator" in response.content.decode()
    client.post(
        reverse("members:affiliation-role", args=[organization.slug, affiliation.pk]),
        {"role": "member"},
    )
    affiliation.refresh_from_db()
    assert affiliation.role == Affiliation.Role.ADMIN


def test_an_admin_cannot_touch_another_organizations_people(client, admin_and_org):
    admin, _organization = admin_and_org
    foreign = AffiliationFactory()
    client.force_login(admin)
    url = reverse("members:affiliation-remove", args=[foreign.organization.slug, foreign.pk])
    assert client.post(url).status_code == 404
    assert Affiliation.objects.filter(pk=foreign.pk).exists()
