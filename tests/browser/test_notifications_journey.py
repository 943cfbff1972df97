"""A member sets their notification settings with the keyboard, hears of an update on an
effort they follow through the bell, reads it and marks everything read, then stops that
kind of email from the link in the email's own List-Unsubscribe header; staff look at
deliveries and preview an email. axe-core scans every page; the phone run keeps the bell
reachable at 360 px."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from playwright.sync_api import expect

from coordination import services as coordination
from coordination.models import Effort
from notifications.services import modes_of
from wsr.members.models import User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_member_hears_through_the_bell_and_unsubscribes_in_one_click(tabs, settings):
    settings.WSR_STAFF_MFA_REQUIRED = False
    owner = User.objects.get(email="orgadmin@wsr.test")
    reader = User.objects.get(email="member@wsr.test")
    effort = Effort.objects.create(name="Grocer campaign", owner=owner, audience="members")
    coordination.effort_follow(effort=effort, user=reader)

    member = tabs("member@wsr.test")
    page, t = member.page, member.t
    member.goto("/notifications/settings/")
    expect(page.get_by_role("heading", name=t("Notification settings"), level=1)).to_be_visible()
    # Keyboard only: focus the choice by its label, pick with the arrow keys, save with Enter.
    choice = page.get_by_label(t("Updates on efforts you follow"))
    choice.focus()
    choice.select_option("immediate")
    page.get_by_label(t("Daily digest at")).select_option("18")
    page.get_by_role("button", name=t("Save")).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text(t("Your notification settings are saved."))).to_be_visible()
    member.check()
    assert modes_of(reader)["effort_update"] == "immediate"

    coordination.update_post(effort=effort, author=owner, body="We met the buyer today.")
    member.goto("/portal/")
    unread = member.tn("unread notification", "unread notifications", 1)
    bell = page.get_by_role("link", name=re.compile(f"1 {re.escape(unread)}"))
    expect(bell).to_be_visible()
    bell.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/notifications/")
    member.check()
    # written in the reader's own language, whatever the page's
    expect(page.get_by_role("link", name=re.compile("Grocer campaign"))).to_be_visible()
    page.get_by_role("button", name=t("Mark all as read")).click()
    expect(page.get_by_text(t("Marked as read."))).to_be_visible()
    expect(page.locator(".bell__count")).to_have_count(0)
    member.check()

    # The email itself, with the header a mail client's "Unsubscribe" button uses.
    message = [m for m in mail.outbox if m.to == [reader.email]][-1]
    link = re.match(r"<(.+)>$", message.extra_headers["List-Unsubscribe"]).group(1)
    member.goto(urlparse(link).path)
    expect(page.get_by_text(t("Updates on efforts you follow"))).to_be_visible()
    page.get_by_role("button", name=t("Yes, stop them")).click()
    stopped = t("We will not email you about “%(what)s” any more.")
    expect(page.get_by_role("status")).to_contain_text(
        stopped % {"what": t("Updates on efforts you follow")}
    )
    member.check()
    assert modes_of(reader)["effort_update"] == "never"
    expect(page.get_by_role("link", name=t("Notifications"), exact=True)).to_be_visible()


def test_staff_see_deliveries_and_preview_each_email(tabs, settings):
    settings.WSR_STAFF_MFA_REQUIRED = False
    staff = tabs("staff@wsr.test")
    page = staff.page
    staff.goto("/notifications/staff/deliveries/")
    expect(page.get_by_role("heading", name=staff.t("Email deliveries"), level=1)).to_be_visible()
    staff.goto("/notifications/staff/previews/")
    page.get_by_role("main").get_by_role("link", name="Español").first.click()
    page.wait_for_url("**/previews/digest-daily/**")
    staff.check()
    frame = page.frame_locator("iframe.preview-frame")
    expect(frame.get_by_text("Su resumen diario")).to_be_visible()
