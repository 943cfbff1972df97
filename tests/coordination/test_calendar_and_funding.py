"""The private calendar feed in a real iCalendar parser, with a wrong or reset token;
funding deadline reminders sent once; deadlines on the dashboards of matching members."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from coordination import services
from coordination.models import CalendarItem, Funder, FundingApplication, FundingOpportunity
from tests.coordination.builders import people
from tests.members.factories import AffiliationFactory, StaffFactory, sector

pytestmark = pytest.mark.django_db


def _events(body: bytes) -> dict:
    calendar = Calendar.from_ical(body)
    return {str(e.get("summary")): e for e in calendar.walk("VEVENT")}


def test_the_private_feed_parses_and_holds_what_its_owner_may_see(client):
    p = people()
    start = timezone.now() + timedelta(days=3)
    CalendarItem.objects.create(
        kind="hearing", title="Public hearing", starts_at=start, audience="public", place="Capitol"
    )
    CalendarItem.objects.create(
        kind="action", title="Members action", starts_at=start, audience="members"
    )
    CalendarItem.objects.create(
        kind="deadline", title="Staff deadline", starts_at=start, audience="staff", all_day=True
    )
    token = services.calendar_token_for(p["member"]).token
    response = client.get(f"/coordination/calendar/feed/{token}.ics")
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == "private, no-store"
    events = _events(response.content)
    assert set(events) == {"Public hearing", "Members action"}
    hearing = events["Public hearing"]
    assert str(hearing.get("location")) == "Capitol"
    assert abs((hearing.decoded("dtstart") - start).total_seconds()) < 1
    assert str(hearing.get("uid")).endswith("@testserver")

    staff_token = services.calendar_token_for(p["staff"]).token
    staff_events = _events(client.get(f"/coordination/calendar/feed/{staff_token}.ics").content)
    assert "Staff deadline" in staff_events
    assert staff_events["Staff deadline"].decoded("dtstart") == timezone.localtime(start).date()

    public = _events(client.get("/coordination/calendar/public.ics").content)
    assert set(public) == {"Public hearing"}


def test_a_wrong_or_reset_token_finds_nothing(client):
    p = people()
    assert client.get("/coordination/calendar/feed/not-a-token.ics").status_code == 404
    old = services.calendar_token_for(p["member"]).token
    client.force_login(p["member"])
    client.post("/coordination/calendar/token/")
    new = services.calendar_token_for(p["member"]).token
    assert new != old
    client.logout()
    assert client.get(f"/coordination/calendar/feed/{old}.ics").status_code == 404
    assert client.get(f"/coordination/calendar/feed/{new}.ics").status_code == 200
    p["member"].is_active = False
    p["member"].save()
    assert client.get(f"/coordination/calendar/feed/{new}.ics").status_code == 404


def test_the_calendar_page_shows_the_private_address_only_to_its_owner(client):
    p = people()
    token = services.calendar_token_for(p["member"]).token
    client.force_login(p["member"])
    assert token in client.get("/coordination/calendar/").content.decode()
    client.force_login(p["in_group"])
    assert token not in client.get("/coordination/calendar/").content.decode()


def _application(owner, deadline):
    funder = Funder.objects.create(name="Harvest Fund", kind="foundation", audience="staff")
    return FundingApplication.objects.create(
        funder=funder, title="Grant for farms", owner=owner, deadline=deadline, status="drafting"
    )


def test_owners_are_reminded_at_14_and_3_days_once_each(on_commit):
    owner = StaffFactory()
    today = timezone.localdate()
    _application(owner, today + timedelta(days=14))
    with on_commit():
        assert services.funding_reminders_send(today=today) == 1
        assert services.funding_reminders_send(today=today) == 0  # a repeated beat
        assert services.funding_reminders_send(today=today + timedelta(days=5)) == 0
        assert services.funding_reminders_send(today=today + timedelta(days=11)) == 1
        assert services.funding_reminders_send(today=today + timedelta(days=12)) == 0
    reminders = [m for m in mail.outbox if owner.email in m.to]
    assert len(reminders) == 2
    assert "14 days left" in reminders[0].subject and "3 days left" in reminders[1].subject


def test_a_declined_application_is_not_reminded(on_commit):
    application = _application(StaffFactory(), timezone.localdate() + timedelta(days=3))
    application.status = "declined"
    application.save()
    assert services.funding_reminders_send() == 0


def test_matching_deadlines_reach_the_dashboard_of_members(client):
    affiliation = AffiliationFactory()
    organization = affiliation.organization
    organization.sectors.set([sector("dairy")])
    organization.countries = ["US"]
    organization.save()
    funder = Funder.objects.create(name="Dairy Fund", kind="foundation", audience="members")
    soon = timezone.localdate() + timedelta(days=20)
    matching = FundingOpportunity.objects.create(
        funder=funder, program="DAIRY-GRANT", deadline=soon, audience="members", countries=["NZ"]
    )
    matching.sectors.set([sector("dairy")])
    FundingOpportunity.objects.create(
        funder=funder, program="US-GRANT", deadline=soon, audience="members", countries=["CA", "US"]
    )
    other = FundingOpportunity.objects.create(
        funder=funder, program="MINING-GRANT", deadline=soon, audience="members", countries=["CL"]
    )
    other.sectors.set([sector("mining")])
    FundingOpportunity.objects.create(
        funder=funder, program="STAFF-GRANT", deadline=soon, audience="staff", countries=["US"]
    )
    client.force_login(affiliation.user)
    html = client.get("/portal/").content.decode()
    assert "DAIRY-GRANT" in html and "US-GRANT" in html
    assert "MINING-GRANT" not in html and "STAFF-GRANT" not in html


@pytest.mark.parametrize("month", ["garbage", "2026-13", "-", "2026"])
def test_a_bad_month_in_the_calendar_address_shows_the_current_month(client, month):
    response = client.get(f"/coordination/calendar/?month={month}")
    assert response.status_code == 200
    assert response.context["first"] == timezone.localdate().replace(day=1)


def test_the_pipeline_lists_applications_by_status_and_says_when_it_is_empty(client):
    staff = StaffFactory()
    client.force_login(staff)
    assert (
        "No application in the pipeline."
        in client.get("/coordination/funding/pipeline/").content.decode()
    )
    _application(staff, timezone.localdate() + timedelta(days=20))
    html = client.get("/coordination/funding/pipeline/").content.decode()
    assert "Grant for farms" in html and "Drafting (1)" in html
