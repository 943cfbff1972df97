"""The access policy as people meet it on a phone, in Spanish: the org admin's people page
says what each person would lose, a member is refused a staff page in words, and a staff
password alone meets the second-factor step (issue 15)."""

import pytest

from wsr.members.management.commands.seed_demo import DEMO_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _sign_in(visitor, email):
    page = visitor.page
    visitor.goto("/es/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)


def _fits(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_people_page_fits_a_phone_and_says_what_a_removal_ends(phone):
    _sign_in(phone, "orgadmin@wsr.test")
    phone.goto("/es/portal/organizations/migrant-justice/people/")
    page = phone.page
    assert _fits(page)
    assert page.get_by_text("A través de la organización").first.is_visible()
    page.locator("summary").first.click()
    assert page.get_by_role("button", name="Sí, quitar").first.is_visible()
    phone.check()


def test_a_member_is_refused_a_staff_page_in_words_on_a_phone(phone):
    _sign_in(phone, "member@wsr.test")
    response = phone.page.goto(phone.base_url + "/es/assistance/queue/")
    assert response.status == 403
    phone.check()
    assert _fits(phone.page)
    assert "personal" in phone.page.locator("main").inner_text().lower()


def test_a_staff_password_alone_stops_at_the_second_factor(phone):
    page = phone.page
    phone.goto("/es/accounts/login/")
    page.locator("input[name=login]").fill("staff@wsr.test")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(lambda url: "/2fa/" in url)
    phone.check()
    assert _fits(page)
    phone.page.goto(phone.base_url + "/es/assistance/queue/")
    assert "/accounts/" in page.url and "/assistance/queue" not in page.url
