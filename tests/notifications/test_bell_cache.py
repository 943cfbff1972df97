"""The bell's count is kept per person in the cache (issue 22), yet every write shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications import bell, services
from notifications.models import Notification
from tests.coordination.builders import effort, people
from tests.notifications.test_center import notify

pytestmark = pytest.mark.django_db


def bell_of(client) -> str:
    page = client.get("/nonexistent/").content.decode()
    start = page.index('class="bell"')
    return page[start : page.index("</a>", start)]


def test_a_second_page_reads_the_count_without_a_query():
    p = people()
    notify(p["member"], effort("members", None, p["owner"]), times=2)
    assert bell.unread_count(p["member"]) == 2
    with CaptureQueriesContext(connection) as queries:
        assert bell.unread_count(p["member"]) == 2
    assert len(queries) == 0


def test_a_new_notification_shows_on_the_bell_at_once(client):
    p = people()
    target = effort("members", None, p["owner"])
    client.force_login(p["member"])
    assert "bell__count" not in bell_of(client)
    notify(p["member"], target)
    assert 'class="bell__count">1<' in bell_of(client)
    notify(p["member"], target, times=2)
    assert 'class="bell__count">3<' in bell_of(client)


def test_reading_clears_the_bell_at_once(client):
    p = people()
    notify(p["member"], effort("members", None, p["owner"]), times=2)
    client.force_login(p["member"])
    assert 'class="bell__count">2<' in bell_of(client)
    first = Notification.objects.filter(recipient=p["member"]).first()
    client.get(f"/notifications/{first.pk}/open/")
    assert 'class="bell__count">1<' in bell_of(client)
    client.post("/notifications/read/", {"all": "1"})
    assert "bell__count" not in bell_of(client)


def test_a_saved_or_deleted_notification_changes_the_count_at_once():
    p = people()
    notify(p["member"], effort("members", None, p["owner"]), times=2)
    assert bell.unread_count(p["member"]) == 2
    Notification.objects.filter(recipient=p["member"]).first().delete()
    assert bell.unread_count(p["member"]) == 1
    one = Notification.objects.get(recipient=p["member"])
    one.read_at = one.created_at
    one.save()
    assert bell.unread_count(p["member"]) == 0


def test_one_persons_writes_leave_anothers_count_alone_and_correct():
    p = people()
    target = effort("members", None, p["owner"])
    notify(p["member"], target)
    notify(p["owner"], target, times=2)
    assert bell.unread_count(p["member"]) == 1
    assert bell.unread_count(p["owner"]) == 2
    services.notifications_mark_read(user=p["owner"])
    assert bell.unread_count(p["member"]) == 1
    assert bell.unread_count(p["owner"]) == 0


def test_a_count_taken_inside_a_transaction_is_forgotten_when_it_commits(
    django_capture_on_commit_callbacks,
):
    p = people()
    target = effort("members", None, p["owner"])
    with django_capture_on_commit_callbacks(execute=True):
        notify(p["member"], target)
        bell.unread_count(p["member"])  # another reader could store this under the token
        token = bell._PersonalGeneration(p["member"].pk).current()  # noqa: SLF001
    assert bell._PersonalGeneration(p["member"].pk).current() != token  # noqa: SLF001
    assert bell.unread_count(p["member"]) == 1
