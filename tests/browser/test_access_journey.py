"""The access policy as people meet it: the org admin's people page says what each person
would lose, a member is refused a staff page in words, and a staff password alone meets the
second-factor step (issue 15). Run on a desktop in English and a phone in Spanish; every
page fits the screen (Visitor.check)."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_people_page_says_what_a_removal_ends(visitor):
    page, t = visitor.page, visitor.t
    visitor.sign_in("orgadmin@wsr.test")
    visitor.goto("/portal/organizations/migrant-justice/people/")
    # a column on a desktop, a label in each person's card on a phone
    expect(page.locator("main table")).to_contain_text(t("Through the organization"))
    page.locator("main summary").first.click()
    expect(page.get_by_role("button", name=t("Yes, remove")).first).to_be_visible()
    visitor.check()


def test_a_member_is_refused_a_staff_page_in_words(visitor):
    visitor.sign_in("member@wsr.test")
    response = visitor.goto("/assistance/queue/")
    assert response.status == 403
    main = visitor.page.locator("main")
    expect(main).to_contain_text(visitor.t("Access denied"))
    expect(main).to_contain_text(visitor.t("This page is for the Collaborative's staff."))


def test_a_staff_password_alone_stops_at_the_second_factor(visitor):
    page = visitor.page
    visitor.sign_in("staff@wsr.test", expect_success=False)
    page.wait_for_url(lambda url: "/2fa/" in url)
    visitor.check()
    page.goto(visitor.base_url + visitor.url("/assistance/queue/"))
    assert "/accounts/" in page.url and "/assistance/queue" not in page.url
