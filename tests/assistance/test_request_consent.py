"""Issue 16, item 5: a requester always hears about their own case; the box governs only
sharing with experts and use in anonymized lessons, and the staff side shows and keeps it."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from assistance import services
from tests.members.factories import StaffFactory, UserFactory

from .factories import case as make_case

pytestmark = pytest.mark.django_db


def _mail_to(address):
    return [m for m in mail.outbox if address in m.to]


def test_a_requester_who_left_the_box_unticked_hears_about_a_status_change(on_commit):
    staff = StaffFactory()
    case = make_case(consent_to_share=False)
    with on_commit():
        services.case_transition(case=case, actor=staff, to_status="declined", reason="Not ours")
    assert any("Not ours" in m.body for m in _mail_to(case.requester.email))


def test_a_requester_who_left_the_box_unticked_hears_about_a_shared_message(on_commit):
    staff = StaffFactory()
    case = make_case(consent_to_share=False)
    with on_commit():
        services.case_post(case=case, author=staff, body="We can help", is_shared=True)
    assert any("We can help" in m.body for m in _mail_to(case.requester.email))


def test_an_internal_note_is_not_sent_to_the_requester(on_commit):
    staff = StaffFactory()
    case = make_case(consent_to_share=False)
    with on_commit():
        services.case_post(case=case, author=staff, body="Internal only", is_shared=False)
    assert not any("Internal only" in m.body for m in _mail_to(case.requester.email))


def test_an_unverified_request_still_tells_nobody(client, on_commit):
    from assistance.models import Case

    with on_commit():
        client.post(
            "/assistance/request/",
            {
                "organization_name": "Valley workers",
                "contact_name": "Rosa",
                "contact_email": "rosa@example.org",
                "kind": "complaints",
                "description": "Help",
                "urgency": "high",
                "preferred_language": "es",
            },
        )
    case = Case.objects.get()
    assert case.is_unverified and not case.consent_to_share
    mail.outbox.clear()
    with on_commit():
        services.case_post(case=case, author=StaffFactory(), body="Hello", is_shared=True)
    assert not _mail_to("rosa@example.org")


def test_the_request_form_says_what_the_box_governs_and_that_updates_always_come(client):
    page = client.get("/assistance/request/").content.decode()
    assert "consent_to_share" in page
    assert "experts" in page and "anonymized" in page
    assert "whatever you choose" in page


def test_staff_see_whether_the_requester_agreed_to_share_on_the_case_page(client):
    staff = StaffFactory()
    case = make_case(consent_to_share=False)
    client.force_login(staff)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "did not agree to share" in page
    assert "Share with the requester (they are emailed)" in page


def test_inviting_an_expert_to_a_case_without_consent_is_refused():
    staff = StaffFactory()
    case = make_case(consent_to_share=False)
    with pytest.raises(ValidationError):
        services.expert_invite(case=case, actor=staff, expert=UserFactory())
    assert not case.assignments.exists()


def test_inviting_an_expert_over_http_without_consent_says_why(client):
    staff, expert = StaffFactory(), UserFactory()
    case = make_case(consent_to_share=False)
    client.force_login(staff)
    response = client.post(
        f"/assistance/cases/{case.reference}/experts/", {"invite-expert": expert.pk}, follow=True
    )
    assert "did not agree" in response.content.decode()
    assert not case.assignments.exists()


def _resolved(case, staff):
    for status in ("triage", "accepted", "in_progress", "resolved"):
        case = services.case_transition(case=case, actor=staff, to_status=status)
    return case


def test_drawing_a_lesson_from_a_case_without_consent_is_refused(site_tree):
    staff = StaffFactory()
    case = _resolved(make_case(consent_to_share=False), staff)
    with pytest.raises(ValidationError):
        services.lesson_start(case=case, actor=staff, title="Lesson", summary="Summary")
    case.refresh_from_db()
    assert case.lesson_drawn_at is None


def test_a_case_with_consent_can_have_experts():
    staff, expert = StaffFactory(), UserFactory()
    case = make_case(consent_to_share=True)
    services.expert_invite(case=case, actor=staff, expert=expert)
    assert case.assignments.get().expert == expert


def test_a_requester_withdraws_consent_as_easily_as_giving_it(client):
    from django.urls import reverse

    case = make_case(consent_to_share=True)
    client.force_login(case.requester)
    url = reverse("assistance:case-consent", args=[case.reference])
    assert "Withdraw my consent to share" in client.get(case.get_absolute_url()).content.decode()
    client.post(url, {"consent": "withdraw"})
    case.refresh_from_db()
    assert not case.consent_to_share
    with pytest.raises(ValidationError):
        services.expert_invite(case=case, actor=StaffFactory(), expert=UserFactory())
    client.post(url)
    case.refresh_from_db()
    assert case.consent_to_share


def test_only_the_requester_withdraws_consent(client):
    from django.urls import reverse

    case = make_case(consent_to_share=True)
    client.force_login(StaffFactory())
    client.post(reverse("assistance:case-consent", args=[case.reference]), {"consent": "withdraw"})
    case.refresh_from_db()
    assert case.consent_to_share
