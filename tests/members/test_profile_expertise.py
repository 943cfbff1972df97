"""Areas of expertise fit the tag's columns: a longer one, or too many, is a form error, never
a server error (issue 17: an area over 100 characters was a 500 on PostgreSQL)."""

import html

import pytest
from django.urls import reverse

from tests.members.test_profile_and_data import PROFILE
from wsr.members.models import ExpertiseTag

pytestmark = pytest.mark.django_db


def _post(client, expertise):
    return client.post(reverse("members:profile"), {**PROFILE, "expertise": expertise})


def test_an_area_longer_than_the_column_is_explained_and_nothing_is_saved(client, public_user):
    client.force_login(public_user)
    response = _post(client, "campaigns, " + "x" * 101)
    assert response.status_code == 200
    assert "at most 100 characters" in html.unescape(response.content.decode())
    assert not public_user.profile.expertise.exists()
    assert not ExpertiseTag.objects.filter(name__startswith="xxx").exists()


def test_an_area_of_exactly_the_column_is_saved(client, public_user):
    client.force_login(public_user)
    assert _post(client, "y" * 100).status_code == 302
    assert [t.name for t in public_user.profile.expertise.all()] == ["y" * 100]


def test_too_many_areas_are_explained(client, public_user):
    client.force_login(public_user)
    response = _post(client, ", ".join(f"area {n}" for n in range(21)))
    assert response.status_code == 200
    assert "at most 20 areas" in response.content.decode()
    assert not public_user.profile.expertise.exists()


def test_long_names_that_slugify_alike_keep_their_slugs_in_the_column():
    first = ExpertiseTag.objects.create(name="A" * 100)
    second = ExpertiseTag.objects.create(name="a" * 100)
    assert first.slug != second.slug
    assert max(len(first.slug), len(second.slug)) <= 100
