import pytest
from playwright.sync_api import expect

from assistance.models import Case
from wsr.members.models import User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _status(visitor, status, reason=""):
    page = visitor.page
    page.get_by_label("Move the case to").select_option(status)
    if reason:
        page.get_by_label("Reason or note to the requester").fill(reason)
    page.get_by_role("button", name="Change the status").click()
    page.wait_for_load_state()
    visitor.check()


def test_a_request_is_triaged_worked_on_by_an_expert_answered_and_resolved(tabs):
    requester = tabs("orgadmin@wsr.test")
    page = requester.page
    requester.goto("/assistance/request/")
    page.get_by_label("Your organization").select_option(label="Migrant Justice")
    page.get_by_label("Kind of help").select_option("complaints")
    page.get_by_label("What do you need?").fill(
        "Workers fear retaliation after housing complaints."
    )
    page.get_by_label("How soon?").select_option("high")
    page.get_by_label("You may share this request").check()  # the expert needs it
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("status").first).to_contain_text("Your reference is")
    requester.check()
    case = Case.objects.get()
    page.get_by_role("link", name="Follow your case").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.reference)
    requester.check()

    staff = tabs("staff@wsr.test")
    staff.goto("/assistance/queue/")
    staff.page.get_by_role("link", name=case.reference).click()
    staff.check()
    _status(staff, "triage")
    _status(staff, "accepted")
    expert_user = User.objects.get(email="expert@wsr.test")
    staff.page.get_by_text("Ask someone else").click()
    staff.page.locator("#id_invite-expert").select_option(str(expert_user.pk))
    staff.page.get_by_role("button", name="Ask", exact=True).click()
    staff.check()

    expert = tabs("expert@wsr.test")
    expert.goto(case.get_absolute_url())
    expert.page.get_by_role("button", name="Accept").click()
    expert.check()
    expert.page.get_by_role("textbox", name="Message").fill(
        "Let us map who hears complaints first."
    )
    expert.page.get_by_label("Share with the requester").check()
    expert.page.get_by_role("button", name="Post").click()
    expert.check()

    requester.goto(case.get_absolute_url())
    expect(page.locator("#timeline")).to_contain_text("Let us map who hears complaints first.")
    page.get_by_label("Your reply").fill("Thank you, Tuesday works for us.")
    page.get_by_role("button", name="Send the reply").click()
    expect(page.locator("#timeline")).to_contain_text("Tuesday works for us")
    requester.check()

    staff.goto(case.get_absolute_url())
    expect(staff.page.locator("#timeline")).to_contain_text("Tuesday works for us")
    _status(staff, "in_progress")
    _status(staff, "resolved")
    case.refresh_from_db()
    assert case.status == "resolved" and case.first_response_at is not None

    outsider = tabs("lucia@wsr.test")  # the admin of another organization
    response = outsider.page.goto(outsider.base_url + case.get_absolute_url())
    assert response.status == 404
    outsider.check()
