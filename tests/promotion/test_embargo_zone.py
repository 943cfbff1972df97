"""A press release under embargo "until 09:00 America/New_York" goes out at 09:00 in New
York (issue 17), whatever zone the editor works in; the scheduler releases it as before."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)
from wagtail.users.models import UserProfile

from promotion.embargo import release_moment
from promotion.models import ArticleIndexPage
from tests.members.factories import StaffFactory
from tests.promotion.builders import article, publish

pytestmark = pytest.mark.django_db

# 09:00 in New York on 1 December 2026 (EST, UTC-5) is 14:00 UTC and 19:30 in Kolkata.
NINE_IN_NEW_YORK = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _the_day_before():
    with time_machine.travel(datetime(2026, 11, 30, 12, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def editor(client):
    user = StaffFactory()
    user.profile.time_zone = "Asia/Kolkata"
    user.profile.save()
    wagtail_profile = UserProfile.get_for_user(user)
    wagtail_profile.current_time_zone = "Asia/Kolkata"
    wagtail_profile.save()
    client.force_login(user)
    return user


def _schedule(client, page, **changes):
    edit = f"/cms/pages/{page.pk}/edit/"
    data = querydict_from_html(client.get(edit).content.decode(), form_id="page-edit-form").copy()
    # Stream fields are drawn by the admin's JavaScript: their fields are not in the HTML.
    paragraph = ("paragraph", rich_text("<p>Body of the release.</p>"))
    streams = nested_form_data({"body": streamfield([paragraph]), "endnotes": streamfield([])})
    for name, value in {**streams, **changes}.items():
        data[name] = value
    data["action-publish"] = "action-publish"
    return client.post(edit, data)


def test_release_moment_reads_the_clock_in_the_stated_zone():
    assert release_moment(datetime(2026, 12, 1, 9, 0), "America/New_York")  # noqa: DTZ001 == NINE_IN_NEW_YORK
    summer = release_moment(datetime(2026, 7, 1, 9, 0), "America/New_York")  # noqa: DTZ001
    assert summer == datetime(2026, 7, 1, 13, 0, tzinfo=UTC)  # EDT, UTC-4


def test_an_embargo_at_nine_in_new_york_goes_out_at_nine_in_new_york(client, home, editor):
    listing = publish(
        home.add_child(instance=ArticleIndexPage(title="Publications", slug="publications"))
    )
    release = article(listing, "Harvest wages release", kind="press_release", live=False)
    response = _schedule(
        client, release, release_time_zone="America/New_York", go_live_at="2026-12-01 09:00"
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    release.refresh_from_db()
    assert release.go_live_at == NINE_IN_NEW_YORK
    assert not release.live

    # Opened again, the editor sees the time they typed, in the release's zone.
    reopened = client.get(f"/cms/pages/{release.pk}/edit/").content.decode()
    assert 'value="2026-12-01 09:00"' in reopened

    client.logout()
    url = "/publications/harvest-wages-release/"
    with time_machine.travel(NINE_IN_NEW_YORK - timedelta(minutes=1), tick=False):
        call_command("publish_scheduled")
        assert client.get(url).status_code == 404  # 08:59 in New York
    with time_machine.travel(NINE_IN_NEW_YORK + timedelta(minutes=1), tick=False):
        call_command("publish_scheduled")
        assert client.get(url).status_code == 200


def test_an_article_that_is_not_a_press_release_keeps_the_editors_zone(client, home, editor):
    listing = publish(
        home.add_child(instance=ArticleIndexPage(title="Publications", slug="publications"))
    )
    page = article(listing, "Analysis", kind="analysis", live=False)
    response = _schedule(client, page, go_live_at="2026-12-01 19:30")  # Kolkata, the editor's
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.go_live_at == NINE_IN_NEW_YORK


def test_a_release_in_an_unknown_zone_is_refused(client, home, editor):
    listing = publish(
        home.add_child(instance=ArticleIndexPage(title="Publications", slug="publications"))
    )
    release = article(listing, "Release", kind="press_release", live=False)
    response = _schedule(
        client, release, release_time_zone="Eastern time", go_live_at="2026-12-01 09:00"
    )
    assert response.status_code == 200
    release.refresh_from_db()
    assert release.go_live_at is None
