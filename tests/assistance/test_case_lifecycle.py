import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from assistance import services
from assistance.models import TRANSITIONS, CaseStatus
from tests.members.factories import StaffFactory

from .factories import case as make_case

pytestmark = pytest.mark.django_db


def test_a_case_moves_only_along_allowed_paths():
    staff = StaffFactory()
    case = make_case()
    with pytest.raises(ValidationError):
        services.case_transition(case=case, actor=staff, to_status="resolved")
    for status in ("triage", "accepted", "in_progress", "resolved", "closed", "reopened"):
        case = services.case_transition(case=case, actor=staff, to_status=status, reason="why")
    assert case.status == "reopened" and case.resolved_at is None and case.closed_at is None
    assert set(TRANSITIONS) == set(CaseStatus.values)  # every status has its way out


@pytest.mark.parametrize("status", ["declined", "referred"])
def test_declining_or_referring_needs_a_reason_the_requester_reads(status, on_commit):
    staff = StaffFactory()
    case = make_case()
    with pytest.raises(ValidationError):
        services.case_transition(case=case, actor=staff, to_status=status, reason="  ")
    with on_commit():
        services.case_transition(case=case, actor=staff, to_status=status, reason="Not our work")
    entry = case.timeline.latest("created_at")
    assert entry.author == staff and entry.is_shared and entry.body == "Not our work"
    assert any("Not our work" in m.body and case.requester.email in m.to for m in mail.outbox)


def test_the_first_answer_stops_the_first_response_clock():
    staff = StaffFactory()
    case = make_case()
    assert case.first_response_at is None
    services.case_post(case=case, author=staff, body="Internal only", is_shared=False)
    case.refresh_from_db()
    assert case.first_response_at is None
    services.case_post(case=case, author=staff, body="Hello", is_shared=True)
    case.refresh_from_db()
    assert case.first_response_at is not None


def test_the_history_keeps_every_change_with_who_and_when(client, settings):
    settings.WSR_STAFF_MFA_REQUIRED = False
    staff = StaffFactory()
    case = make_case(urgency="normal")
    services.case_update(case=case, actor=staff, data={"urgency": "urgent", "lead": staff})
    services.case_transition(case=case, actor=staff, to_status="triage")
    records = list(case.history.order_by("history_date"))
    assert [r.history_user for r in records] == [case.requester, staff, staff]
    assert [r.status for r in records] == ["submitted", "submitted", "triage"]
    assert records[1].urgency == "urgent" and records[0].urgency == "normal"
    client.force_login(staff)
    content = client.get(f"/assistance/cases/{case.reference}/history/").content.decode()
    assert "“Within a few weeks” → “Urgent: workers are at risk now”" in content
    assert "“Submitted” → “In triage”" in content


def test_working_days_skip_the_weekend():
    from datetime import date

    assert services.working_days_after(date(2026, 11, 27), 3) == date(2026, 12, 2)  # Fri → Wed


def test_staff_change_status_from_the_case_page(client, settings, on_commit):
    settings.WSR_STAFF_MFA_REQUIRED = False
    staff = StaffFactory()
    case = make_case()
    client.force_login(staff)
    url = f"/assistance/cases/{case.reference}/status/"
    response = client.post(url, {"status-to_status": "declined", "status-reason": ""}, follow=True)
    assert "Say why" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "submitted"
    client.post(url, {"status-to_status": "triage"})
    case.refresh_from_db()
    assert case.status == "triage"
