"""A member's records in the site search are kept per audience and working groups (issue
22): a second search reads none of them, and a write to what they show, a group joined or
left, shows at once; nobody is served another person's records."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordination import services
from coordination.models import GroupMembership, Thread, WorkingGroup
from tests.members.factories import AffiliationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.WSR_PAGE_CACHE = False


@pytest.fixture
def group():
    return WorkingGroup.objects.create(name="Strategy", is_open=False)


def _member_in(group):
    user = AffiliationFactory().user
    if group is not None:
        GroupMembership.objects.create(group=group, user=user)
    return user


def _search(client, user, q):
    client.force_login(user)
    return client.get("/search/", {"q": q}).content.decode()


def _record_queries(client, q):
    with CaptureQueriesContext(connection) as context:
        client.get("/search/", {"q": q})
    return [
        query["sql"]
        for query in context.captured_queries
        if "coordination_thread" in query["sql"] or "coordination_effort" in query["sql"]
    ]


def test_a_second_search_reads_no_record_and_a_new_discussion_shows_at_once(client, group):
    inside = _member_in(group)
    services.thread_create(group=group, author=inside, title="Harvest plans", body="Low rate.")
    assert "Harvest plans" in _search(client, inside, "harvest")
    assert _record_queries(client, "harvest") == []
    services.thread_create(group=group, author=inside, title="Harvest wages", body="Rates.")
    page = _search(client, inside, "harvest")
    assert "Harvest plans" in page and "Harvest wages" in page
    # a renamed group and an edited title show at once too
    group.name = "Field strategy"
    group.save()
    assert "Field strategy" in _search(client, inside, "harvest")
    Thread.objects.filter(title="Harvest wages").update(title="x")  # no signal: not a write path
    thread = Thread.objects.get(title="x")
    thread.title = "Harvest pay"
    thread.save()
    assert "Harvest pay" in _search(client, inside, "harvest")


def test_another_member_is_not_served_a_group_members_records(client, group):
    inside = _member_in(group)
    services.thread_create(group=group, author=inside, title="Harvest plans", body="Low rate.")
    assert "Harvest plans" in _search(client, inside, "harvest")
    outsider = _member_in(None)
    assert "Harvest plans" not in _search(client, outsider, "harvest")
    # joining the group shows its discussions at once; leaving hides them at once
    membership = GroupMembership.objects.create(group=group, user=outsider)
    assert "Harvest plans" in _search(client, outsider, "harvest")
    membership.delete()
    assert "Harvest plans" not in _search(client, outsider, "harvest")


def test_the_public_is_not_served_a_members_records(client, group):
    inside = _member_in(group)
    services.thread_create(group=group, author=inside, title="Harvest plans", body="Low rate.")
    assert "Harvest plans" in _search(client, inside, "harvest")
    client.logout()
    assert "Harvest plans" not in client.get("/search/", {"q": "harvest"}).content.decode()


def test_a_group_joined_while_a_search_is_built_is_not_served_to_members_outside_it(
    client, group, monkeypatch
):
    """Review of issue 22: the key is made from the groups read before the search runs; a
    group joined in between must not leave its records under the key of fewer groups."""
    from wsr.site import search as site_search

    inside = _member_in(group)
    services.thread_create(group=group, author=inside, title="Harvest plans", body="Low.")
    joining = _member_in(None)
    original = site_search.search_records

    def join_then_search(*, user, q):
        GroupMembership.objects.get_or_create(group=group, user=joining)
        return original(user=user, q=q)

    monkeypatch.setattr(site_search, "search_records", join_then_search)
    assert "Harvest plans" in _search(client, joining, "harvest")
    monkeypatch.setattr(site_search, "search_records", original)
    assert "Harvest plans" not in _search(client, _member_in(None), "harvest")
