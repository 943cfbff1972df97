"""Comments after review (issue 20): the effort page picks the latest threads of each update
in SQL (not every comment, then a slice in Python) and says how many earlier threads its
update's page holds, in the same queries whatever their number."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coordination import services
from coordination.comment_threads import comment_sections_attach
from coordination.models import Comment
from tests.coordination.builders import effort
from tests.members.factories import AffiliationFactory, member
from wsr.members.roles import is_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return AffiliationFactory(user__first_name="Olga", user__last_name="Owner").user


@pytest.fixture
def made(owner):
    return effort("members", None, owner, organization=owner.affiliations.get().organization)


def _threads(update, count, people, *, marker):
    """`count` threads on `update`, one a minute, each with a reply."""
    start = timezone.now() - timedelta(days=1)
    firsts = Comment.objects.bulk_create(
        Comment(
            update=update,
            author=people[n % 2],
            body=f"{marker} {n}",
            body_html=f"<p>{marker}-{n}-end</p>",
            created_at=start + timedelta(minutes=n),
        )
        for n in range(count)
    )
    Comment.objects.bulk_create(
        Comment(
            update=update,
            parent=first,
            author=people[1],
            body="Re",
            body_html=f"<p>reply-to-{first.body_html[3:-4]}</p>",
            created_at=first.created_at + timedelta(seconds=30),
        )
        for first in firsts
    )
    return firsts


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_an_update_with_8_threads_shows_the_latest_5_in_the_queries_of_one(client, owner, made):
    people = [member(), member()]
    busy = services.update_post(effort=made, author=owner, body="Busy update")
    quiet = services.update_post(effort=made, author=owner, body="Quiet update")
    _threads(quiet, 1, people, marker="QUIET")
    _threads(busy, 1, people, marker="BUSY")
    client.force_login(people[0])
    one = _count(client, made.get_absolute_url())
    Comment.objects.filter(update=busy).delete()
    _threads(busy, 8, people, marker="BUSY")
    assert _count(client, made.get_absolute_url()) == one
    page = client.get(made.get_absolute_url()).content.decode()
    shown = [n for n in range(8) if f"<p>BUSY-{n}-end</p>" in page]
    assert shown == [3, 4, 5, 6, 7]  # the latest five, oldest first
    assert [n for n in range(8) if f"reply-to-BUSY-{n}-end" in page] == shown
    assert "See 3 earlier comment threads" in page and "16 comments" in page
    # the other update keeps its one thread, without a link to earlier ones
    assert "<p>QUIET-0-end</p>" in page and "reply-to-QUIET-0-end" in page
    assert page.count("earlier comment thread") == 1


def test_only_the_latest_threads_and_their_replies_are_loaded(owner, made):
    people = [member(), member()]
    update = services.update_post(effort=made, author=owner, body="News")
    firsts = _threads(update, 8, people, marker="T")
    assert is_member(people[0])  # asked once a request, then remembered
    with CaptureQueriesContext(connection) as queries:
        (loaded,) = comment_sections_attach(people[0], [update])
    assert len(queries.captured_queries) == 2  # the numbers, then the latest threads
    assert "ROW_NUMBER()" in queries.captured_queries[1]["sql"]
    section = loaded.comment_section
    assert [c.pk for c in section.threads] == [c.pk for c in firsts[3:]]
    assert all(len(c.reply_list) == 1 for c in section.threads)
    assert section.hidden == 3 and section.count == 16
    # a deleted first comment with replies still counts as a thread, not as a comment
    Comment.objects.filter(pk=firsts[0].pk).update(deleted_at=timezone.now(), body="")
    (loaded,) = comment_sections_attach(people[0], [update])
    assert loaded.comment_section.hidden == 3 and loaded.comment_section.count == 15
