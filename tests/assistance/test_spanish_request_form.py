"""The request for assistance made on a Spanish page asks for Spanish by default (issue 17)."""

import re

import pytest

from tests.members.factories import AffiliationFactory

pytestmark = pytest.mark.django_db


def _chosen_language(response) -> str:
    select = response.content.decode().split('name="preferred_language"', 1)[1]
    select = select.split("</select>", 1)[0]
    return re.search(r'<option value="(\w+)"[^>]*selected', select).group(1)


def test_the_spanish_form_defaults_to_spanish(client):
    assert _chosen_language(client.get("/es/assistance/request/")) == "es"


def test_the_english_form_defaults_to_english(client):
    assert _chosen_language(client.get("/assistance/request/")) == "en"


def test_a_signed_in_person_on_the_spanish_page_gets_spanish_too(client):
    user = AffiliationFactory().user
    user.profile.preferred_language = "en"
    user.profile.save()
    client.force_login(user)
    assert _chosen_language(client.get("/es/assistance/request/")) == "es"


def test_on_the_english_page_a_persons_own_preference_is_kept(client):
    user = AffiliationFactory().user
    user.profile.preferred_language = "es"
    user.profile.save()
    client.force_login(user)
    assert _chosen_language(client.get("/assistance/request/")) == "es"
