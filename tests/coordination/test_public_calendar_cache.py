"""The public calendar's entries are kept per language, zone and month (issue 22): a second
anonymous reader costs no query, and every write to what the calendar shows is on the page
at once; members are never served the public's kept entries."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from coordination.models import CalendarItem, Effort, Meeting, Update
from tests.coordination.builders import people
from tests.query_counts import ROWS, get_pinned

pytestmark = pytest.mark.django_db


def _month_start() -> datetime:
    first = (timezone.localdate().replace(day=1) + timedelta(days=32)).replace(day=1)
    return timezone.make_aware(datetime.combine(first, time(12)))


def _path() -> str:
    return f"/coordination/calendar/?month={_month_start():%Y-%m}&view=list"


@ROWS
def test_a_second_anonymous_reader_of_a_month_costs_no_query(
    client, site_tree, rows, django_assert_num_queries
):
    start = _month_start()
    CalendarItem.objects.bulk_create(
        CalendarItem(kind="action", title=f"Item {n}", starts_at=start, audience="public")
        for n in range(rows)
    )
    response = get_pinned(client, _path(), 0, django_assert_num_queries)
    assert len(response.context["entries"]) == rows
    # the Spanish page is kept apart (the kinds are translated)
    response = get_pinned(client, "/es" + _path(), 0, django_assert_num_queries)
    assert len(response.context["entries"]) == rows


def test_a_new_public_item_shows_at_once_although_the_month_is_kept(client, site_tree):
    start = _month_start()
    CalendarItem.objects.create(kind="action", title="First", starts_at=start, audience="public")
    assert "First" in client.get(_path()).content.decode()
    CalendarItem.objects.create(kind="hearing", title="Second", starts_at=start, audience="public")
    page = client.get(_path()).content.decode()
    assert "First" in page and "Second" in page


def test_a_change_or_removal_shows_at_once(client, site_tree):
    p = people()
    start = _month_start()
    item = CalendarItem.objects.create(
        kind="action", title="Rally", starts_at=start, audience="public"
    )
    meeting = Meeting.objects.create(title="Open meeting", starts_at=start, audience="public")
    client.get(_path())
    item.title = "Rally moved"
    item.save()
    meeting.audience = "members"  # no longer for the public
    meeting.save()
    page = client.get(_path()).content.decode()
    assert "Rally moved" in page and "Open meeting" not in page
    item.delete()
    assert "Rally moved" not in client.get(_path()).content.decode()
    # a date to hold, from an update on a public effort: its effort renamed shows at once
    effort = Effort.objects.create(name="Old name", owner=p["member"], audience="public")
    Update.objects.create(
        effort=effort, author=p["member"], body="Hold it", ask="date", ask_date=start.date()
    )
    assert "Old name" in client.get(_path()).content.decode()
    effort.name = "New name"
    effort.save()
    page = client.get(_path()).content.decode()
    assert "New name" in page and "Old name" not in page


def test_a_member_sees_their_own_entries_not_the_kept_public_ones(client, site_tree):
    p = people()
    start = _month_start()
    CalendarItem.objects.create(kind="action", title="Public", starts_at=start, audience="public")
    CalendarItem.objects.create(
        kind="action", title="For members", starts_at=start, audience="members"
    )
    anonymous = client.get(_path()).content.decode()
    assert "Public" in anonymous and "For members" not in anonymous
    client.force_login(p["member"])
    page = client.get(_path()).content.decode()
    assert "Public" in page and "For members" in page
