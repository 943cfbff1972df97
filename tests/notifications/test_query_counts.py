"""Exact query counts of the notification pages (issue 18): the list behind the bell, its
unread filter, the settings, and the staff's deliveries and email previews, read as staff
with a second factor, the same with 3 rows and with 30."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from assistance.models import Case
from coordination.models import Effort
from notifications.models import Delivery, Notification, ScheduleRun, Suppression
from tests.members.factories import AffiliationFactory, sector
from tests.notifications.conftest import notify_about
from tests.query_counts import ROWS, get_pinned, open_cases, signed_in_staff

pytestmark = pytest.mark.django_db


staff = signed_in_staff  # the fixture, under the name the tests ask for
# issue 22: every pin below is one query fewer than before: the bell's unread count is kept
# per person (notifications/bell.py); the staff here are superusers, whose permissions and
# membership were never queried.


@ROWS
def test_the_notifications_and_the_settings(client, staff, rows, django_assert_num_queries):
    """Notifications about efforts of every audience and about cases (two kinds of target,
    each checked once), half of each read."""
    owner = AffiliationFactory().user
    efforts = [
        Effort.objects.create(
            name=f"Effort {n}", owner=owner, audience=("public", "members", "staff")[n % 3]
        )
        for n in range(rows)
    ]
    first = notify_about(staff, efforts[0])
    cases = open_cases(rows, first_response_due=timezone.localdate())
    now = timezone.now()
    effort_type, case_type = (ContentType.objects.get_for_model(m) for m in (Effort, Case))
    targets = [  # interleaved: each page holds both kinds of target
        target
        for effort, case in zip(efforts[1:] + [efforts[0]], cases, strict=True)
        for target in ((effort_type, effort.pk), (case_type, case.pk))
    ][:-1]
    Notification.objects.bulk_create(
        Notification(
            recipient=staff,
            kind=first.kind,
            template=first.template,
            context=first.context,
            url=first.url,
            target_type=target_type,
            target_id=target_id,
            created_at=now - timedelta(minutes=n),
            read_at=now if n % 4 in (1, 2) else None,
        )
        for n, (target_type, target_id) in enumerate(targets)
    )
    staff.profile.interest_sectors.add(sector("agriculture"), sector("dairy"))
    response = get_pinned(client, "/notifications/", 9, django_assert_num_queries)
    assert len(response.context["entries"]) == min(2 * rows, 30)
    get_pinned(client, "/notifications/?show=unread&page=1", 9, django_assert_num_queries)
    get_pinned(client, "/notifications/settings/", 9, django_assert_num_queries)


@ROWS
def test_the_deliveries_and_the_previews(client, staff, rows, django_assert_num_queries):
    people = [AffiliationFactory().user for _ in range(rows)]
    kinds, statuses = Delivery.Kind.values, Delivery.Status.values
    Delivery.objects.bulk_create(
        Delivery(
            recipient=str(person.pk),
            user=person,
            kind=kinds[n % len(kinds)],
            period=f"2026-W{n % 52 + 1:02}",
            email=person.email,
            status=statuses[n % len(statuses)],
            item_count=n,
            last_error="Timed out." if n % 3 else "",
        )
        for n, person in enumerate(people)
    )
    Suppression.objects.bulk_create(
        Suppression(email=person.email, reason="Bounced.") for person in people
    )
    for schedule in ("daily", "weekly", "newsletter"):
        ScheduleRun.objects.create(schedule=schedule, planned=rows)
    response = get_pinned(client, "/notifications/staff/deliveries/", 13, django_assert_num_queries)
    assert response.context["page"].paginator.count == rows
    get_pinned(
        client,
        "/notifications/staff/deliveries/?kind=daily&status=sent&page=1",
        12,
        django_assert_num_queries,
    )
    get_pinned(client, "/notifications/staff/previews/", 5, django_assert_num_queries)
