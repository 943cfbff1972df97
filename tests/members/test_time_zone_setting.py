"""A person's time zone (issue 17): chosen from the zone database's list on the profile,
detected by the browser on sign-up, and old free-text values normalized."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from wsr.members.models import Profile

from .factories import PASSWORD, UserFactory
from .test_profile_and_data import PROFILE

pytestmark = pytest.mark.django_db

migration = importlib.import_module("wsr.members.migrations.0012_profile_time_zone_normalized")


def test_the_profile_page_offers_the_zones_grouped_by_region(client, public_user):
    client.force_login(public_user)
    page = client.get(reverse("members:profile")).content.decode()
    assert '<select name="time_zone"' in page
    assert '<optgroup label="America">' in page
    assert '<option value="Asia/Kolkata">Kolkata</option>' in page
    assert '<option value="UTC" selected>UTC</option>' in page


def test_the_profile_form_accepts_a_listed_zone(client, public_user):
    client.force_login(public_user)
    response = client.post(reverse("members:profile"), {**PROFILE, "time_zone": "Asia/Kolkata"})
    assert response.status_code == 302
    public_user.profile.refresh_from_db()
    assert public_user.profile.time_zone == "Asia/Kolkata"


@pytest.mark.parametrize("value", ["Mars/Olympus_Mons", "", "localtime", "Factory"])
def test_the_profile_form_refuses_a_zone_not_in_the_list(client, public_user, value):
    client.force_login(public_user)
    response = client.post(reverse("members:profile"), {**PROFILE, "time_zone": value})
    assert response.status_code == 200
    assert "time_zone_errors" in response.content.decode()
    public_user.profile.refresh_from_db()
    assert public_user.profile.time_zone == "UTC"


def test_an_old_alias_stays_valid_and_keeps_its_spelling(client, public_user):
    client.force_login(public_user)
    response = client.post(reverse("members:profile"), {**PROFILE, "time_zone": "asia/calcutta"})
    assert response.status_code == 302
    public_user.profile.refresh_from_db()
    assert public_user.profile.time_zone == "Asia/Calcutta"


def test_the_model_refuses_a_misspelt_zone():
    profile = UserFactory().profile
    profile.time_zone = "america/new_york"
    with pytest.raises(ValidationError):
        profile.full_clean()


def _sign_up(client, **extra):
    client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD, **extra},
    )
    return get_user_model().objects.get(email="new@example.org").profile


def test_sign_up_keeps_the_zone_the_browser_detected(client, site_tree):
    page = client.get(reverse("account_signup")).content.decode()
    assert 'type="hidden" name="time_zone" value="UTC"' in page
    assert "data-detect-time-zone" in page
    assert "js/timezone.js" in page
    assert _sign_up(client, time_zone="America/Los_Angeles").time_zone == "America/Los_Angeles"


@pytest.mark.parametrize("sent", [None, "", "Nowhere/Atlantis", "x" * 300])
def test_sign_up_without_a_detected_zone_keeps_utc(client, site_tree, sent):
    extra = {} if sent is None else {"time_zone": sent}
    assert _sign_up(client, **extra).time_zone == "UTC"


def test_the_migration_normalizes_free_text_zones():
    people = {value: UserFactory().profile for value in ("america/new_york", " Europe/Madrid ")}
    people["Eastern time"] = UserFactory().profile
    people["UTC"] = UserFactory().profile
    for value, profile in people.items():
        Profile.objects.filter(pk=profile.pk).update(time_zone=value)
    migration.normalize_time_zones(apps, None)
    migration.normalize_time_zones(apps, None)  # idempotent
    found = {value: Profile.objects.get(pk=p.pk).time_zone for value, p in people.items()}
    assert found == {
        "america/new_york": "America/New_York",
        " Europe/Madrid ": "Europe/Madrid",
        "Eastern time": "UTC",
        "UTC": "UTC",
    }


def test_a_stored_alias_is_shown_selected_so_saving_the_form_keeps_it(client, public_user):
    public_user.profile.time_zone = "US/Eastern"
    public_user.profile.save()
    client.force_login(public_user)
    page = client.get(reverse("members:profile")).content.decode()
    assert '<option value="US/Eastern" selected>US/Eastern</option>' in page
    settings_page = client.get("/notifications/settings/").content.decode()
    assert '<option value="US/Eastern" selected>US/Eastern</option>' in settings_page
