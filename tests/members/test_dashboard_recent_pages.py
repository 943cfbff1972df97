"""The portal's "what is new" (issue 22): kept per audience, language and host under the
pages' generation; a publish shows at once and a members-only page never reaches a signed-in
reader outside the members' audience."""

import pytest
from django.urls import reverse

from tests.members.factories import UserFactory, member
from tests.repository.factories import repository_index, resource

pytestmark = pytest.mark.django_db


def _portal(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("members:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_publish_shows_at_once_although_the_list_is_kept(client, site_tree):
    index = repository_index(site_tree["en"])
    resource(index, "First toolkit")
    reader = member()
    assert "First toolkit" in _portal(client, reader)
    resource(index, "Second toolkit")
    assert "Second toolkit" in _portal(client, reader)


def test_a_members_list_kept_first_never_reaches_another_audience(client, site_tree):
    index = repository_index(site_tree["en"])
    resource(index, "Inside notes", audience="members")
    assert "Inside notes" in _portal(client, member())
    client.logout()
    assert "Inside notes" not in _portal(client, UserFactory())  # signed in, not a member
