import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from playwright.sync_api import expect

from wsr.members.management.commands.seed_demo import DEMO_PASSWORD, DEMO_STAFF_TOTP_SECRET
from wsr.members.models import Affiliation, Membership

# serialized_rollback: the managed lists and locales that migrations load survive the flush.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _link_in_last_email(to, pattern):
    message = next(m for m in reversed(mail.outbox) if to in m.to)
    return re.search(pattern, message.body).group(1)


def _sign_in(visitor, email, password=DEMO_PASSWORD, *, expect_success=True):
    page = visitor.page
    visitor.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    if expect_success:
        page.wait_for_url(lambda url: not url.rstrip("/").endswith("/accounts/login"))


def test_sign_up_verify_email_sign_in_and_see_the_dashboard(visitor):
    page = visitor.page
    visitor.goto("/")
    page.get_by_role("link", name="Create an account").click()
    visitor.check()
    page.get_by_label("Email").fill("new.organizer@example.org")
    page.get_by_label(re.compile(r"^Password(?! \(again)")).fill("a-long-organizer-password")
    page.get_by_label("Password (again)").fill("a-long-organizer-password")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verify")
    visitor.check()

    path = _link_in_last_email(
        "new.organizer@example.org", r"https?://[^/]+(/\S+confirm-email/\S+)"
    )
    visitor.goto(path)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    visitor.check()

    page.get_by_role("button", name="Sign out").click()
    _sign_in(visitor, "new.organizer@example.org", "a-long-organizer-password")
    expect(page.get_by_role("heading", name="My organizations")).to_be_visible()
    visitor.check()


def test_bad_sign_in_says_why_and_keeps_the_email(visitor):
    page = visitor.page
    _sign_in(visitor, "member@wsr.test", "wrong-password", expect_success=False)
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value("member@wsr.test")
    visitor.check()


def test_org_admin_invites_a_member_who_joins(visitor):
    page = visitor.page
    _sign_in(visitor, "orgadmin@wsr.test")
    visitor.check()
    page.get_by_role("link", name="People and invitations").first.click()
    visitor.check()
    page.get_by_label("Email address").fill("dairy.worker@example.org")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("status")).to_contain_text("Invitation sent")
    visitor.check()
    page.get_by_role("button", name="Sign out").click()

    # The org admin writes in Spanish: the invitation link is in Spanish; read it in English.
    path = _link_in_last_email("dairy.worker@example.org", r"https?://[^/]+/es(/invitations/\S+/)")
    visitor.goto(path)
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Email").fill("dairy.worker@example.org")
    page.get_by_label(re.compile(r"^Password(?! \(again)")).fill("milk-with-dignity-2026")
    page.get_by_label("Password (again)").fill("milk-with-dignity-2026")
    page.get_by_role("button", name="Sign Up").click()
    confirm = _link_in_last_email(
        "dairy.worker@example.org", r"https?://[^/]+(/\S+confirm-email/\S+)"
    )
    visitor.goto(confirm)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("link", name="Migrant Justice").first).to_be_visible()
    visitor.check()
    assert Affiliation.objects.filter(
        user__email="dairy.worker@example.org", organization__name="Migrant Justice"
    ).exists()


def test_staff_sign_in_with_a_second_factor_and_approve_an_application(visitor):
    page = visitor.page
    _sign_in(visitor, "staff@wsr.test")
    code = format_hotp_value(hotp_value(DEMO_STAFF_TOTP_SECRET, int(time.time()) // 30))
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Sign In").click()
    visitor.check()
    page.get_by_role("link", name="Membership applications (staff)").click()
    page.get_by_role("checkbox", name=re.compile("Select this object")).first.check()
    page.get_by_role("combobox", name="Action").select_option(value="approve")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("1 application approved")
    membership = Membership.objects.get(organization__name__startswith="Coastal Seafood")
    assert membership.status == Membership.Status.ACTIVE
    assert any("applicant@wsr.test" in m.to and "Welcome" in m.subject for m in mail.outbox)


def test_the_directory_is_for_members_only(visitor):
    page = visitor.page
    visitor.goto("/portal/directory/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    _sign_in(visitor, "public@wsr.test")
    page.goto(visitor.base_url + "/portal/directory/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Access denied")
    visitor.check()
    page.get_by_role("button", name="Sign out").click()
    _sign_in(visitor, "member@wsr.test")
    visitor.goto("/portal/directory/?language=bn")
    expect(page.get_by_role("heading", name="Nazma Akter")).to_be_visible()
    expect(page.get_by_role("heading", name="María López")).to_have_count(0)


def test_keyboard_only_skip_link_and_sign_in(visitor):
    page = visitor.page
    visitor.goto("/accounts/login/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    page.get_by_label("Email").focus()
    page.keyboard.type("member@wsr.test")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="My organizations")).to_be_visible()
    # Every control on the dashboard is reachable by Tab, with a visible focus ring.
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_home_page_in_spanish_on_a_phone(phone):
    page = phone.page
    phone.goto("/es/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Los trabajadores")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways on a phone ({width}px)"
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Workers define")
    phone.check()


def test_a_member_turns_on_two_factor_authentication(visitor):
    from allauth.mfa.models import Authenticator

    page = visitor.page
    _sign_in(visitor, "member@wsr.test")
    page.get_by_role("link", name="Two-factor authentication").click()
    visitor.check()
    visitor.goto("/accounts/2fa/totp/activate/")
    if "/reauthenticate/" in page.url:  # allauth asks for the password again first
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Confirm").click()
        visitor.check()
    secret = page.get_by_label("Authenticator secret").input_value()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.get_by_label("Authenticator code").fill(code)
    page.get_by_role("button", name="Activate").click()
    visitor.check()
    assert Authenticator.objects.filter(user__email="member@wsr.test", type="totp").exists()


def test_a_member_searches_narrows_by_two_facets_and_downloads_a_members_attachment(visitor):

    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)  # with the repository's demo resources
    page = visitor.page
    _sign_in(visitor, "member@wsr.test")
    page.get_by_role("link", name="Knowledge repository").first.click()
    visitor.check()
    page.get_by_role("searchbox", name="Search the repository").fill("complaint")
    page.get_by_role("button", name="Search", exact=True).last.click()
    visitor.check()
    page.get_by_role("checkbox", name=re.compile(r"^Agriculture")).check()
    page.get_by_role("checkbox", name=re.compile(r"^Training material")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("link", name=re.compile("Remove filter Sector"))).to_be_visible()
    visitor.check()
    result = page.locator(".results li", has_text="Members").first.locator("h3 a")
    title = result.inner_text()
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    visitor.check()
    attachment = page.locator("article ul a[href^='/documents/']").first
    href = attachment.get_attribute("href")
    response = page.request.get(visitor.base_url + href)  # with the member's session
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    # Signed out, the same attachment does not exist.
    page.get_by_role("button", name="Sign out").click()
    response = page.request.get(visitor.base_url + href)
    assert response.status == 404


def test_a_member_registers_for_an_event_and_gets_the_link(visitor):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    page = visitor.page
    _sign_in(visitor, "member@wsr.test")
    page.get_by_role("link", name="Exchanges and convenings").first.click()
    visitor.check()
    page.get_by_role("link", name="Seafood organizers' exchange").click()
    visitor.check()
    expect(page.get_by_text("The link is sent to registered participants.")).to_be_visible()
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("status").first).to_contain_text("You are registered")
    expect(page.get_by_role("link", name=re.compile("meet.example.org"))).to_be_visible()
    visitor.check()


def test_a_member_proposes_a_resource_and_staff_publish_it(visitor):
    from django.core.management import call_command

    from repository.models import Contribution, ResourcePage

    call_command("seed_demo", verbosity=0)
    page = visitor.page
    _sign_in(visitor, "expert@wsr.test")
    page.get_by_role("link", name="Knowledge repository").first.click()
    page.get_by_role("link", name="Propose a resource").click()
    visitor.check()
    page.get_by_label("Title").fill("Checklist for a complaint line")
    page.get_by_label("Summary").fill("Ten questions to ask before launching a complaint line.")
    page.get_by_label("Kind").select_option("toolkit")
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_load_state()
    assert "/portal/" in page.url, page.locator("main").inner_text()[:600]
    expect(page.get_by_role("status").first).to_contain_text("sent to our staff for review")
    visitor.check()
    page.get_by_role("button", name="Sign out").click()

    _sign_in(visitor, "staff@wsr.test")
    code = format_hotp_value(hotp_value(DEMO_STAFF_TOTP_SECRET, int(time.time()) // 30))
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Sign In").click()
    contribution = Contribution.objects.get()
    page.goto(f"{visitor.base_url}/cms/pages/{contribution.page_id}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=re.compile("Approve")).first.click()
    dialog_publish = page.get_by_role("dialog").get_by_role("button", name=re.compile("Approve"))
    if dialog_publish.count():
        dialog_publish.first.click()
    for _ in range(50):  # the admin posts the approval, then redirects
        contribution.refresh_from_db()
        if contribution.outcome == "published":
            break
        page.wait_for_timeout(200)
    assert contribution.outcome == "published"
    assert ResourcePage.objects.get(pk=contribution.page_id).live
    assert any("expert@wsr.test" in m.to and m.subject.startswith("Published") for m in mail.outbox)
