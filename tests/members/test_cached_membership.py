"""Whether someone is a member comes from the cache (issue 22), and changes at once."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from wsr.members import roles
from wsr.members.models import Affiliation, Membership

from .factories import AffiliationFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_a_second_request_asks_no_membership_query():
    person = AffiliationFactory().user
    assert roles.is_member(fresh(person))
    again = fresh(person)
    with CaptureQueriesContext(connection) as queries:
        assert roles.is_member(again)
    assert len(queries) == 0


def test_a_lapsed_membership_ends_membership_at_once():
    affiliation = AffiliationFactory()
    person = affiliation.user
    assert roles.is_member(fresh(person))
    membership = Membership.objects.get(organization=affiliation.organization)
    membership.status = Membership.Status.LAPSED
    membership.save()
    assert not roles.is_member(fresh(person))


def test_joining_or_leaving_an_active_organization_counts_at_once():
    person = UserFactory()
    assert not roles.is_member(fresh(person))
    affiliation = AffiliationFactory(user=person)
    assert roles.is_member(fresh(person))
    affiliation.delete()
    assert not roles.is_member(fresh(person))


def test_an_organization_becoming_active_or_deleted_counts_at_once():
    organization = OrganizationFactory(membership_status=Membership.Status.APPLICANT)
    person = AffiliationFactory(organization=organization).user
    assert not roles.is_member(fresh(person))
    membership = Membership.objects.get(organization=organization)
    membership.status = Membership.Status.ACTIVE
    membership.save()
    assert roles.is_member(fresh(person))
    organization.delete()
    assert not roles.is_member(fresh(person))


def test_one_persons_answer_is_never_anothers():
    member = AffiliationFactory().user
    other = UserFactory()
    assert roles.is_member(fresh(member))
    assert not roles.is_member(fresh(other))
    assert roles.is_member(fresh(member))


def test_a_membership_lapsed_by_a_bulk_write_ends_membership_at_once():
    affiliation = AffiliationFactory()
    person = affiliation.user
    assert roles.is_member(fresh(person))
    Membership.objects.filter(organization=affiliation.organization).update(
        status=Membership.Status.LAPSED
    )
    assert not roles.is_member(fresh(person))
    membership = Membership.objects.get(organization=affiliation.organization)
    membership.status = Membership.Status.ACTIVE
    Membership.objects.bulk_update([membership], ["status"])
    assert roles.is_member(fresh(person))
    Affiliation.objects.filter(pk=affiliation.pk).delete()
    assert not roles.is_member(fresh(person))


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_without_a_cache_every_answer_is_asked_of_the_database():
    affiliation = AffiliationFactory()
    assert roles.is_member(fresh(affiliation.user))
    Membership.objects.filter(organization=affiliation.organization).update(
        status=Membership.Status.LAPSED
    )
    assert not roles.is_member(fresh(affiliation.user))
