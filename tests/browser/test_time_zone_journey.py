"""A browser in Los Angeles (issue 17): the sign-up form takes its zone, and pages for a
visitor who is not signed in show times in it from the next page on."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Visitor
from wsr.members.models import Profile

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def visitor_in_los_angeles(browser, live_server, demo):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="en-US",
        timezone_id="America/Los_Angeles",
    )
    context.set_default_timeout(15_000)
    yield Visitor(context.new_page(), live_server.url)
    context.close()


def test_sign_up_takes_the_browsers_time_zone(visitor_in_los_angeles):
    visitor = visitor_in_los_angeles
    page = visitor.page
    visitor.goto("/accounts/signup/")
    expect(page.locator("input[name=time_zone]")).to_have_value("America/Los_Angeles")
    assert "wsr_time_zone=America/Los_Angeles" in page.evaluate("document.cookie")
    page.get_by_label("Email").fill("pacific@example.org")
    page.get_by_label(re.compile(r"^Password(?! \(again)")).fill("a-long-organizer-password")
    page.get_by_label("Password (again)").fill("a-long-organizer-password")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verify")
    visitor.check()
    profile = Profile.objects.get(user__email="pacific@example.org")
    assert profile.time_zone == "America/Los_Angeles"
