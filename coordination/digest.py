"""Coordination's part of the digests: funding deadlines two weeks ahead, once each."""

from collections import defaultdict
from datetime import timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wsr.members.roles import is_member, is_signed_in, is_staff

LEAD = timedelta(days=14)


def load_funding_deadlines(viewer, window_start, window_end):
    """Opportunities `viewer` may see whose deadline falls 14 days after the window: each
    deadline reaches a digest once, two weeks ahead, whatever the digest's rhythm."""
    from notifications.sections import Item

    from .models import FundingOpportunity

    opportunities = list(
        FundingOpportunity.objects.visible_to(viewer)
        .filter(deadline__gte=(window_start + LEAD).date(), deadline__lt=(window_end + LEAD).date())
        .select_related("funder")
        .order_by("deadline", "pk")
    )
    sectors = defaultdict(set)
    for opportunity_id, sector_id in FundingOpportunity.sectors.through.objects.filter(
        fundingopportunity_id__in=[o.pk for o in opportunities]
    ).values_list("fundingopportunity_id", "sector_id"):
        sectors[opportunity_id].add(sector_id)
    return [
        Item(
            title=f"{opportunity.funder.name}: {opportunity.program}",
            url=opportunity.get_absolute_url(),
            summary=_("Deadline %(date)s.") % {"date": date_format(opportunity.deadline)},
            date=None,
            facets={
                "sectors": sectors[opportunity.pk],
                "countries": {str(code) for code in opportunity.countries},
            },
        )
        for opportunity in opportunities
    ]


def funding_matcher(interests):
    """In the person's sectors and countries; an opportunity open to all matches anyone."""
    sectors = interests.get("sectors") or set()
    countries = interests.get("countries") or set()

    def test(item) -> bool:
        facets = item.facets
        if sectors and facets["sectors"] and sectors.isdisjoint(facets["sectors"]):
            return False
        return not (countries and facets["countries"] and countries.isdisjoint(facets["countries"]))

    return test


def prepare(users) -> None:
    """Working-group memberships of a batch, for `audience_key`, in one query."""
    from .models import GroupMembership

    groups = defaultdict(set)
    for user_id, group_id in GroupMembership.objects.filter(
        user_id__in=[user.pk for user in users]
    ).values_list("user_id", "group_id"):
        groups[user_id].add(group_id)
    for user in users:
        user._wsr_group_ids = frozenset(groups[user.pk])


def audience_key(viewer):
    """What `reach_q(viewer)` depends on: signed in, staff, member, working groups."""
    if viewer is None or not is_signed_in(viewer):
        return ("public",)
    if is_staff(viewer):
        return ("staff",)
    if not is_member(viewer):
        return ("account",)  # group memberships count only for members (reach_q)
    groups = getattr(viewer, "_wsr_group_ids", None)
    if groups is None:
        prepare([viewer])
        groups = viewer._wsr_group_ids
    return ("member", groups)


def sections():
    from notifications.sections import DigestSection

    return [
        DigestSection(
            kind="funding_deadline",
            load=load_funding_deadlines,
            audience_key=audience_key,
            matcher=funding_matcher,
            prepare=prepare,
        )
    ]
