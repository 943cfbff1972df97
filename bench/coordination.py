"""Coordination: time and SQL queries of the feed, the map's data and the calendar with
many updates and opportunities, and of the comment-heavy feed and effort page (issue 20).

Run: .venv/bin/python bench/coordination.py [updates opportunities comments]
(default 50000 5000 50000)
The database is the one DATABASE_URL names (a throw-away SQLite file under var/bench/ when
unset; a PostgreSQL database must be named *bench*). Efforts, updates, opportunities and
calendar items are added in bulk, spread over audiences (public, members, a working group,
staff) and two years; comments (a third of them replies) go to the updates, half of them
to the 300 newest updates (a lively feed: its first page is the most discussed), the rest
anywhere; the script prints the median and 95th percentile of whole requests
as a member of the working group, and the SQL queries of each.
"""

import random
import sys
from datetime import timedelta
from decimal import Decimal

from common import RUNS, freeze_heap, prepare_database, setup_django, time_requests

setup_django("coordination")

from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.utils import timezone

from coordination.models import (
    CalendarItem,
    Comment,
    Effort,
    GroupMembership,
    Opportunity,
    Update,
    WorkingGroup,
)
from wsr.members.models import Sector, User

BATCH = 5000
AUDIENCES = ["public", "members", "members", "members", "group", "staff"]


def fill_comments(comments: int, member, rng: random.Random) -> None:
    """`comments` comments by a few people: two thirds start a thread, a third reply."""
    if comments <= 0:
        return
    authors = [member, *User.objects.exclude(pk=member.pk).order_by("pk")[:20]]
    update_ids = list(Update.objects.order_by("-created_at", "-pk").values_list("pk", flat=True))
    newest = update_ids[:300]
    now = timezone.now()

    def comment(update_id, parent_id=None):
        return Comment(
            update_id=update_id,
            parent_id=parent_id,
            author=rng.choice(authors),
            body="Bench comment: we can send two people, @someone knows the buyer.",
            body_html="<p>Bench comment: we can send two people, @someone knows the buyer.</p>",
            created_at=now - timedelta(minutes=rng.randrange(60 * 24 * 30)),
        )

    top_level = comments - comments // 3
    made = Comment.objects.count()
    for start in range(made, top_level, BATCH):
        with transaction.atomic():
            Comment.objects.bulk_create(
                comment(rng.choice(newest) if n % 2 else rng.choice(update_ids))
                for n in range(start, min(start + BATCH, top_level))
            )
    threads = list(Comment.objects.filter(parent=None).values_list("pk", "update_id"))
    for start in range(Comment.objects.count(), comments, BATCH):
        with transaction.atomic():
            replies = []
            for _ in range(start, min(start + BATCH, comments)):
                parent_id, update_id = rng.choice(threads)
                replies.append(comment(update_id, parent_id))
            Comment.objects.bulk_create(replies)


def fill(updates: int, opportunities: int, rng: random.Random):
    prepare_database()
    member = User.objects.get(email="member@wsr.test")
    group, _ = WorkingGroup.objects.get_or_create(name="Bench group")
    GroupMembership.objects.get_or_create(group=group, user=member)
    sectors = list(Sector.objects.all())
    countries = ["US", "MX", "BD", "PK", "TH", "QA", "IN", "GT", "HN", "ES"]
    now = timezone.now()

    def reach():
        audience = rng.choice(AUDIENCES)
        return {"audience": audience, "working_group": group if audience == "group" else None}

    with transaction.atomic():
        efforts = []
        for n in range(200):
            effort = Effort.objects.create(
                name=f"Bench effort {n}",
                owner=member,
                countries=rng.sample(countries, 2),
                **reach(),
            )
            effort.sectors.set(rng.sample(sectors, 2))
            efforts.append(effort)
    for start in range(Update.objects.count(), updates, BATCH):
        with transaction.atomic():
            batch = []
            for n in range(start, min(start + BATCH, updates)):
                created = now - timedelta(minutes=rng.randrange(60 * 24 * 730))
                ask = rng.choice(["", "", "", "help", "date"])
                batch.append(
                    Update(
                        effort=rng.choice(efforts),
                        author=member,
                        body=f"Bench update {n}: what happened this week, and what we need next.",
                        ask=ask,
                        # a date to hold comes a few days to a month after the update
                        ask_date=(created + timedelta(days=rng.randrange(2, 30))).date()
                        if ask == "date"
                        else None,
                        created_at=created,
                    )
                )
            Update.objects.bulk_create(batch)
    for start in range(Opportunity.objects.count(), opportunities, BATCH):
        with transaction.atomic():
            Opportunity.objects.bulk_create(
                Opportunity(
                    title=f"Bench opportunity {n}",
                    sector=rng.choice(sectors),
                    country=rng.choice(countries),
                    region="north_america",
                    stage=rng.choice(["idea", "research", "organizing", "negotiating", "won"]),
                    owner=member,
                    latitude=Decimal(rng.uniform(-60, 70)).quantize(Decimal("0.00001")),
                    longitude=Decimal(rng.uniform(-170, 170)).quantize(Decimal("0.00001")),
                    **reach(),
                )
                for n in range(start, min(start + BATCH, opportunities))
            )
    with transaction.atomic():
        CalendarItem.objects.bulk_create(
            CalendarItem(
                kind="action",
                title=f"Bench action {n}",
                starts_at=now + timedelta(hours=rng.randrange(-24 * 365, 24 * 365)),
                **reach(),
            )
            for n in range(2000)
        )
    return member


def analyze():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # what autovacuum does after a bulk load
            cursor.execute("ANALYZE")


def main():
    updates = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    opportunities = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000
    comments = int(sys.argv[3]) if len(sys.argv) > 3 else 50_000
    rng = random.Random(7)
    member = fill(updates, opportunities, rng)
    fill_comments(comments, member, rng)
    analyze()
    freeze_heap()
    client = Client()
    client.force_login(member)
    month = timezone.localdate().strftime("%Y-%m")
    sector = Sector.objects.first().pk
    print(
        f"{Update.objects.count()} updates, {Opportunity.objects.count()} opportunities, "
        f"{CalendarItem.objects.count()} calendar items, {Comment.objects.count()} comments; "
        f"{RUNS} runs each, as a member of a "
        "working group"
    )
    # the effort whose first page of updates carries the most comments
    busiest = (
        Effort.objects.visible_to(member)
        .annotate(n=Count("updates__comments"))
        .order_by("-n")
        .values_list("slug", "n")
        .first()
    )
    hottest = (
        Update.objects.visible_to(member)
        .annotate(n=Count("comments"))
        .order_by("-n")
        .values_list("pk", flat=True)
        .first()
    )
    print(f"{'request':44} {'queries':>7} {'median ms':>10} {'p95 ms':>8}")
    for label, url in (
        ("effort page, most comments (first page)", f"/coordination/efforts/{busiest[0]}/"),
        ("an update's page, most comments (all)", f"/coordination/comments/update/{hottest}/read/"),
        ("feed, first page", "/coordination/feed/?page=1"),
        (
            "feed, filtered by sector and country",
            f"/coordination/feed/?page=1&sector={sector}&country=MX",
        ),
        ("feed, page 50", "/coordination/feed/?page=50"),
        ("map data (GeoJSON, every visible point)", "/coordination/map.geojson"),
        ("map page (table and embedded data)", "/coordination/map/"),
        ("map page filtered by sector", f"/coordination/map/?sector={sector}"),
        ("calendar, month", f"/coordination/calendar/?month={month}"),
        ("calendar, list", f"/coordination/calendar/?view=list&month={month}"),
    ):
        queries, median, p95 = time_requests(client, url)
        print(f"{label:44} {queries:>7} {median:>10.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
