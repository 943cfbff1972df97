import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from playwright.sync_api import expect

from tests.browser.totp import totp_code
from wsr.members.audience import Audience
from wsr.members.management.commands.seed_demo import DEMO_PASSWORD
from wsr.members.models import Affiliation, Membership

# serialized_rollback: the managed lists and locales that migrations load survive the flush.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _link_in_last_email(to, pattern):
    message = next(m for m in reversed(mail.outbox) if to in m.to)
    return re.search(pattern, message.body).group(1)


def _sign_up(visitor, email, password):
    page, t = visitor.page, visitor.t
    page.get_by_label(t("Email")).fill(email)
    page.get_by_label(t("Password")).first.fill(password)  # then "Password (again)"
    page.get_by_label(t("Password (again)")).fill(password)
    page.get_by_role("button", name=t("Sign Up")).click()


def test_sign_up_verify_email_sign_in_and_see_the_dashboard(visitor):
    page, t = visitor.page, visitor.t
    visitor.goto("/")
    page.get_by_role("link", name=t("Create an account")).click()
    visitor.check()
    _sign_up(visitor, "new.organizer@example.org", "a-long-organizer-password")
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    visitor.check()

    # The email is in the language the person signed up in; its link, too.
    path = _link_in_last_email(
        "new.organizer@example.org", r"https?://[^/]+(/\S+confirm-email/\S+)"
    )
    assert path.startswith(visitor.url("/accounts/"))
    visitor.goto(path)
    page.get_by_role("button", name=t("Confirm")).click()
    welcome = t("Welcome, %(name)s") % {"name": ""}
    expect(page.get_by_role("heading", level=1)).to_contain_text(welcome.strip())
    visitor.check()

    visitor.sign_out()
    visitor.sign_in("new.organizer@example.org", "a-long-organizer-password")
    expect(page.get_by_role("heading", name=t("My organizations"))).to_be_visible()
    visitor.check()


def test_bad_sign_in_says_why_and_keeps_the_email(visitor):
    page = visitor.page
    visitor.sign_in("member@wsr.test", "wrong-password", expect_success=False)
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label(visitor.t("Email"))).to_have_value("member@wsr.test")
    visitor.check()


def test_org_admin_invites_a_member_who_joins(visitor):
    page, t = visitor.page, visitor.t
    visitor.sign_in("orgadmin@wsr.test")
    visitor.check()
    page.get_by_role("link", name=t("People and invitations")).first.click()
    visitor.check()
    page.get_by_label(t("Email address")).fill("dairy.worker@example.org")
    page.get_by_role("button", name=t("Send invitation")).click()
    expect(page.get_by_role("status")).to_contain_text(
        t("Invitation sent to %(email)s.") % {"email": "dairy.worker@example.org"}
    )
    visitor.check()
    visitor.sign_out()

    # The org admin writes in Spanish: the invitation link is in Spanish; the invited person
    # reads it in the visitor's language.
    path = _link_in_last_email("dairy.worker@example.org", r"https?://[^/]+(/es/invitations/\S+/)")
    visitor.goto(path)
    page.get_by_role("link", name=t("Create an account")).click()
    _sign_up(visitor, "dairy.worker@example.org", "milk-with-dignity-2026")
    confirm = _link_in_last_email(
        "dairy.worker@example.org", r"https?://[^/]+(/\S+confirm-email/\S+)"
    )
    visitor.goto(confirm)
    page.get_by_role("button", name=t("Confirm")).click()
    expect(page.get_by_role("link", name="Migrant Justice").first).to_be_visible()
    visitor.check()
    assert Affiliation.objects.filter(
        user__email="dairy.worker@example.org", organization__name="Migrant Justice"
    ).exists()


def test_staff_sign_in_with_a_second_factor_and_approve_an_application(visitor):
    page = visitor.page
    visitor.sign_in("staff@wsr.test")  # the second factor too
    visitor.check()
    page.get_by_role("link", name=visitor.t("Membership applications (staff)")).click()
    # Django's admin is not under a language prefix: it speaks English in both runs.
    page.get_by_role("checkbox", name=re.compile("Select this object")).first.check()
    page.get_by_role("combobox", name="Action").select_option(value="approve")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("1 application approved")
    membership = Membership.objects.get(organization__name__startswith="Coastal Seafood")
    assert membership.status == Membership.Status.ACTIVE
    assert any("applicant@wsr.test" in m.to for m in mail.outbox)


def test_the_directory_is_for_members_only(visitor):
    page, t = visitor.page, visitor.t
    visitor.goto("/portal/directory/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    visitor.sign_in("public@wsr.test")
    page.goto(visitor.base_url + visitor.url("/portal/directory/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Access denied"))
    visitor.check()
    visitor.sign_out()
    visitor.sign_in("member@wsr.test")
    visitor.goto("/portal/directory/?language=bn")
    expect(page.get_by_role("heading", name="Nazma Akter")).to_be_visible()
    expect(page.get_by_role("heading", name="María López")).to_have_count(0)


def test_keyboard_only_skip_link_and_sign_in(visitor):
    page, t = visitor.page, visitor.t
    visitor.goto("/accounts/login/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name=t("Skip to main content"))).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    page.get_by_label(t("Email")).focus()
    page.keyboard.type("member@wsr.test")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=t("My organizations"))).to_be_visible()
    # Every control on the dashboard is reachable by Tab, with a visible focus ring.
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_the_language_switcher_leads_to_the_home_page_in_the_other_language(visitor):
    page = visitor.page
    other = "en" if visitor.language == "es" else "es"
    visitor.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", visitor.language)
    visitor.open_menu()
    page.locator(".language-switcher").locator(f"a[hreflang={other}]").click()
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    visitor.check()


def test_a_member_turns_on_two_factor_authentication(visitor):
    page, t = visitor.page, visitor.t
    visitor.sign_in("member@wsr.test")
    page.get_by_role("link", name=t("Two-factor authentication")).click()
    visitor.check()
    visitor.goto("/accounts/2fa/totp/activate/")
    if "/reauthenticate/" in page.url:  # allauth asks for the password again first
        page.get_by_label(t("Password")).fill(DEMO_PASSWORD)
        page.get_by_role("button", name=t("Confirm")).click()
        visitor.check()
    secret = page.get_by_label(t("Authenticator secret")).input_value()
    code = totp_code(secret)
    page.get_by_label(t("Authenticator code")).fill(code)
    page.get_by_role("button", name=t("Activate")).click()
    visitor.check()
    assert Authenticator.objects.filter(user__email="member@wsr.test", type="totp").exists()


def _repository_link(visitor):
    """The main menu's link to the repository, named by the index page in that language."""
    from repository.models import RepositoryIndexPage

    index = RepositoryIndexPage.objects.filter(locale__language_code="en").get()
    return visitor.menu_link(visitor.localized(index).title)


# Text that finds a members-only training resource on agriculture in each language's tree.
COMPLAINT = {"en": "complaint", "es": "queja"}


def test_a_member_searches_narrows_by_two_facets_and_downloads_a_members_attachment(
    visitor, full_demo
):
    page, t = visitor.page, visitor.t
    visitor.sign_in("member@wsr.test")
    _repository_link(visitor).click()
    visitor.check()
    page.get_by_role("searchbox", name=t("Search the repository")).fill(COMPLAINT[visitor.language])
    page.get_by_role("button", name=t("Search"), exact=True).last.click()
    visitor.check()
    visitor.reveal(page.locator("input[name=sector][value=agriculture]")).check()
    page.locator("input[name=kind][value=training]").check()
    page.get_by_role("button", name=t("Apply filters")).click()
    expect(page.locator(".chips a").first).to_be_visible()
    expect(page).to_have_url(re.compile(r"sector=agriculture"))
    visitor.check()
    members = visitor.t(Audience.MEMBERS.label)
    result = page.locator(".results li", has_text=members).first.locator("h3 a")
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
    visitor.sign_out()
    response = page.request.get(visitor.base_url + href)
    assert response.status == 404


def test_a_member_registers_for_an_event_and_gets_the_link(visitor, full_demo):
    from repository.models import EventIndexPage, EventPage

    page, t = visitor.page, visitor.t
    events = EventIndexPage.objects.filter(locale__language_code="en").get()
    event = EventPage.objects.get(slug="seafood-organizers-exchange")
    visitor.sign_in("member@wsr.test")
    visitor.menu_link(visitor.localized(events).title).click()
    visitor.check()
    page.get_by_role("link", name=visitor.localized(event).title).click()
    visitor.check()
    expect(page.get_by_text(t("The link is sent to registered participants."))).to_be_visible()
    page.get_by_role("button", name=t("Register")).click()
    expect(page.get_by_role("status").first).to_contain_text(t("You are registered."))
    expect(page.get_by_role("link", name=re.compile("meet.example.org"))).to_be_visible()
    visitor.check()


def test_a_member_proposes_a_resource_and_staff_publish_it(visitor, full_demo):
    from repository.models import Contribution, ResourcePage

    page, t = visitor.page, visitor.t
    visitor.sign_in("expert@wsr.test")
    _repository_link(visitor).click()
    page.get_by_role("link", name=t("Propose a resource")).click()
    visitor.check()
    page.get_by_label(t("Title")).fill("Checklist for a complaint line")
    page.get_by_label(t("Summary")).fill("Ten questions to ask before launching a complaint line.")
    page.get_by_label(t("Kind")).select_option("toolkit")
    page.get_by_role("button", name=t("Send for review")).click()
    expect(page).to_have_url(re.compile(r"/portal/$"))
    expect(page.get_by_role("status").first).to_contain_text(
        t(
            "Thank you. Your resource was sent to our staff for review; we will email you "
            "when it is published or if it needs changes."
        )
    )
    visitor.check()
    visitor.sign_out()

    # Wagtail's admin is not under a language prefix and speaks the editor's language.
    visitor.sign_in("staff@wsr.test")
    contribution = Contribution.objects.get()
    page.goto(f"{visitor.base_url}/cms/pages/{contribution.page_id}/edit/")
    page.get_by_role("button", name="More actions").click()
    with page.expect_navigation():  # "Approve" posts at once ("Approve with comment" asks)
        page.get_by_role("button", name=re.compile("^Approve")).first.click()
    contribution.refresh_from_db()
    assert contribution.outcome == "published"
    assert ResourcePage.objects.get(pk=contribution.page_id).live
    assert any(
        "expert@wsr.test" in m.to and m.subject.endswith("Checklist for a complaint line")
        for m in mail.outbox
    )
