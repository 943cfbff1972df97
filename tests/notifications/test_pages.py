"""The settings page and the staff previews."""

import pytest

from notifications import previews, services
from notifications.models import DigestSchedule
from tests.members.factories import StaffFactory, member

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {f"kind_{key}": mode for key, mode in services.modes_of(member()).items()}
    data.update(daily_hour="7", weekly_day="0", weekly_hour="7", time_zone="UTC", language="en")
    data.update(overrides)
    return data


def test_a_person_changes_kinds_times_zone_and_language(client):
    person = member()
    client.force_login(person)
    page = client.get("/notifications/settings/")
    assert page.status_code == 200 and "New resources" in page.content.decode()
    response = client.post(
        "/notifications/settings/",
        form_data(
            kind_resource_published="daily",
            kind_group_mention="never",
            daily_hour="18",
            weekly_day="4",
            time_zone="America/Mexico_City",
            language="es",
            filter_resource_published__kinds=["toolkit"],
        ),
    )
    assert response.status_code == 302
    modes = services.modes_of(person)
    assert modes["resource_published"] == "daily" and modes["group_mention"] == "never"
    schedule = DigestSchedule.objects.get(user=person)
    assert (schedule.daily_hour, schedule.weekly_day) == (18, 4)
    assert schedule.section_filters == {"resource_published": {"kinds": ["toolkit"]}}
    person.profile.refresh_from_db()
    assert person.profile.time_zone == "America/Mexico_City"
    assert person.profile.preferred_language == "es"


def test_bad_input_is_explained_and_nothing_typed_is_lost(client):
    person = member()
    client.force_login(person)
    response = client.post(
        "/notifications/settings/",
        form_data(time_zone="Somewhere/Else", kind_group_mention="hourly", daily_hour="18"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    # the profile's list of zones: the refusal names what was sent
    assert "Select a valid choice. Somewhere/Else is not one of the available choices." in page
    assert 'value="18" selected' in page
    assert not DigestSchedule.objects.filter(user=person).exists()


def test_a_section_cannot_be_set_to_immediately(client):
    person = member()
    client.force_login(person)
    response = client.post(
        "/notifications/settings/", form_data(kind_resource_published="immediate")
    )
    assert response.status_code == 400
    assert services.modes_of(person)["resource_published"] == "weekly"


@pytest.mark.parametrize("language", ["en", "es"])
def test_staff_preview_every_email_in_both_languages(client, language):
    client.force_login(StaffFactory())
    assert client.get("/notifications/staff/previews/").status_code == 200
    for entry in previews.catalogue():
        url = f"/notifications/staff/previews/{entry['name']}/?language={language}"
        page = client.get(url)
        assert page.status_code == 200, entry["name"]
        text = client.get(url + "&part=text").content.decode()
        html = client.get(url + "&part=html")
        assert html["Content-Security-Policy"].startswith("default-src 'none'")
        assert "<style" not in html.content.decode()
        assert text.strip() and "{{" not in text and "{%" not in text, entry["name"]
        if entry["name"].startswith("kind-event_"):  # the sample's time is shown, labelled
            assert "2026" in text and "America/New_York" in text, (entry["name"], text)
    assert client.get("/notifications/staff/previews/nothing/").status_code == 404


def test_download_my_data_includes_notification_settings_and_history(client):
    person = member()
    services.preferences_save(user=person, modes={"group_mention": "daily"})
    client.force_login(person)
    data = client.get("/portal/profile/export/").json()
    assert data["notification_settings"]["modes"]["group_mention"] == "daily"
    assert data["notifications"] == [] and data["emails_sent"] == []
