"""Digest sections share one load among viewers with the same audience key: the shared
result must be exactly what each viewer's own `visible_to` gives."""

import pytest
from django.contrib.auth.models import AnonymousUser

from coordination.models import FundingOpportunity, GroupMembership, WorkingGroup
from notifications.sections import sections
from tests.coordination.builders import people
from tests.members.factories import StaffFactory, UserFactory, member
from tests.notifications.conftest import utc

pytestmark = pytest.mark.django_db

START, END = utc(2026, 11, 25, 7), utc(2026, 11, 26, 7)


def titles(items):
    return sorted(item.title for item in items)


def test_viewers_with_one_audience_key_see_the_same_items(new_resource, site_tree):
    from coordination.models import Funder

    for audience in ("public", "members", "staff"):
        new_resource(f"Resource for {audience}", when=utc(2026, 11, 25, 20), audience=audience)
    group = WorkingGroup.objects.create(name="Dairy", slug="dairy")
    funder = Funder.objects.create(name="Fund", kind="foundation", audience="public")
    for audience, in_group in (
        ("public", None),
        ("members", None),
        ("group", group),
        ("staff", None),
    ):
        FundingOpportunity.objects.create(
            funder=funder,
            program=f"Program for {audience}",
            deadline=utc(2026, 12, 9, 12).date(),
            audience=audience,
            working_group=in_group,
        )
    p = people()
    in_group, outside = member(), member()
    GroupMembership.objects.create(group=group, user=in_group)
    viewers = [AnonymousUser(), UserFactory(), outside, in_group, p["member"], StaffFactory()]
    for key, section in sections().items():
        if section.prepare:
            section.prepare([viewer for viewer in viewers if viewer.is_authenticated])
        by_key = {}
        for viewer in viewers:
            mine = titles(section.load(viewer, START, END))
            shared = by_key.setdefault(section.audience_key(viewer), mine)
            assert shared == mine, (key, viewer)
    funding = sections()["funding_deadline"]
    assert titles(funding.load(in_group, START, END)) == [
        "Fund: Program for group",
        "Fund: Program for members",
        "Fund: Program for public",
    ]
    assert funding.audience_key(in_group) != funding.audience_key(outside)
