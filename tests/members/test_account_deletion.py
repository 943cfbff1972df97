import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from assistance.models import Case
from coordination.models import Effort, Opportunity
from tests.assistance.factories import case
from tests.coordination.builders import effort, opportunity

from .factories import PASSWORD, AffiliationFactory, StaffFactory, UserFactory, org_admin

pytestmark = pytest.mark.django_db

CONFIRM = {"password": PASSWORD, "confirm": "on"}


def exists(user) -> bool:
    return get_user_model().objects.filter(pk=user.pk).exists()


def test_a_person_who_started_an_effort_deletes_their_account_and_the_admin_takes_it_over(
    client,
):
    admin, organization = org_admin()
    person = AffiliationFactory(organization=organization).user
    started = effort("members", None, person, organization=organization)
    client.force_login(person)
    response = client.post(reverse("members:account-delete"), CONFIRM)
    assert response.status_code == 302
    assert not exists(person)
    assert Effort.objects.get(pk=started.pk).owner == admin


def test_what_a_person_owns_passes_to_staff_when_their_organization_has_no_other_admin(client):
    staff = StaffFactory()
    person = AffiliationFactory().user
    owned = opportunity("members", None, person)
    client.force_login(person)
    client.post(reverse("members:account-delete"), CONFIRM)
    assert not exists(person)
    assert Opportunity.objects.get(pk=owned.pk).owner == staff


def test_what_nobody_can_take_over_is_kept_under_a_former_member(client):
    person = AffiliationFactory().user
    owned = opportunity("members", None, person)
    client.force_login(person)
    client.post(reverse("members:account-delete"), CONFIRM)
    assert not exists(person)
    assert Opportunity.objects.get(pk=owned.pk).owner is None


def test_cases_a_person_requested_stay_with_their_organization(client):
    admin, organization = org_admin()
    person = AffiliationFactory(organization=organization, role="admin").user
    requested = case(requester=person, organization=organization)
    client.force_login(person)
    client.post(reverse("members:account-delete"), CONFIRM)
    assert not exists(person)
    kept = Case.objects.get(pk=requested.pk)
    assert kept.requester == admin
    assert kept.organization == organization
    assert any(admin.display_name in entry.text for entry in kept.timeline.all())


def test_the_summary_says_what_is_deleted_kept_and_handed_over_before_confirming(client):
    admin, organization = org_admin()
    person = AffiliationFactory(organization=organization).user
    effort("members", None, person, name="Harvest campaign", organization=organization)
    client.force_login(person)
    content = client.get(reverse("members:account-delete")).content.decode()
    assert "Harvest campaign" in content
    assert admin.display_name in content
    assert "Will be deleted" in content
    assert "Handed over" in content
    assert exists(person)


def test_the_only_admin_is_told_to_hand_the_organization_over_and_nothing_is_deleted(client):
    admin, organization = org_admin()
    started = effort("members", None, admin, organization=organization)
    client.force_login(admin)
    page = client.get(reverse("members:account-delete")).content.decode()
    people_url = reverse("members:organization-people", args=[organization.slug])
    assert people_url in page
    response = client.post(reverse("members:account-delete"), CONFIRM)
    assert response.status_code == 200
    assert people_url in response.content.decode()
    assert exists(admin)
    assert Effort.objects.get(pk=started.pk).owner == admin


def test_a_get_request_never_deletes_the_account(client):
    person = AffiliationFactory().user
    client.force_login(person)
    assert client.get(reverse("members:account-delete"), CONFIRM).status_code == 200
    assert exists(person)


def test_signing_in_as_one_person_deletes_only_that_persons_account(client):
    person, other = AffiliationFactory().user, UserFactory()
    client.force_login(person)
    client.post(reverse("members:account-delete"), {**CONFIRM, "user": other.pk})
    assert not exists(person)
    assert exists(other)


def test_an_anonymous_visitor_cannot_delete_any_account(client):
    person = AffiliationFactory().user
    response = client.post(reverse("members:account-delete"), CONFIRM)
    assert response.status_code == 302
    assert exists(person)


def test_a_deleted_requester_leaves_no_name_or_address_in_the_cases_history(client):
    admin, organization = org_admin()
    person = AffiliationFactory(organization=organization, role="admin").user
    requested = case(requester=person, organization=organization)
    name, email = requested.contact_name, requested.contact_email
    assert requested.history.filter(contact_email__iexact=email).exists()
    client.force_login(person)
    client.post(reverse("members:account-delete"), CONFIRM)
    history = Case.objects.get(pk=requested.pk).history.all()
    assert not history.filter(contact_email__iexact=email).exists()
    assert not history.filter(contact_name=name).exists()
