"""Organization names are unique whatever the case, accents and spaces; a rename close to
another organization's name waits for staff."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from wsr.members import services
from wsr.members.models import Organization, name_key

from .factories import ActiveOrganizationFactory, StaffFactory, UserFactory, org_admin

pytestmark = pytest.mark.django_db

EDIT = {"kind": "ngo", "website": "", "description": "", "countries": ["US"]}


def _rename(client, admin, organization, name):
    client.force_login(admin)
    return client.post(
        reverse("members:organization-edit", args=[organization.slug]), {**EDIT, "name": name}
    )


def test_the_name_key_ignores_case_accents_and_spaces():
    assert name_key("Worker Rights Consortium") == name_key("  worker rights   consórtium ")
    assert name_key("Worker Rights Consortium") != name_key("Worker Rights Council")


def test_the_database_refuses_two_organizations_with_the_same_name_key():
    Organization.objects.create(name="Worker Rights Consortium", kind="ngo")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(name="worker rights consórtium ", kind="ngo")


def test_an_org_admin_cannot_rename_to_another_organizations_name(client):
    ActiveOrganizationFactory(name="Worker Rights Consortium")
    admin, organization = org_admin()
    old_name = organization.name
    response = _rename(client, admin, organization, "worker rights consórtium ")
    assert response.status_code == 200
    assert "Another organization already has this name" in response.content.decode()
    organization.refresh_from_db()
    assert organization.name == old_name
    assert Organization.objects.filter(name__iexact="Worker Rights Consortium").count() == 1


def test_renaming_to_the_same_name_in_another_case_keeps_working(client):
    admin, organization = org_admin(ActiveOrganizationFactory(name="Dairy Alliance"))
    response = _rename(client, admin, organization, "DAIRY ALLIANCE")
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.name == "DAIRY ALLIANCE"
    assert organization.pending_name == ""


def test_a_distinct_new_name_is_saved_at_once(client):
    admin, organization = org_admin()
    _rename(client, admin, organization, "Fishers of the Gulf")
    organization.refresh_from_db()
    assert organization.name == "Fishers of the Gulf"


def test_a_rename_close_to_another_name_waits_for_staff(client, on_commit):
    ActiveOrganizationFactory(name="Worker Rights Consortium")
    staff = StaffFactory()
    admin, organization = org_admin()
    old_name = organization.name
    with on_commit():
        response = _rename(client, admin, organization, "Workers Rights Consortium")
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.name == old_name
    assert organization.pending_name == "Workers Rights Consortium"
    assert any(staff.email in message.to for message in mail.outbox)
    page = client.get(reverse("members:organization-edit", args=[organization.slug]))
    assert "waiting for staff" in page.content.decode()


def test_staff_approve_or_refuse_a_name_waiting_for_them():
    ActiveOrganizationFactory(name="Worker Rights Consortium")
    staff = StaffFactory()
    admin, organization = org_admin()
    old_name = organization.name
    services.organization_update(
        organization=organization,
        data={"name": "Workers Rights Consortium"},
        countries=["US"],
        actor=admin,
    )
    services.organization_name_refuse(organization=organization, decided_by=staff)
    organization.refresh_from_db()
    assert (organization.name, organization.pending_name) == (old_name, "")
    services.organization_update(
        organization=organization,
        data={"name": "Workers Rights Consortium"},
        countries=["US"],
        actor=admin,
    )
    services.organization_name_approve(organization=organization, decided_by=staff)
    organization.refresh_from_db()
    assert (organization.name, organization.pending_name) == ("Workers Rights Consortium", "")


def test_a_waiting_name_taken_meanwhile_cannot_be_approved():
    admin, organization = org_admin()
    Organization.objects.filter(pk=organization.pk).update(pending_name="Dairy Alliance")
    organization.refresh_from_db()
    ActiveOrganizationFactory(name="dairy alliance")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.organization_name_approve(organization=organization, decided_by=StaffFactory())


def test_an_application_under_a_registered_name_in_other_case_and_accents_is_refused(client):
    ActiveOrganizationFactory(name="Worker Rights Consortium")
    client.force_login(UserFactory())
    response = client.post(
        reverse("members:membership-apply"),
        {
            "name": "WORKER RIGHTS CONSÓRTIUM",
            "kind": "ngo",
            "statement_of_support": "We support every one of the seven principles, fully.",
            "agrees_to_principles": "on",
        },
    )
    assert "already registered" in response.content.decode()
    assert Organization.objects.count() == 1


def test_the_data_migration_fills_keys_and_renames_duplicates():
    first = ActiveOrganizationFactory(name="Worker Rights Consortium")
    second = ActiveOrganizationFactory(name="Other")
    # As before the constraint: one key not filled yet, one duplicate name under a stale key.
    Organization.objects.filter(pk=first.pk).update(name_key="")
    Organization.objects.filter(pk=second.pk).update(
        name="worker rights consórtium", name_key="stale"
    )
    migration = importlib.import_module("wsr.members.migrations.0007_fill_organization_name_keys")
    migration.fill_name_keys(django_apps, None)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.name_key == migration._name_key("Worker Rights Consortium")
    assert second.name == "worker rights consórtium (2)"
    assert second.name_key == migration._name_key("worker rights consórtium (2)")


def test_the_letters_only_migration_recomputes_keys_and_renames_look_alikes():
    first = ActiveOrganizationFactory(name="Migrant Justice")
    second = ActiveOrganizationFactory(name="Other")
    Organization.objects.filter(pk=second.pk).update(name="Migrant Justice.", name_key="old")
    migration = importlib.import_module(
        "wsr.members.migrations.0010_organization_name_keys_letters_only"
    )
    migration.refill_name_keys(django_apps, None)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.name_key == name_key("Migrant Justice") == "migrantjustice"
    assert second.name == "Migrant Justice. (2)"
    assert second.name_key == name_key("Migrant Justice. (2)")


@pytest.mark.parametrize(
    "look_alike",
    [
        "Migrant\u200bJustice",
        "Migrant Justice.",
        "Migrant-Justice",
        "MigrantJustice",
        "Ｍigrant Justice",
    ],
)
def test_invisible_characters_and_punctuation_make_no_look_alike_name(client, look_alike):
    ActiveOrganizationFactory(name="Migrant Justice")
    assert name_key(look_alike) == name_key("Migrant Justice")
    admin, organization = org_admin()
    response = _rename(client, admin, organization, look_alike)
    assert "Another organization already has this name." in response.content.decode()
    organization.refresh_from_db()
    assert organization.name != look_alike


def test_a_held_rename_says_so_at_once(client, on_commit):
    ActiveOrganizationFactory(name="Worker Rights Consortium")
    StaffFactory()
    admin, organization = org_admin()
    with on_commit():
        response = _rename(client, admin, organization, "Workers Rights Consortium")
    page = client.get(response["Location"]).content.decode()
    assert "waiting for staff" in page
    assert "The organization&#x27;s profile was saved." not in page
