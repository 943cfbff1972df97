"""Exact query counts of the coordination pages (issue 18), read as staff with a second
factor who convenes the working group (who sees the most), the same with 3 rows and with 30.
Records are spread over the four audiences; most are made in bulk, as the pages read them."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from coordination import services
from coordination.models import (
    CalendarItem,
    Effort,
    EffortTarget,
    Funder,
    FundingApplication,
    FundingOpportunity,
    GroupMembership,
    Meeting,
    Opportunity,
    Post,
    Proposal,
    ProposalOption,
    Thread,
    Update,
    Vote,
    WorkingGroup,
)
from tests.coordination.builders import AUDIENCES
from tests.members.factories import (
    ActiveOrganizationFactory,
    AffiliationFactory,
    sector,
)
from tests.query_counts import ROWS, get_pinned, signed_in_staff
from wsr.companies.models import Company

pytestmark = pytest.mark.django_db


staff = signed_in_staff  # the fixture, under the name the tests ask for


@pytest.fixture
def group(staff):
    made = WorkingGroup.objects.create(name="Strategy group", is_open=False)
    GroupMembership.objects.create(group=made, user=staff, role="convener")
    return made


def _next_month() -> datetime:
    """Noon on the first day of next month: every dated row of a test falls in that month."""
    first = (timezone.localdate().replace(day=1) + timedelta(days=32)).replace(day=1)
    return timezone.make_aware(datetime.combine(first, time(12)))


def _reach(n: int, group) -> dict:
    audience = AUDIENCES[n % len(AUDIENCES)]
    return {"audience": audience, "working_group": group if audience == "group" else None}


def _efforts(rows, group, owner, organizations) -> list[Effort]:
    """`rows` efforts over the four audiences, each with lead organizations, partners,
    sectors, a target company and two updates (one asks for a date next month)."""
    month = _next_month()
    efforts = [
        Effort.objects.create(
            name=f"Effort {n:02}", owner=owner, countries=["US", "MX"], **_reach(n, group)
        )
        for n in range(rows)
    ]
    through = Effort.lead_organizations.through
    through.objects.bulk_create(
        through(effort=effort, organization=organizations[n % 3])
        for n, effort in enumerate(efforts)
    )
    through = Effort.partners.through
    through.objects.bulk_create(
        through(effort=effort, organization=organizations[(n + 1) % 3])
        for n, effort in enumerate(efforts)
    )
    through = Effort.sectors.through
    through.objects.bulk_create(
        through(effort=effort, sector=sector(("agriculture", "dairy")[n % 2]))
        for n, effort in enumerate(efforts)
        for n in (n, n + 1)
    )
    companies = [Company.objects.create(name=f"Buyer {n}") for n in range(3)]
    EffortTarget.objects.bulk_create(
        EffortTarget(effort=effort, company=companies[n % 3], added_by=owner)
        for n, effort in enumerate(efforts)
    )
    Update.objects.bulk_create(
        Update(
            effort=effort,
            author=owner,
            body=f"News {n}",
            links="https://example.org/",
            ask=Update.Ask.DATE if n % 2 else "",
            ask_detail="Hold it" if n % 2 else "",
            ask_date=(month + timedelta(days=n % 28)).date() if n % 2 else None,
        )
        for effort in efforts
        for n in range(2)
    )
    return efforts


@ROWS
def test_the_efforts_the_feed_and_an_effort(client, staff, group, rows, django_assert_num_queries):
    owner = AffiliationFactory().user
    organizations = [ActiveOrganizationFactory() for _ in range(3)]
    first = _efforts(rows, group, owner, organizations)[0]
    # an effort with `rows` updates, lead organizations, partners and targets of its own
    services.update_post(effort=first, author=staff, body="From staff", links="https://a.org/")
    Update.objects.bulk_create(
        Update(effort=first, author=(owner, staff)[n % 2], body=f"More {n}") for n in range(rows)
    )
    first.lead_organizations.add(*organizations)
    first.partners.add(*[ActiveOrganizationFactory() for _ in range(rows)])
    EffortTarget.objects.bulk_create(
        EffortTarget(effort=first, company=Company.objects.create(name=f"Target {n}"))
        for n in range(rows)
    )
    response = get_pinned(client, "/coordination/efforts/", 7, django_assert_num_queries)
    assert len(response.context["efforts"]) == rows
    # +1 on the effort and the feed: the viewer's organizations, for "I can help" (issue 20)
    get_pinned(client, first.get_absolute_url(), 19, django_assert_num_queries)
    # issue 22: 15 -> 14 and 11 -> 10, the sector filter's options kept per language
    # (wsr.site.widgets.SECTORS); a chosen sector is still read, to validate it
    response = get_pinned(client, "/coordination/feed/", 13, django_assert_num_queries)
    assert response.context["page_obj"].paginator.count == 2 * rows + rows + 1
    filtered = f"/coordination/feed/?sector={sector('dairy').pk}&country=MX&page=1"
    get_pinned(client, filtered, 9, django_assert_num_queries)


@ROWS
def test_the_map_and_an_opportunity(client, staff, group, rows, django_assert_num_queries):
    owner = AffiliationFactory().user
    organizations = [ActiveOrganizationFactory() for _ in range(3)]
    opportunities = Opportunity.objects.bulk_create(
        Opportunity(
            title=f"Opportunity {n:02}",
            sector=sector(("agriculture", "dairy")[n % 2]),
            country="US",
            region="north_america",
            stage="research",
            owner=owner,
            latitude=Decimal(10 + n % 50),
            longitude=Decimal(20 + n % 50),
            **_reach(n, group),
        )
        for n in range(rows)
    )
    through = Opportunity.worker_organizations.through
    through.objects.bulk_create(
        through(opportunity=one, organization=organizations[n % 3])
        for n, one in enumerate(opportunities)
    )
    first = Opportunity.objects.get(pk=opportunities[0].pk)
    first.worker_organizations.add(*[ActiveOrganizationFactory() for _ in range(rows)])
    first.buyers.add(*[Company.objects.create(name=f"B{n}") for n in range(rows)])
    editors = [owner, staff]
    for n in range(min(rows, 20)):  # its history (the page shows the last 20 changes)
        first.supply_chain = f"Change {n}"
        first._history_user = editors[n % 2]  # noqa: SLF001
        first.save()
    response = get_pinned(client, "/coordination/map/", 6, django_assert_num_queries)
    assert len(response.context["opportunities"]) == rows
    get_pinned(
        client, f"/coordination/map/?sector={sector('dairy').pk}", 7, django_assert_num_queries
    )
    get_pinned(client, "/coordination/map.geojson", 3, django_assert_num_queries)
    get_pinned(client, f"/coordination/opportunities/{first.pk}/", 9, django_assert_num_queries)


@ROWS
def test_the_calendar_and_the_funding_lists(client, staff, group, rows, django_assert_num_queries):
    owner = AffiliationFactory().user
    _efforts(rows, group, owner, [ActiveOrganizationFactory() for _ in range(3)])
    month = _next_month()
    CalendarItem.objects.bulk_create(
        CalendarItem(
            kind="action",
            title=f"Item {n}",
            starts_at=month + timedelta(days=n % 28),
            **_reach(n, group),
        )
        for n in range(rows)
    )
    Meeting.objects.bulk_create(
        Meeting(
            group=group if n % 4 == 2 else None,
            title=f"Meeting {n}",
            starts_at=month + timedelta(days=n % 28, hours=1),
            **_reach(n, group),
        )
        for n in range(rows)
    )
    funders = Funder.objects.bulk_create(
        Funder(name=f"Funder {n}", kind="foundation", **_reach(n, group)) for n in range(rows)
    )
    streams = FundingOpportunity.objects.bulk_create(
        FundingOpportunity(
            funder=funder,
            program=f"Program {n}",
            deadline=(month + timedelta(days=n % 28)).date(),
            countries=["US"],
            **_reach(n, group),
        )
        for n, funder in enumerate(funders)
    )
    through = FundingOpportunity.sectors.through
    through.objects.bulk_create(
        through(fundingopportunity=stream, sector=sector("agriculture")) for stream in streams
    )
    FundingApplication.objects.bulk_create(
        FundingApplication(
            funder=funder,
            opportunity=stream,
            title=f"Application {n}",
            owner=(owner, staff)[n % 2],
            status=FundingApplication.Status.values[n % len(FundingApplication.Status.values)],
            deadline=(month + timedelta(days=n % 28)).date(),
        )
        for n, (funder, stream) in enumerate(zip(funders, streams, strict=True))
    )
    for url, queries in (
        (f"/coordination/calendar/?month={month:%Y-%m}", 13),
        (f"/coordination/calendar/?view=list&month={month:%Y-%m}", 13),
    ):
        response = get_pinned(client, url, queries, django_assert_num_queries)
    assert (
        len(response.context["entries"]) == 5 * rows
    )  # items, meetings, deadlines, asks, applications
    response = get_pinned(client, "/coordination/funding/", 6, django_assert_num_queries)
    assert len(response.context["opportunities"]) == rows
    response = get_pinned(client, "/coordination/funding/pipeline/", 5, django_assert_num_queries)
    assert len(response.context["applications"]) == rows


@ROWS
def test_the_groups_a_group_a_thread_a_meeting_and_a_proposal(
    client, staff, group, rows, django_assert_num_queries
):
    members = [AffiliationFactory().user for _ in range(rows)]
    GroupMembership.objects.bulk_create(GroupMembership(group=group, user=m) for m in members)
    others = [WorkingGroup(name=f"Group {n:02}", is_open=n % 2 == 0) for n in range(rows - 1)]
    for other in others:
        other.save()
    GroupMembership.objects.bulk_create(
        GroupMembership(group=other, user=members[n % rows]) for n, other in enumerate(others)
    )
    thread = services.thread_create(group=group, author=staff, title="Plans", body="Let us plan.")
    Thread.objects.bulk_create(
        Thread(group=group, title=f"Thread {n}", author=members[n]) for n in range(rows - 1)
    )
    Post.objects.bulk_create(
        Post(thread=thread, author=members[n], body=f"Reply {n}", body_html=f"<p>Reply {n}</p>")
        for n in range(rows)
    )
    month = _next_month()
    meeting = Meeting.objects.create(
        group=group,
        title="Convening",
        starts_at=month,
        agenda="# Agenda\n\n- one",
        minutes="Done.",
        audience="group",
        working_group=group,
    )
    meeting.attendees.add(*members)
    Meeting.objects.bulk_create(
        Meeting(
            group=group,
            title=f"Meeting {n}",
            starts_at=month + timedelta(days=n),
            audience="group",
            working_group=group,
        )
        for n in range(rows - 1)
    )
    proposal = services.proposal_create(
        group=group,
        actor=staff,
        title="Open proposal",
        text="Shall we?",
        options=["Yes", "No", "Abstain"],
        closes_at=timezone.now() + timedelta(days=3),
        results=Proposal.Results.LIVE,
    )
    options = list(proposal.options.all())
    Vote.objects.bulk_create(
        Vote(proposal=proposal, voter=member, option=options[n % 3])
        for n, member in enumerate(members)
    )
    decisions = Proposal.objects.bulk_create(
        Proposal(
            group=group,
            title=f"Decision {n}",
            text="Decided.",
            closes_at=timezone.now() - timedelta(days=n + 1),
            created_by=staff,
            outcome=f"Outcome {n}",
            outcome_recorded_at=timezone.now(),
            outcome_recorded_by=staff,
            audience="group",
            working_group=group,
        )
        for n in range(rows)
    )
    ProposalOption.objects.bulk_create(
        ProposalOption(proposal=decision, label=label, sort_order=n)
        for decision in decisions
        for n, label in enumerate(("Yes", "No"))
    )
    # +2 (issue 20): my pending invitations, and the invitation-only groups I may ask to join.
    response = get_pinned(client, "/coordination/groups/", 8, django_assert_num_queries)
    assert len(response.context["groups"]) == rows
    # Issue 20: +1 the group's results; +2 may I leave, and the requests to join (convener).
    response = get_pinned(client, group.get_absolute_url(), 14, django_assert_num_queries)
    assert len(response.context["threads"]) == rows
    get_pinned(client, f"{group.get_absolute_url()}?q=outcome", 14, django_assert_num_queries)
    get_pinned(client, thread.get_absolute_url(), 7, django_assert_num_queries)
    get_pinned(client, meeting.get_absolute_url(), 13, django_assert_num_queries)
    get_pinned(client, proposal.get_absolute_url(), 12, django_assert_num_queries)
    get_pinned(client, decisions[0].get_absolute_url(), 11, django_assert_num_queries)
