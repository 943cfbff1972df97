"""The Editors and Approvers groups open in Wagtail's admin only what their role allows:
the articles they write, never the repository's staff-only or members-only resources, the
people, documents or the Django admin, and nothing without a second factor (issue 15)."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from promotion.services import APPROVERS, EDITORS
from tests.members.factories import TOTP_SECRET, UserFactory
from tests.promotion.builders import article
from tests.promotion.builders import index as publications_index
from tests.repository.factories import document, repository_index, resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_tree):
    listing, _es = publications_index(site_tree["en"])
    repository = repository_index(site_tree["en"])
    staff_file = document(title="Staff strategy memo", name="staff-memo.txt")
    return {
        "article": article(listing, "Why audits fail"),
        "repository": repository,
        "staff_resource": resource(
            repository, "Staff negotiation strategy", audience="staff", attachments=[staff_file]
        ),
        "members_resource": resource(repository, "Members playbook", audience="members"),
        "staff_file": staff_file,
    }


def _person_in(group_name, *, with_factor=True):
    person = UserFactory()
    person.groups.add(Group.objects.get(name=group_name))
    if with_factor:
        TOTP.activate(person, TOTP_SECRET)
    return person


@pytest.mark.parametrize("group_name", [EDITORS, APPROVERS])
def test_editorial_groups_open_their_articles_and_nothing_of_the_repository(
    client, world, group_name
):
    client.force_login(_person_in(group_name))
    assert client.get("/cms/").status_code == 200
    assert client.get(f"/cms/pages/{world['article'].pk}/edit/").status_code == 200
    for page in (world["staff_resource"], world["members_resource"], world["repository"]):
        response = client.get(f"/cms/pages/{page.pk}/edit/")
        assert response.status_code in (302, 403), page.title
    listing = client.get(f"/cms/pages/{world['repository'].pk}/")
    assert "Staff negotiation strategy" not in listing.content.decode()
    search = client.get("/cms/pages/search/?q=negotiation")
    assert "Staff negotiation strategy" not in search.content.decode()


@pytest.mark.parametrize("group_name", [EDITORS, APPROVERS])
def test_editorial_groups_reach_no_people_documents_or_django_admin(client, world, group_name):
    client.force_login(_person_in(group_name))
    for path in ["/cms/users/", "/cms/groups/", "/cms/settings/"]:
        response = client.get(path)
        assert response.status_code in (302, 403, 404), path
        assert "Staff strategy memo" not in response.content.decode()
    assert client.get("/django-admin/").status_code == 302
    assert client.get(world["staff_file"].url).status_code == 404


def test_only_approvers_are_offered_publishing(client, world):
    edit = f"/cms/pages/{world['article'].pk}/edit/"
    client.force_login(_person_in(EDITORS))
    assert 'name="action-publish"' not in client.get(edit).content.decode()
    client.force_login(_person_in(APPROVERS))
    assert 'name="action-publish"' in client.get(edit).content.decode()


def test_an_editor_cannot_delete_a_published_article(client, world):
    client.force_login(_person_in(EDITORS))
    page = world["article"]
    response = client.post(f"/cms/pages/{page.pk}/delete/")
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.live


def test_editors_upload_documents_only_to_the_publications_collection(client, world):
    from wagtail.documents import get_document_model
    from wagtail.models import Collection
    from wagtail.permissions import policy_registry

    editor = _person_in(EDITORS)
    client.force_login(editor)
    response = client.get("/cms/documents/")
    assert response.status_code == 200
    assert "Staff strategy memo" not in response.content.decode()
    assert client.get("/cms/documents/add/").status_code == 200
    policy = policy_registry.get_by_type(get_document_model())
    allowed = policy.collections_user_has_permission_for(editor, "add")
    assert [c.name for c in allowed] == ["Publications"]
    assert Collection.get_first_root_node() not in allowed


def test_the_editorial_groups_migration_narrows_wagtails_defaults(world):
    from importlib import import_module

    from django.apps import apps
    from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

    editors = Group.objects.get(name=EDITORS)
    root = Page.get_first_root_node()
    GroupPagePermission.objects.create(
        group=editors, page=root, permission_id=_permission("wagtailcore", "change_page")
    )
    import_module("promotion.migrations.0003_editorial_groups_narrowed").narrow(apps, None)
    assert not GroupPagePermission.objects.filter(group=editors, page=root).exists()
    collections = set(
        GroupCollectionPermission.objects.filter(
            group=editors, permission__content_type__app_label="wagtaildocs"
        ).values_list("collection__name", flat=True)
    )
    assert collections == {"Publications"}


def _permission(app_label, codename):
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label=app_label, codename=codename).pk


@pytest.mark.parametrize("group_name", [EDITORS, APPROVERS])
def test_editorial_groups_need_a_second_factor(client, world, group_name):
    client.force_login(_person_in(group_name, with_factor=False))
    response = client.get("/cms/")
    assert response.status_code == 302
    assert "/2fa/" in response["Location"]


def test_a_signed_in_person_without_admin_access_is_told_no_not_sent_round_in_circles(client):
    """Found by the journeys' review of issue 22: Wagtail sent a member to the sign-in page,
    which sent them back to /cms/ (they are signed in): ERR_TOO_MANY_REDIRECTS."""
    assert client.get("/cms/").status_code == 302  # anonymous: to the sign-in page
    member = UserFactory()
    client.force_login(member)
    for path in ("/cms/", "/cms/pages/", "/cms/documents/"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "no access to the site" in response.content.decode()
    assert client.get("/cms/login/").status_code in (200, 302)
