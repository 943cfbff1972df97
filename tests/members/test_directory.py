import pytest
from django.urls import reverse

from wsr.members.models import Language, Membership

from .factories import AffiliationFactory, OrganizationFactory, UserFactory, member

pytestmark = pytest.mark.django_db
URL = reverse("members:directory")


def _listed(name, organization=None, **profile_fields):
    user = member(**({"organization": organization} if organization else {}))
    profile = user.profile
    profile.display_name = name
    profile.is_listed_in_directory = True
    for field, value in profile_fields.items():
        setattr(profile, field, value)
    profile.save()
    return user


def test_public_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_signed_in_non_member_gets_403(client, public_user):
    client.force_login(public_user)
    response = client.get(URL)
    assert response.status_code == 403
    assert "people of member organizations" in response.content.decode()


def test_applicant_organization_people_are_not_members(client):
    applicant = AffiliationFactory(
        organization=OrganizationFactory(membership_status=Membership.Status.APPLICANT)
    ).user
    client.force_login(applicant)
    assert client.get(URL).status_code == 403


def test_member_sees_listed_members_only(client, a_member):
    _listed("Visible Person")
    _listed("Hidden Person", is_listed_in_directory=False)
    lapsed = AffiliationFactory(
        organization=OrganizationFactory(membership_status=Membership.Status.LAPSED)
    ).user
    lapsed.profile.display_name = "Lapsed Person"
    lapsed.profile.save()
    client.force_login(a_member)
    content = client.get(URL).content.decode()
    assert "Visible Person" in content
    assert "Hidden Person" not in content
    assert "Lapsed Person" not in content


def test_staff_see_the_directory(client, staff):
    _listed("Visible Person")
    client.force_login(staff)
    assert "Visible Person" in client.get(URL).content.decode()


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"q": "nazma"}, "Nazma Akter"),
        ({"organization": "consortium"}, "Nazma Akter"),
        ({"expertise": "complaint"}, "Nazma Akter"),
        ({"language": "bn"}, "Nazma Akter"),
        ({"country": "BD"}, "Nazma Akter"),
    ],
)
def test_directory_search_finds_by_each_field(client, a_member, query, expected):
    from .factories import ActiveOrganizationFactory

    wrc = ActiveOrganizationFactory(name="Worker Rights Consortium")
    nazma = _listed("Nazma Akter", organization=wrc, country="BD")
    nazma.profile.languages_spoken.set(Language.objects.filter(code="bn"))
    nazma.profile.expertise.set(["complaint mechanisms"])
    _listed("Other Person", country="US")
    client.force_login(a_member)
    content = client.get(URL, query).content.decode()
    assert expected in content
    assert "Other Person" not in content


def test_bad_filter_value_is_reported_not_crashed(client, a_member):
    client.force_login(a_member)
    response = client.get(URL, {"language": "klingon"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_directory_runs_a_constant_number_of_queries(client, a_member, django_assert_num_queries):
    client.force_login(a_member)

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            assert client.get(URL).status_code == 200
        return len(context.captured_queries)

    _listed("First Person").profile.languages_spoken.set(Language.objects.filter(code="en"))
    count_queries()  # the site's navigation and footer are cached from the first page on
    few = count_queries()  # one row
    for n in range(15):
        person = _listed(f"Person {n}")
        person.profile.languages_spoken.set(Language.objects.filter(code__in=["en", "es"]))
        person.profile.expertise.set([f"topic {n}", "organizing"])
    assert few == 8  # pinned (issue 18: 12); issue 22 keeps permissions, membership, bell
    count_queries()  # the new affiliations replaced the membership kept per person
    with django_assert_num_queries(few):
        client.get(URL)


def test_a_user_without_profile_listing_is_absent_even_when_searched(client, a_member):
    user = UserFactory()
    user.profile.display_name = "No Org Person"
    user.profile.save()
    client.force_login(a_member)
    assert "No Org Person" not in client.get(URL, {"q": "No Org"}).content.decode()


def test_people_are_unlisted_and_emails_hidden_until_they_opt_in(client, a_member):
    quiet = member()
    quiet.profile.display_name = "Quiet Person"
    quiet.profile.save()
    listed = _listed("Listed Person")
    shared = _listed("Sharing Person", show_email_in_directory=True)
    client.force_login(a_member)
    content = client.get(URL).content.decode()
    assert "Quiet Person" not in content
    assert "Listed Person" in content and listed.email not in content
    assert shared.email in content
