"""The notification center: the bell's count in one query, the list, read and unread."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordination.models import Effort
from notifications import services
from notifications.models import Notification
from notifications.selectors import unread_count
from tests.coordination.builders import effort, people

pytestmark = pytest.mark.django_db


def notify(person, target, times=1):
    for _ in range(times):
        services.notify(
            users=[person],
            kind="effort_update",
            template="coordination/email/update_posted",
            context={
                "effort": target.name,
                "author": "Ana",
                "body": "News",
                "ask": "",
                "effort_url": target.get_absolute_url(),
            },
            target=target,
            url=target.get_absolute_url(),
        )


def test_the_bell_count_costs_one_query():
    p = people()
    notify(p["member"], effort("members", None, p["owner"]), times=3)
    with CaptureQueriesContext(connection) as queries:
        assert unread_count(p["member"]) == 3
    assert len(queries) == 1


def test_the_header_shows_the_unread_count_and_works_without_javascript(client):
    p = people()
    target = effort("members", None, p["owner"])
    notify(p["member"], target, times=2)
    client.force_login(p["member"])
    page = client.get("/notifications/").content.decode()
    assert 'class="bell__count">2<' in page
    assert page.count("Mark as read") == 2
    assert f"New update on {target.name}" in page


def test_opening_marks_read_and_mark_all_reads_the_rest(client):
    p = people()
    target = effort("members", None, p["owner"])
    notify(p["member"], target, times=3)
    client.force_login(p["member"])
    first = Notification.objects.filter(recipient=p["member"]).first()
    response = client.get(f"/notifications/{first.pk}/open/")
    assert response.status_code == 302 and response["Location"] == target.get_absolute_url()
    assert unread_count(p["member"]) == 2
    client.post("/notifications/read/", {"all": "1"})
    assert unread_count(p["member"]) == 0


def test_nobody_reads_or_opens_another_persons_notifications(client):
    p = people()
    notify(p["member"], effort("members", None, p["owner"]))
    theirs = Notification.objects.get()
    client.force_login(p["owner"])
    assert client.get(f"/notifications/{theirs.pk}/open/").status_code == 404
    client.post("/notifications/read/", {"id": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert "New update" not in client.get("/notifications/").content.decode()


def test_a_notification_whose_target_became_hidden_leaves_the_list_and_the_count(client):
    p = people()
    target = effort("members", None, p["owner"])
    notify(p["member"], target)
    Effort.objects.filter(pk=target.pk).update(audience="staff")
    client.force_login(p["member"])
    page = client.get("/notifications/").content.decode()
    assert target.name not in page
    assert unread_count(p["member"]) == 0


def test_the_list_runs_a_constant_number_of_queries(client):
    p = people()
    target = effort("members", None, p["owner"])
    client.force_login(p["member"])
    notify(p["member"], target)
    client.get("/notifications/")  # warm the per-process caches (content types, session)
    with CaptureQueriesContext(connection) as one:
        client.get("/notifications/")
    notify(p["member"], target, times=9)
    client.get("/notifications/")  # the bell's count is counted again once after the writes
    with CaptureQueriesContext(connection) as ten:
        client.get("/notifications/")
    # pinned (issue 18); 9 before issue 22's cached permissions, membership and bell count
    assert len(one) == len(ten) == 5


def test_signing_in_is_needed(client):
    assert client.get("/notifications/").status_code == 302
    assert client.get("/notifications/settings/").status_code == 302


def test_the_unread_list_pages_keep_the_filter(client):
    p = people()
    notify(p["member"], effort("members", None, p["owner"]), times=31)
    client.force_login(p["member"])
    page = client.get("/notifications/?show=unread").content.decode()
    assert 'href="?show=unread&amp;page=2"' in page
    assert client.get("/notifications/?show=unread&page=2").status_code == 200
