import pytest
from playwright.sync_api import expect

from assistance.models import Case
from wsr.members.models import User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _status(visitor, status, reason=""):
    page, t = visitor.page, visitor.t
    page.get_by_label(t("Move the case to")).select_option(status)
    if reason:
        page.get_by_label(t("Reason or note to the requester")).fill(reason)
    page.get_by_role("button", name=t("Change the status")).click()
    page.wait_for_load_state()
    visitor.check()


def test_a_request_is_triaged_worked_on_by_an_expert_answered_and_resolved(tabs):
    requester = tabs("orgadmin@wsr.test")
    page, t = requester.page, requester.t
    requester.goto("/assistance/request/")
    page.get_by_label(t("Your organization")).select_option(label="Migrant Justice")
    page.get_by_label(t("Kind of help")).select_option("complaints")
    page.get_by_label(t("What do you need?")).fill(
        "Workers fear retaliation after housing complaints."
    )
    page.get_by_label(t("How soon?")).select_option("high")
    page.locator("input[name=consent_to_share]").check()  # the expert needs it
    page.get_by_role("button", name=t("Send the request")).click()
    expect(page.get_by_role("status").first).to_contain_text(
        t("Your reference is <strong>%(reference)s</strong>. We have emailed it to you.")
        .split("<strong>")[0]
        .strip()
    )
    requester.check()
    case = Case.objects.get()
    page.get_by_role("link", name=t("Follow your case")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.reference)
    requester.check()

    staff = tabs("staff@wsr.test")
    staff.goto("/assistance/queue/")
    staff.page.get_by_role("link", name=case.reference).click()
    staff.check()
    _status(staff, "triage")
    _status(staff, "accepted")
    expert_user = User.objects.get(email="expert@wsr.test")
    staff.page.get_by_text(staff.t("Ask someone else")).click()
    staff.page.locator("#id_invite-expert").select_option(str(expert_user.pk))
    staff.page.get_by_role("button", name=staff.t("Ask"), exact=True).click()
    staff.check()

    expert = tabs("expert@wsr.test")
    expert.goto(case.get_absolute_url())
    expert.page.get_by_role("button", name=expert.t("Accept")).click()
    expert.check()
    expert.page.get_by_role("textbox", name=expert.t("Message")).fill(
        "Let us map who hears complaints first."
    )
    expert.page.get_by_label(expert.t("Share with the requester (they are emailed)")).check()
    expert.page.get_by_role("button", name=expert.t("Post")).click()
    expert.check()

    requester.goto(case.get_absolute_url())
    expect(page.locator("#timeline")).to_contain_text("Let us map who hears complaints first.")
    page.get_by_label(t("Your reply")).fill("Thank you, Tuesday works for us.")
    page.get_by_role("button", name=t("Send the reply")).click()
    expect(page.locator("#timeline")).to_contain_text("Tuesday works for us")
    requester.check()

    staff.goto(case.get_absolute_url())
    expect(staff.page.locator("#timeline")).to_contain_text("Tuesday works for us")
    _status(staff, "in_progress")
    _status(staff, "resolved")
    case.refresh_from_db()
    assert case.status == "resolved" and case.first_response_at is not None

    outsider = tabs("lucia@wsr.test")  # the admin of another organization
    response = outsider.goto(case.get_absolute_url())
    assert response.status == 404
