import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from wsr.members.models import Affiliation, Language

from .factories import PASSWORD, AffiliationFactory, sector

pytestmark = pytest.mark.django_db

PROFILE = {
    "first_name": "Ana",
    "last_name": "Ruiz",
    "display_name": "Ana R.",
    "preferred_language": "es",
    "country": "MX",
    "bio": "Organizer.",
    "expertise": "worker education, campaigns",
    "is_listed_in_directory": "on",
    "notify_by_email": "on",
    "time_zone": "America/Mexico_City",
}


def test_profile_pages_need_a_login(client):
    for name in (
        "members:profile",
        "members:data-export",
        "members:account-delete",
        "members:dashboard",
    ):
        response = client.get(reverse(name))
        assert response.status_code == 302, name


def test_person_edits_their_profile_and_preferences(client, public_user):
    client.force_login(public_user)
    languages = list(Language.objects.filter(code__in=["es", "mam"]).values_list("pk", flat=True))
    sectors = [sector("dairy").pk, sector("apparel").pk]
    response = client.post(
        reverse("members:profile"),
        {
            **PROFILE,
            "languages_spoken": languages,
            "interest_sectors": sectors,
            "interest_countries": ["BD", "US"],
        },
    )
    assert response.status_code == 302
    public_user.refresh_from_db()
    profile = public_user.profile
    assert public_user.first_name == "Ana"
    assert profile.preferred_language == "es"
    assert sorted(t.name for t in profile.expertise.all()) == ["campaigns", "worker education"]
    assert sorted(lang.code for lang in profile.languages_spoken.all()) == ["es", "mam"]
    assert sorted(s.slug for s in profile.interest_sectors.all()) == ["apparel", "dairy"]
    assert sorted(c.code for c in profile.interest_countries) == ["BD", "US"]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("time_zone", "Mars/Olympus", "Select a valid choice"),
        ("preferred_language", "xx", "Select a valid choice"),
        ("country", "ZZ", "Select a valid choice"),
    ],
)
def test_bad_profile_input_is_explained_and_nothing_changes(
    client, public_user, field, value, message
):
    client.force_login(public_user)
    response = client.post(reverse("members:profile"), {**PROFILE, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    public_user.refresh_from_db()
    assert public_user.first_name != "Ana"


def test_download_my_data_returns_everything_about_me(client, a_member):
    client.force_login(a_member)
    response = client.get(reverse("members:data-export"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == a_member.email
    assert data["affiliations"][0]["organization"] == a_member.affiliations.get().organization.name
    assert data["email_addresses"] == [{"email": a_member.email, "verified": True, "primary": True}]


def test_account_deletion_needs_the_password(client, a_member):
    client.force_login(a_member)
    response = client.post(
        reverse("members:account-delete"), {"password": "wrong", "confirm": "on"}
    )
    assert "The password is not correct." in response.content.decode()
    assert get_user_model().objects.filter(pk=a_member.pk).exists()


def test_account_deletion_removes_the_person_and_signs_out(client, a_member):
    client.force_login(a_member)
    response = client.post(
        reverse("members:account-delete"), {"password": PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=a_member.pk).exists()
    assert client.get(reverse("members:dashboard")).status_code == 302


def test_the_only_admin_of_an_organization_with_people_cannot_delete(client, admin_and_org):
    admin, organization = admin_and_org
    AffiliationFactory(organization=organization, role=Affiliation.Role.MEMBER)
    client.force_login(admin)
    response = client.post(
        reverse("members:account-delete"), {"password": PASSWORD, "confirm": "on"}
    )
    assert "You are the only administrator" in response.content.decode()
    assert get_user_model().objects.filter(pk=admin.pk).exists()


def test_dashboard_lists_my_organizations_and_pending_invitations(client, site_tree, admin_and_org):
    from .factories import InvitationFactory

    admin, organization = admin_and_org
    other = InvitationFactory(email=admin.email, organization__name="Dairy Alliance")
    client.force_login(admin)
    content = client.get(reverse("members:dashboard")).content.decode()
    assert organization.name in content
    assert other.organization.name in content
    assert reverse("members:organization-people", args=[organization.slug]) in content
