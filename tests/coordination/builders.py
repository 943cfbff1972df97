"""Builders for coordination tests: one record per audience, people in every role."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from coordination import services
from coordination.models import (
    CalendarItem,
    Effort,
    Funder,
    FundingApplication,
    FundingOpportunity,
    GroupMembership,
    Meeting,
    Opportunity,
    WorkingGroup,
)
from tests.members.factories import (
    AffiliationFactory,
    StaffFactory,
    UserFactory,
    sector,
)

AUDIENCES = ("public", "members", "group", "staff")


def people():
    group = WorkingGroup.objects.create(name="Strategy group", is_open=False)
    in_group = AffiliationFactory().user
    GroupMembership.objects.create(group=group, user=in_group)
    owner = AffiliationFactory().user
    return {
        "anonymous": None,
        "outsider": UserFactory(),  # an account, no member organization
        "member": AffiliationFactory().user,
        "in_group": in_group,
        "owner": owner,
        "staff": StaffFactory(),
        "group": group,
    }


def _reach(audience, group):
    return {"audience": audience, "working_group": group if audience == "group" else None}


def opportunity(audience, group, owner, *, title=None, slug="agriculture", lat=10, lon=20):
    return Opportunity.objects.create(
        title=title or f"OPP-{audience.upper()}",
        sector=sector(slug),
        country="US",
        region="north_america",
        stage="research",
        owner=owner,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
        **_reach(audience, group),
    )


def effort(
    audience,
    group,
    owner,
    *,
    name=None,
    organization=None,
    sectors=("agriculture",),
    countries=("US",),
):
    made = Effort.objects.create(
        name=name or f"EFFORT-{audience.upper()}",
        owner=owner,
        countries=list(countries),
        **_reach(audience, group),
    )
    if organization is not None:
        made.lead_organizations.add(organization)
    made.sectors.set([sector(s) for s in sectors])
    return made


def one_of_each(p):
    """A record per audience for every kind that has one, with markers in their titles."""
    group, owner = p["group"], p["owner"]
    now = timezone.now()
    for audience in AUDIENCES:
        opportunity(audience, group, owner)
        made = effort(audience, group, owner)
        services.update_post(
            effort=made,
            author=p["staff"],
            body=f"UPDATE-{audience.upper()}",
            ask="date",
            ask_detail=f"HOLD-{audience.upper()}",
            ask_date=timezone.localdate() + timedelta(days=3),
        )
        CalendarItem.objects.create(
            kind="action",
            title=f"ITEM-{audience.upper()}",
            starts_at=now + timedelta(days=2),
            **_reach(audience, group),
        )
        Meeting.objects.create(
            group=group if audience == "group" else None,
            title=f"MEETING-{audience.upper()}",
            starts_at=now + timedelta(days=4),
            **_reach(audience, group),
        )
        funder = Funder.objects.create(
            name=f"FUNDER-{audience.upper()}", kind="foundation", **_reach(audience, group)
        )
        FundingOpportunity.objects.create(
            funder=funder,
            program=f"FUNDING-{audience.upper()}",
            deadline=timezone.localdate() + timedelta(days=5),
            **_reach(audience, group),
        )
    FundingApplication.objects.create(
        funder=Funder.objects.first(),
        title="APPLICATION-STAFF",
        owner=p["staff"],
        deadline=timezone.localdate() + timedelta(days=6),
    )
