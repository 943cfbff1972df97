"""Members add calendar items and opportunities (issue 20): published at once for members or
a group; a public wish waits for staff review (approve: public; decline: stays with members,
the proposer told); owners edit their own; only staff keep a record to staff."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coordination import services
from coordination.models import CalendarItem, Opportunity
from notifications.models import Notification
from tests.members.factories import AffiliationFactory, StaffFactory, sector
from tests.query_counts import signed_in_staff

pytestmark = pytest.mark.django_db

staff = signed_in_staff


def _when(days=3) -> str:
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def _item_data(**extra):
    return {
        "kind": "action",
        "title": "Rally at the distribution center",
        "starts_at": _when(),
        "place": "Lakeland, FL",
        "audience": "members",
        **extra,
    }


def _month(days=3) -> str:
    return (timezone.localdate() + timedelta(days=days)).strftime("%Y-%m")


def _calendar(client):
    return client.get(f"/coordination/calendar/?month={_month()}&view=list").content.decode()


def test_a_members_only_item_is_published_at_once_to_members_only(client):
    proposer = AffiliationFactory().user
    client.force_login(proposer)
    response = client.post("/coordination/calendar/items/new/", _item_data())
    assert response.status_code == 302
    item = CalendarItem.objects.get()
    assert (item.audience, item.public_requested, item.proposed_by) == ("members", False, proposer)
    client.force_login(AffiliationFactory().user)
    assert "Rally at the distribution center" in _calendar(client)
    client.logout()
    assert "Rally at the distribution center" not in _calendar(client)


def test_a_public_item_waits_for_staff_who_approve_it(client, staff):
    proposer = AffiliationFactory().user
    client.force_login(proposer)
    client.post("/coordination/calendar/items/new/", _item_data(audience="public"))
    item = CalendarItem.objects.get()
    assert (item.audience, item.public_requested) == ("members", True)
    client.logout()
    assert "Rally at the distribution center" not in _calendar(client)
    assert b"Rally" not in client.get("/coordination/calendar/public.ics").content
    client.force_login(staff)
    page = client.get("/coordination/review/")
    assert page.status_code == 200 and "Rally at the distribution center" in page.content.decode()
    client.post(f"/coordination/review/calendar/{item.pk}/", {"decision": "approve"})
    item.refresh_from_db()
    assert (item.audience, item.public_requested, item.reviewed_by) == ("public", False, staff)
    client.logout()
    assert b"Rally" in client.get("/coordination/calendar/public.ics").content
    told = Notification.objects.get(kind="item_review", recipient=proposer)
    assert told.context["approved"] is True


def test_a_declined_item_stays_with_members_and_the_proposer_is_told(client, staff):
    proposer = AffiliationFactory().user
    client.force_login(proposer)
    client.post("/coordination/calendar/items/new/", _item_data(audience="public"))
    item = CalendarItem.objects.get()
    client.force_login(staff)
    client.post(f"/coordination/review/calendar/{item.pk}/", {"decision": "decline"})
    item.refresh_from_db()
    assert (item.audience, item.public_requested, item.reviewed_by) == ("members", False, staff)
    assert Notification.objects.get(kind="item_review", recipient=proposer).context == {
        "title": "Rally at the distribution center",
        "approved": False,
        "url": "",
    }
    client.logout()
    assert "Rally" not in _calendar(client)


def test_only_staff_review_and_only_staff_keep_to_staff(client):
    member = AffiliationFactory().user
    client.force_login(member)
    assert client.get("/coordination/review/").status_code == 403
    response = client.post("/coordination/calendar/items/new/", _item_data(audience="staff"))
    assert response.status_code == 400
    assert "Rally at the distribution center" in response.content.decode()  # text kept
    assert not CalendarItem.objects.exists()


def test_owners_edit_their_own_items_and_a_public_edit_goes_back_to_review(client, staff):
    proposer = AffiliationFactory().user
    item = services.calendar_item_propose(
        actor=proposer,
        audience="members",
        kind="hearing",
        title="Hearing",
        starts_at=timezone.now() + timedelta(days=3),
    )
    client.force_login(AffiliationFactory().user)  # another member
    assert client.get(f"/coordination/calendar/items/{item.pk}/edit/").status_code == 404
    client.force_login(proposer)
    assert client.get(f"/coordination/calendar/items/{item.pk}/edit/").status_code == 200
    response = client.post(
        f"/coordination/calendar/items/{item.pk}/edit/",
        _item_data(kind="hearing", title="Hearing at the state senate", audience="public"),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.audience, item.public_requested) == (
        "Hearing at the state senate",
        "members",
        True,
    )


def _opportunity_data(**extra):
    return {
        "title": "Citrus pickers in Veracruz",
        "sector": sector("agriculture").pk,
        "country": "MX",
        "region": "latin_america",
        "stage": "research",
        "latitude": "19.17380",
        "longitude": "-96.13420",
        "audience": "public",
        **extra,
    }


def test_members_propose_opportunities_with_coordinates_reviewed_before_public(client, staff):
    proposer = AffiliationFactory().user
    client.force_login(proposer)
    bad = client.post("/coordination/opportunities/new/", _opportunity_data(latitude="123"))
    assert bad.status_code == 400 and "Citrus pickers in Veracruz" in bad.content.decode()
    response = client.post("/coordination/opportunities/new/", _opportunity_data())
    assert response.status_code == 302
    opportunity = Opportunity.objects.get()
    assert (opportunity.owner, opportunity.audience, opportunity.public_requested) == (
        proposer,
        "members",
        True,
    )
    client.logout()
    assert client.get(opportunity.get_absolute_url()).status_code == 404
    assert b"Citrus" not in client.get("/coordination/map/").content
    services.proposal_review(record=opportunity, actor=staff, approve=True)
    assert client.get(opportunity.get_absolute_url()).status_code == 200
    client.force_login(AffiliationFactory().user)
    assert client.get(f"/coordination/opportunities/{opportunity.pk}/edit/").status_code == 404
    client.force_login(proposer)
    assert client.get(f"/coordination/opportunities/{opportunity.pk}/edit/").status_code == 200


def test_staff_publish_public_items_at_once():
    item = services.calendar_item_propose(
        actor=StaffFactory(),
        audience="public",
        kind="convening",
        title="Annual convening",
        starts_at=timezone.now() + timedelta(days=30),
    )
    assert (item.audience, item.public_requested) == ("public", False)


@pytest.mark.parametrize("rows", [1, 8])
def test_the_calendar_and_review_pages_keep_their_query_counts(
    client, staff, rows, django_assert_num_queries
):
    proposers = [AffiliationFactory().user for _ in range(rows)]
    for n, proposer in enumerate(proposers):
        services.calendar_item_propose(
            actor=proposer,
            audience=("members", "public")[n % 2],
            kind="action",
            title=f"Action {n}",
            starts_at=timezone.now() + timedelta(days=3),
        )
        services.opportunity_propose(
            actor=proposer,
            audience="public",
            title=f"Opportunity {n}",
            sector=sector("agriculture"),
            country="US",
            region="north_america",
            stage="idea",
            latitude=10,
            longitude=20,
        )
    client.force_login(staff)
    path = f"/coordination/calendar/?month={_month()}&view=list"
    client.get(path)
    client.get("/coordination/review/")
    with django_assert_num_queries(CALENDAR_QUERIES):
        client.get(path)
    with django_assert_num_queries(REVIEW_QUERIES):
        response = client.get("/coordination/review/")
    assert len(response.context["opportunities"]) == rows


CALENDAR_QUERIES = 13  # 14 before issue 22 (the bell kept per person)
REVIEW_QUERIES = 6  # 7 before issue 22
