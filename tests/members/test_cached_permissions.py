"""Model permissions come from the cache (issue 22): the base template's userbar asked every
signed-in reader for them with two queries. Answers stay Django's, and change at once."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.members.factories import UserFactory

pytestmark = pytest.mark.django_db

ACCESS_ADMIN = "wagtailadmin.access_admin"


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def admin_access():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def test_a_second_request_asks_no_permission_query():
    person = UserFactory()
    assert not fresh(person).has_perm(ACCESS_ADMIN)
    again = fresh(person)
    with CaptureQueriesContext(connection) as queries:
        assert not again.has_perm(ACCESS_ADMIN)
        assert again.get_all_permissions() == set()
    assert len(queries) == 0


def test_joining_a_group_with_admin_access_counts_at_once():
    person = UserFactory()
    editors = Group.objects.create(name="Test editors")
    editors.permissions.add(admin_access())
    assert not fresh(person).has_perm(ACCESS_ADMIN)
    person.groups.add(editors)
    assert fresh(person).has_perm(ACCESS_ADMIN)
    person.groups.remove(editors)
    assert not fresh(person).has_perm(ACCESS_ADMIN)


def test_a_groups_permissions_and_a_persons_own_count_at_once():
    person = UserFactory()
    editors = Group.objects.create(name="Test editors")
    person.groups.add(editors)
    assert not fresh(person).has_perm(ACCESS_ADMIN)
    editors.permissions.add(admin_access())
    assert fresh(person).has_perm(ACCESS_ADMIN)
    editors.delete()
    assert not fresh(person).has_perm(ACCESS_ADMIN)
    person.user_permissions.add(admin_access())
    assert fresh(person).has_perm(ACCESS_ADMIN)
    person.user_permissions.clear()
    assert not fresh(person).has_perm(ACCESS_ADMIN)


def test_inactive_people_and_superusers_answer_as_before():
    person = UserFactory(is_superuser=True)
    assert fresh(person).has_perm(ACCESS_ADMIN)
    assert ACCESS_ADMIN in fresh(person).get_all_permissions()
    person.is_active = False
    person.save()
    assert not fresh(person).has_perm(ACCESS_ADMIN)
    assert fresh(person).get_all_permissions() == set()


def test_an_editor_without_the_staff_flag_still_sees_the_userbar_and_a_member_does_not(client):
    editor, member = UserFactory(), UserFactory()
    editors = Group.objects.create(name="Test editors")
    editors.permissions.add(admin_access())
    editor.groups.add(editors)
    client.force_login(member)
    client.get("/nonexistent/")
    assert "wagtail-userbar" not in client.get("/nonexistent/").content.decode()
    client.force_login(editor)
    client.get("/nonexistent/")
    assert "wagtail-userbar" in client.get("/nonexistent/").content.decode()


def test_a_deactivated_account_or_a_removed_group_loses_access_at_once():
    person = UserFactory()
    editors = Group.objects.create(name="Test editors")
    editors.permissions.add(admin_access())
    person.groups.add(editors)
    assert fresh(person).has_perm(ACCESS_ADMIN)
    type(person).objects.filter(pk=person.pk).update(is_active=False)  # no signal
    assert not fresh(person).has_perm(ACCESS_ADMIN)
    type(person).objects.filter(pk=person.pk).update(is_active=True)
    assert fresh(person).has_perm(ACCESS_ADMIN)
    editors.user_set.remove(person)  # from the group's side
    assert not fresh(person).has_perm(ACCESS_ADMIN)


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_without_a_cache_permissions_are_asked_of_the_database():
    person = UserFactory()
    assert not fresh(person).has_perm(ACCESS_ADMIN)
    person.user_permissions.add(admin_access())
    assert fresh(person).has_perm(ACCESS_ADMIN)


def test_what_no_signal_reports_is_bounded_by_a_short_timeout():
    """Review of issue 22: a through table's row deleted as a model (a script, the shell)
    sends neither m2m_changed nor post_delete (Django skips signals for auto-created
    models); the cached answer then lasts at most the timeout, which is short."""
    from django.core.cache import cache

    from wsr.members import role_cache

    person = UserFactory()
    editors = Group.objects.create(name="Test editors")
    editors.permissions.add(admin_access())
    person.groups.add(editors)
    assert fresh(person).has_perm(ACCESS_ADMIN)
    type(person).groups.through.objects.filter(user=person).delete()
    assert role_cache.TIMEOUT <= 5 * 60
    cache.clear()  # (what the timeout does)
    assert not fresh(person).has_perm(ACCESS_ADMIN)
