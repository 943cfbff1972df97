"""Bulk actions of the staff queue (issue 19): assign a lead or change the status of the
checked cases (or every case on the page), one case at a time through the services; the
cases the rules refuse are named, the others changed; back to the same filtered queue."""

import pytest
from django.core import mail
from django.urls import reverse

from assistance import services
from assistance.models import Case, TimelineEntry
from tests.members.factories import StaffFactory, UserFactory

from .factories import case

pytestmark = pytest.mark.django_db

BULK = reverse("assistance:queue-bulk")


@pytest.fixture
def staff(signed_in_staff):
    return signed_in_staff


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def test_bulk_assign_makes_an_active_staff_member_lead_of_the_checked_cases(
    client, staff, on_commit
):
    first, second, untouched = case(), case(), case()
    lead = StaffFactory(totp=False)
    mail.outbox.clear()
    with on_commit():
        response = client.post(
            BULK,
            {
                "case": [first.reference, second.reference],
                "action": "assign",
                "lead": lead.pk,
                "query": "kind=complaints&q=finca",
            },
            follow=True,
        )
    assert response.redirect_chain[-1][0] == "/assistance/queue/?kind=complaints&q=finca"
    assert set(Case.objects.filter(lead=lead).values_list("reference", flat=True)) == {
        first.reference,
        second.reference,
    }
    assert Case.objects.get(pk=untouched.pk).lead is None
    # as on the case page: history, timeline and an email to the lead per case
    assert TimelineEntry.objects.filter(event="lead_assigned").count() == 2
    assert Case.history.filter(id=first.pk, lead=lead).exists()
    assert sum(lead.email in m.to for m in mail.outbox) == 2
    assert any("2 cases were changed" in m for m in _messages(response))


def test_a_lead_must_be_active_staff(client, staff):
    the_case = case()
    for person in (UserFactory(), StaffFactory(totp=False, is_active=False)):
        client.post(BULK, {"case": [the_case.reference], "action": "assign", "lead": person.pk})
    assert Case.objects.get(pk=the_case.pk).lead is None


def test_bulk_status_moves_the_allowed_cases_and_names_the_refused(client, staff):
    submitted, also_submitted, in_triage = case(), case(), case()
    services.case_transition(case=in_triage, actor=staff, to_status="triage")
    response = client.post(
        BULK,
        {
            "case": [submitted.reference, in_triage.reference, also_submitted.reference],
            "action": "status",
            "to_status": "triage",
        },
        follow=True,
    )
    assert Case.objects.get(pk=submitted.pk).status == "triage"
    assert Case.objects.get(pk=also_submitted.pk).status == "triage"
    messages = " ".join(_messages(response))
    assert "2 cases were changed" in messages
    assert f"1 case was left as it was: {in_triage.reference}" in messages
    assert TimelineEntry.objects.filter(kind="status", status="triage").count() == 3


def test_a_status_that_needs_a_reason_is_refused_without_one(client, staff):
    the_case = case()
    data = {"case": [the_case.reference], "action": "status", "to_status": "declined"}
    response = client.post(BULK, data, follow=True)
    assert Case.objects.get(pk=the_case.pk).status == "submitted"
    assert any("Nothing was changed" in m for m in _messages(response))
    client.post(BULK, {**data, "reason": "Outside what we do."})
    declined = Case.objects.get(pk=the_case.pk)
    assert (declined.status, declined.status_reason) == ("declined", "Outside what we do.")


def test_every_case_on_the_page_without_javascript(client, staff):
    cases = [case() for _ in range(3)]
    page = client.get(reverse("assistance:queue"))
    html = page.content.decode()
    for the_case in cases:
        assert f'name="page_case" value="{the_case.reference}"' in html
        assert f'form="bulk-form" id="select-{the_case.reference}"' in html
    client.post(
        BULK,
        {
            "all_on_page": "on",
            "page_case": [c.reference for c in cases],
            "action": "status",
            "to_status": "triage",
        },
    )
    assert set(Case.objects.values_list("status", flat=True)) == {"triage"}


def test_unknown_references_are_reported_and_nothing_else_happens(client, staff):
    response = client.post(
        BULK,
        {"case": ["WSR-0000-NOPE1"], "action": "status", "to_status": "triage"},
        follow=True,
    )
    assert any("WSR-0000-NOPE1 (no such case)" in m for m in _messages(response))


def test_nothing_selected_changes_nothing(client, staff):
    the_case = case()
    response = client.post(BULK, {"action": "status", "to_status": "triage"}, follow=True)
    assert any("Select at least one case" in m for m in _messages(response))
    assert Case.objects.get(pk=the_case.pk).status == "submitted"


def test_only_staff_act_in_bulk_and_only_by_post(client):
    the_case = case()
    data = {"case": [the_case.reference], "action": "status", "to_status": "triage"}
    assert client.post(BULK, data).status_code == 302  # to sign in
    client.force_login(the_case.requester)
    assert client.post(BULK, data).status_code == 403
    client.force_login(StaffFactory())
    assert client.get(BULK).status_code == 405
    assert Case.objects.get(pk=the_case.pk).status == "submitted"


def test_bulk_actions_need_the_csrf_token(staff):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(staff)
    the_case = case()
    data = {"case": [the_case.reference], "action": "status", "to_status": "triage"}
    assert strict.post(BULK, data).status_code == 403
    assert Case.objects.get(pk=the_case.pk).status == "submitted"
