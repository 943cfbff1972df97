"""Every members URL, walked as each role: who sees it, who gets a redirect, 403 or 404."""

import pytest
from django.urls import reverse

from wsr.members.models import Affiliation, Membership

from .factories import (
    AffiliationFactory,
    InvitationFactory,
    OrganizationFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LOGIN = "login"  # sent to sign in


@pytest.fixture
def world(site_tree):
    organization = OrganizationFactory(membership_status=Membership.Status.ACTIVE)
    applicant_org = OrganizationFactory(membership_status=Membership.Status.APPLICANT)
    admin = AffiliationFactory(organization=organization, role=Affiliation.Role.ADMIN)
    plain = AffiliationFactory(organization=organization, role=Affiliation.Role.MEMBER)
    other_admin = AffiliationFactory(role=Affiliation.Role.ADMIN)
    invitation = InvitationFactory(organization=organization)
    return {
        "users": {
            "anonymous": None,
            "public": UserFactory(),
            "member": plain.user,
            "org_admin": admin.user,
            "other_org_admin": other_admin.user,
            "staff": StaffFactory(),
        },
        "organization": organization,
        "applicant_org": applicant_org,
        "affiliation": plain,
        "invitation": invitation,
    }


def _urls(world):
    slug = world["organization"].slug
    return {
        "dashboard": reverse("members:dashboard"),
        "directory": reverse("members:directory"),
        "profile": reverse("members:profile"),
        "export": reverse("members:data-export"),
        "delete": reverse("members:account-delete"),
        "apply": reverse("members:membership-apply"),
        "org_list": reverse("members:organization-list"),
        "org_detail": reverse("members:organization-detail", args=[slug]),
        "applicant_detail": world["applicant_org"].get_absolute_url(),
        "org_edit": reverse("members:organization-edit", args=[slug]),
        "org_people": reverse("members:organization-people", args=[slug]),
    }


# url name -> expected GET status per role
EXPECTED = {
    "dashboard": {"anonymous": LOGIN},
    "directory": {"anonymous": LOGIN, "public": 403},
    "profile": {"anonymous": LOGIN},
    "export": {"anonymous": LOGIN},
    "delete": {"anonymous": LOGIN},
    "apply": {"anonymous": LOGIN},
    "org_list": {},
    "org_detail": {},
    "applicant_detail": {
        "anonymous": 404,
        "public": 404,
        "member": 404,
        "org_admin": 404,
        "other_org_admin": 404,
    },
    "org_edit": {"anonymous": LOGIN, "public": 404, "member": 404, "other_org_admin": 404},
    "org_people": {"anonymous": LOGIN, "public": 404, "member": 404, "other_org_admin": 404},
}
ROLES = ["anonymous", "public", "member", "org_admin", "other_org_admin", "staff"]


@pytest.mark.parametrize("role", ROLES)
def test_every_members_page_answers_each_role_as_designed(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    for name, url in _urls(world).items():
        expected = EXPECTED[name].get(role, 200)
        response = client.get(url)
        if expected == LOGIN:
            assert response.status_code == 302, (name, role)
            assert reverse("account_login") in response["Location"], (name, role)
        else:
            assert response.status_code == expected, (name, role, response.status_code)


@pytest.mark.parametrize("role", ["anonymous", "public", "member", "other_org_admin"])
def test_people_management_posts_change_nothing_for_outsiders(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    slug = world["organization"].slug
    affiliation, invitation = world["affiliation"], world["invitation"]
    posts = [
        reverse("members:affiliation-remove", args=[slug, affiliation.pk]),
        reverse("members:affiliation-role", args=[slug, affiliation.pk]),
        reverse("members:invitation-revoke", args=[slug, invitation.pk]),
    ]
    for url in posts:
        response = client.post(url, {"role": "admin"})
        assert response.status_code in (302, 404), url
        if response.status_code == 302:
            assert reverse("account_login") in response["Location"]
    affiliation.refresh_from_db()
    invitation.refresh_from_db()
    assert affiliation.role == Affiliation.Role.MEMBER
    assert invitation.revoked_at is None


def test_a_bad_role_value_is_refused_with_a_message(client, world):
    client.force_login(world["users"]["org_admin"])
    slug = world["organization"].slug
    affiliation = world["affiliation"]
    response = client.post(
        reverse("members:affiliation-role", args=[slug, affiliation.pk]),
        {"role": "owner"},
        follow=True,
    )
    assert "Choose a valid role." in response.content.decode()
    affiliation.refresh_from_db()
    assert affiliation.role == Affiliation.Role.MEMBER


def test_people_management_only_accepts_post(client, world):
    client.force_login(world["users"]["org_admin"])
    slug = world["organization"].slug
    url = reverse("members:affiliation-remove", args=[slug, world["affiliation"].pk])
    assert client.get(url).status_code == 405
