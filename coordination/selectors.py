"""Reads of the coordination app. Each starts from the model's `visible_to(user)`, so pages,
lists, the map's data, exports, feeds and the calendar show the same things to the same
people; each runs a fixed number of queries whatever the number of rows."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from .models import (
    CalendarItem,
    Effort,
    EffortFollow,
    FundingApplication,
    FundingOpportunity,
    GroupMembership,
    Meeting,
    Opportunity,
    Proposal,
    Region,
    Stage,
    Thread,
    Update,
    Vote,
    WorkingGroup,
)
from .permissions import can_see_funding_pipeline

# Opportunities -----------------------------------------------------------------------------


MAP_FIELDS = (
    "id",
    "title",
    "country",
    "region",
    "stage",
    "latitude",
    "longitude",
    "is_demo",
    "sector__name",
    "sector__name_es",
)


def opportunities_for(user, queryset=None):
    """The opportunities `user` may see, with only the columns a list or the map needs."""
    queryset = queryset if queryset is not None else Opportunity.objects.all()
    return (
        queryset.filter(pk__in=Opportunity.objects.visible_to(user).values("pk"))
        .select_related("sector")
        .only(*MAP_FIELDS)
        .order_by("title")
    )


def opportunity_for(user, pk: int) -> Opportunity:
    return get_object_or_404(
        Opportunity.objects.visible_to(user).select_related("sector", "owner__profile"), pk=pk
    )


def opportunities_geojson(opportunities) -> dict:
    """A GeoJSON FeatureCollection (RFC 7946: longitude first) of the given opportunities.
    Built for thousands of points: one URL pattern, labels looked up once per value."""
    url_of = reverse("coordination:opportunity-detail", kwargs={"pk": 0}).removesuffix("0/")
    stages = dict(Stage.choices)
    regions = dict(Region.choices)
    country_names: dict[str, str] = {}
    sector_names: dict[int, str] = {}
    features = []
    for o in opportunities:
        code = o.country.code
        if code not in country_names:
            country_names[code] = str(o.country.name)
        if o.sector_id not in sector_names:
            sector_names[o.sector_id] = str(o.sector)
        features.append(
            {
                "type": "Feature",
                "id": o.pk,
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(o.longitude), float(o.latitude)],
                },
                "properties": {
                    "title": o.title,
                    "sector": sector_names[o.sector_id],
                    "country": code,
                    "country_name": country_names[code],
                    "region": str(regions.get(o.region, o.region)),
                    "stage": o.stage,
                    "stage_label": str(stages.get(o.stage, o.stage)),
                    "url": f"{url_of}{o.pk}/",
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


# Efforts and the feed ----------------------------------------------------------------------


def efforts_for(user):
    return (
        Effort.objects.visible_to(user)
        .select_related("working_group")
        .prefetch_related("lead_organizations", "sectors")
        .annotate(update_count=Count("updates"))
        .order_by("name")
    )


def effort_for(user, slug: str) -> Effort:
    return get_object_or_404(
        Effort.objects.visible_to(user).select_related("owner__profile"), slug=slug
    )


def is_following(effort, user) -> bool:
    return user.is_authenticated and EffortFollow.objects.filter(effort=effort, user=user).exists()


def effort_targets_with_overlaps(user, effort, *, with_hidden: bool = False) -> list:
    """The effort's targets, each with `.others`: the other efforts `user` may see that
    target the same company, and (`with_hidden`, for the people running it) `.has_hidden`:
    whether efforts `user` may not see target it too (that there are, not which: issue 20).
    Two queries, whatever the number of targets and overlaps."""
    from django.db.models import Exists, OuterRef

    from .models import EffortTarget

    targets = list(effort.targets.select_related("company"))
    companies = [t.company_id for t in targets]
    visible = Effort.objects.visible_to(user)
    others: dict[int, list] = {}
    hidden: set[int] = set()
    if companies:
        rows = (
            EffortTarget.objects.filter(company_id__in=companies)
            .exclude(effort=effort)
            .annotate(is_visible=Exists(visible.filter(pk=OuterRef("effort_id"))))
            .select_related("effort")
            .order_by("effort__name")
        )
        if not with_hidden:
            rows = rows.filter(is_visible=True)
        for row in rows:
            if row.is_visible:
                others.setdefault(row.company_id, []).append(row.effort)
            else:
                hidden.add(row.company_id)  # that there is one: nothing of it is shown
    for target in targets:
        target.others = others.get(target.company_id, [])
        target.has_hidden = target.company_id in hidden
    return targets


def feed(user, *, sector=None, country: str = "", effort=None, followed_only: bool = False):
    """Recent updates across the efforts `user` may see, newest first."""
    efforts = Effort.objects.visible_to(user)
    if sector is not None:
        efforts = efforts.filter(sectors=sector)
    if country:
        efforts = efforts.filter(countries__regex=rf"(^|,){country}(,|$)")
    if followed_only and user.is_authenticated:
        efforts = efforts.filter(follows__user=user)
    updates = Update.objects.filter(effort__in=efforts.values("pk"))
    if effort is not None:
        updates = updates.filter(effort=effort)
    return updates.select_related("effort", "author__profile").order_by("-created_at", "-pk")


# Working groups ----------------------------------------------------------------------------


def groups_for(user):
    mine = set(GroupMembership.objects.filter(user=user).values_list("group_id", flat=True))
    groups = list(WorkingGroup.objects.visible_to(user).annotate(member_count=Count("memberships")))
    for group in groups:
        group.is_mine = group.pk in mine
    return groups


def group_for(user, slug: str) -> WorkingGroup:
    return get_object_or_404(WorkingGroup.objects.visible_to(user), slug=slug)


def threads_for(user, group):
    return (
        Thread.objects.visible_to(user)
        .filter(group=group)
        .select_related("group", "author__profile")  # each thread's link names its group
        .annotate(post_count=Count("posts"))
    )


def decision_log(user, group, query: str = ""):
    proposals = Proposal.objects.visible_to(user).filter(group=group)
    if query:
        proposals = proposals.filter(
            Q(title__icontains=query)
            | Q(text__icontains=query)
            | Q(outcome__icontains=query)
            # issue 20: the results that carry the decision out (seen through the proposal)
            | Q(tracked_results__title__icontains=query)
        ).distinct()
    return proposals.prefetch_related("options", results_prefetch(user)).order_by("-closes_at")


def results_prefetch(user):
    """Each proposal's tracked results (issue 20), in one query for any number of them."""
    from django.db.models import Prefetch

    from .models.results import Result

    return Prefetch(
        "tracked_results",
        queryset=Result.objects.visible_to(user).select_related("owner__profile"),
    )


def group_results(user, group, *, limit: int = 50):
    """The follow-through of a group's decisions: results not done or dropped first."""
    from django.db.models import Case, IntegerField, Value, When

    from .models.results import Result

    finished = Case(
        When(status__in=[Result.Status.DONE, Result.Status.DROPPED], then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return list(
        Result.objects.visible_to(user)
        .filter(proposal__group=group)
        .select_related("owner__profile")
        .order_by(finished, "due_date", "pk")[:limit]
    )


@dataclass
class Tally:
    rows: list  # (option, votes, percent)
    total: int
    shown: bool


def tally(proposal: Proposal) -> Tally:
    """Votes per option, counted in one query. Hidden until closing unless shown live."""
    counts = Counter(
        dict(
            Vote.objects.filter(proposal=proposal)
            .values_list("option_id")
            .annotate(n=Count("pk"))
            .values_list("option_id", "n")
        )
    )
    total = sum(counts.values())
    rows = [
        (
            option,
            counts.get(option.pk, 0),
            round(100 * counts.get(option.pk, 0) / total) if total else 0,
        )
        for option in proposal.options.all()
    ]
    shown = proposal.is_closed or proposal.results == Proposal.Results.LIVE
    return Tally(rows=rows, total=total, shown=shown)


# Funding -----------------------------------------------------------------------------------


def funding_opportunities_for(user, *, upcoming_only: bool = True):
    queryset = FundingOpportunity.objects.visible_to(user).select_related("funder")
    if upcoming_only:
        queryset = queryset.filter(deadline__gte=timezone.localdate())
    return queryset.prefetch_related("sectors").order_by("deadline")


def funding_matching(user, *, days: int = 60, limit: int = 5):
    """Upcoming funding deadlines that match the sectors or countries of the person's
    organizations (for the dashboard), with the columns the dashboard shows. Two queries:
    the organizations' countries, then the deadlines (their sectors as a subquery)."""
    from wsr.members.models import Organization

    organizations = Organization.objects.filter(affiliations__user=user)
    stored = list(organizations.values_list("countries", flat=True))
    if not stored:
        return []
    countries = {code for value in stored for code in value.split(",") if code}
    sectors = Organization.sectors.through.objects.filter(
        organization__in=organizations.values("pk")
    ).values("sector_id")
    match = Q(sectors__in=sectors)
    for code in sorted(countries):
        match |= Q(countries__regex=rf"(^|,){code}(,|$)")
    today = timezone.localdate()
    ids = (
        FundingOpportunity.objects.visible_to(user)
        .filter(deadline__gte=today, deadline__lte=today + timedelta(days=days))
        .filter(match)
        .values("pk")
    )
    return list(
        FundingOpportunity.objects.filter(pk__in=ids)
        .select_related("funder")
        .only("program", "deadline", "funder__name")
        .order_by("deadline")[:limit]
    )


def pipeline(user):
    return FundingApplication.objects.visible_to(user).select_related("funder", "owner__profile")


# The shared calendar -----------------------------------------------------------------------


@dataclass
class CalendarEntry:
    uid: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    all_day: bool
    kind: str
    place: str
    url: str
    source: str
    description: str = ""  # issue 20: what a member wrote about their calendar item (Markdown)

    @property
    def day(self) -> date:
        return timezone.localtime(self.starts_at).date()


def _at_noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def coordination_calendar(user, start: datetime, end: datetime) -> list[CalendarEntry]:
    """This app's dated items in [start, end): actions and hearings, meetings, funding
    deadlines, dates to hold from updates, and (for staff) application deadlines."""
    entries = [
        CalendarEntry(
            uid=f"item-{i.pk}",
            title=i.title,
            starts_at=i.starts_at,
            ends_at=i.ends_at,
            all_day=i.all_day,
            kind=str(i.get_kind_display()),
            place=i.place,
            url=i.effort.get_absolute_url() if i.effort_id else "",
            source="coordination",
            description=i.description,
        )
        for i in CalendarItem.objects.visible_to(user)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .select_related("effort")
        .only(
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "all_day",
            "place",
            "description",
            "effort__slug",
        )
    ]
    entries += [
        CalendarEntry(
            uid=f"meeting-{m.pk}",
            title=m.title,
            starts_at=m.starts_at,
            ends_at=m.ends_at,
            all_day=False,
            kind=_("Meeting"),
            place=m.place,
            url=m.get_absolute_url(),
            source="coordination",
        )
        for m in Meeting.objects.visible_to(user).filter(starts_at__gte=start, starts_at__lt=end)
    ]
    entries += [
        CalendarEntry(
            uid=f"funding-{f.pk}",
            title=f"{f.funder.name}: {f.program}",
            starts_at=_at_noon(f.deadline),
            ends_at=None,
            all_day=True,
            kind=_("Funding deadline"),
            place="",
            url=f.get_absolute_url(),
            source="coordination",
        )
        for f in FundingOpportunity.objects.visible_to(user)
        .filter(deadline__gte=start.date(), deadline__lt=end.date())
        .select_related("funder")
    ]
    entries += [
        CalendarEntry(
            uid=f"hold-{u.pk}",
            title=f"{u.effort.name}: {u.ask_detail or u.body[:80]}",
            starts_at=_at_noon(u.ask_date),
            ends_at=None,
            all_day=True,
            kind=_("Date to hold"),
            place="",
            url=u.effort.get_absolute_url(),
            source="coordination",
        )
        for u in Update.objects.visible_to(user)
        .filter(ask=Update.Ask.DATE, ask_date__gte=start.date(), ask_date__lt=end.date())
        .select_related("effort")
        .only("ask_detail", "body", "ask_date", "effort__name", "effort__slug")
    ]
    if can_see_funding_pipeline(user):
        entries += [
            CalendarEntry(
                uid=f"application-{a.pk}",
                title=f"{a.title} ({a.deadline_note or a.get_status_display()})",
                starts_at=_at_noon(a.deadline),
                ends_at=None,
                all_day=True,
                kind=_("Application deadline"),
                place="",
                url="",
                source="coordination",
            )
            for a in FundingApplication.objects.visible_to(user).filter(
                deadline__gte=start.date(), deadline__lt=end.date()
            )
        ]
    return entries


def calendar_entries(user, start: datetime, end: datetime) -> list[CalendarEntry]:
    """Every app's dated items for `user`, through the hook `wsr_calendar_sources`: each
    source returns dicts (or CalendarEntry) within its own audience rules."""
    entries = coordination_calendar(user, start, end)
    for source in hooks.get_hooks("wsr_calendar_sources"):
        for item in source(user, start, end):
            entries.append(item if isinstance(item, CalendarEntry) else CalendarEntry(**item))
    return sorted(entries, key=lambda e: (e.starts_at, e.title))


# What a person has through an organization ------------------------------------------------


def affiliation_losses(organization, affiliations) -> dict[int, list[dict]]:
    """For the org admin's people page: per person, the working groups and the efforts (led
    by `organization`) they would lose if removed, in three queries for any number of people.
    Each entry: label, items, and the address that ends it (working groups held only through
    this organization)."""
    from django.urls import reverse

    from wsr.members.models import Affiliation, Membership

    affiliation_of = {affiliation.user_id: affiliation.pk for affiliation in affiliations}
    ids = list(affiliation_of)
    groups: dict[int, list[str]] = {}
    for user_id, name in (
        GroupMembership.objects.filter(user_id__in=ids)
        .order_by("group__name")
        .values_list("user_id", "group__name")
    ):
        groups.setdefault(user_id, []).append(name)
    efforts: dict[int, list[str]] = {}
    for owner_id, name in (
        Effort.objects.filter(owner_id__in=ids, lead_organizations=organization)
        .order_by("name")
        .values_list("owner_id", "name")
        .distinct()
    ):
        efforts.setdefault(owner_id, []).append(name)
    elsewhere = set(
        Affiliation.objects.filter(
            user_id__in=list(groups), organization__membership__status=Membership.Status.ACTIVE
        )
        .exclude(organization=organization)
        .values_list("user_id", flat=True)
    )
    losses: dict[int, list[dict]] = {}
    for user_id, names in groups.items():
        through_us = user_id not in elsewhere
        losses.setdefault(user_id, []).append(
            {
                "label": _("Working groups"),
                "items": names,
                "note": "" if through_us else _("kept through another member organization"),
                "end_url": reverse(
                    "coordination:affiliation-groups-end",
                    args=[organization.slug, affiliation_of[user_id]],
                )
                if through_us
                else "",
                "end_label": _("End their working-group memberships"),
            }
        )
    for user_id, names in efforts.items():
        losses.setdefault(user_id, []).append(
            {
                "label": _("Efforts they run for the organization (they pass to you)"),
                "items": names,
                "note": "",
                "end_url": "",
                "end_label": "",
            }
        )
    return losses
