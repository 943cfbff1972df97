"""Digests: one daily digest run, end to end, for 10,000 members and 5,000 new items.

Run: DATABASE_URL=postgres://…/wsr_bench REDIS_URL=redis://127.0.0.1:6379/3 \
     .venv/bin/python bench/digests.py [members items workers]   (default 10000 5000 2)
BENCH_REUSE=1 runs again on a database this script filled before (filling takes minutes).

Fills the database (a PostgreSQL database must be named *bench*) with members in 500
organizations, eight time zones and two languages, varied preferences (daily, weekly,
immediately, never; sectors, countries, resource kinds), 4/5 of the items as resources over
three audiences and 1/5 as effort updates to their followers. Then it starts a local SMTP
sink (aiosmtpd) and `workers` Celery worker processes on Redis, runs the hourly task once
(planning in this process, batches on the workers) and waits until every planned delivery
is recorded. It prints the wall time of the run (planning, rendering, SQL, handing every
message to the SMTP server), the messages accepted by the sink, and the SQL queries per
recipient measured on one batch run in this process.
"""

import os
import random
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta

from common import ROOT, freeze_heap, prepare_database, setup_django

setup_django("digests")

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coordination.models import Effort, EffortFollow
from notifications import services
from notifications.kinds import KINDS
from notifications.models import Delivery, DigestSchedule, Notification, Preference
from repository.models import Principle, RepositoryIndexPage, ResourceKind, ResourcePage
from wsr.members.models import Affiliation, Membership, Organization, Profile, Sector, User

ZONES = [
    "UTC",
    "America/New_York",
    "America/Mexico_City",
    "America/Los_Angeles",
    "Europe/Madrid",
    "Asia/Dhaka",
    "Asia/Karachi",
    "Asia/Bangkok",
]
COUNTRIES = ["US", "MX", "BD", "PK", "TH", "QA", "IN", "GT", "HN", "ES"]
AUDIENCES = ["public", "public", "members", "staff"]


def fill(members: int, items: int, rng: random.Random, now):
    prepare_database()
    sectors = list(Sector.objects.values_list("pk", flat=True))
    kinds = [value for value, _ in ResourceKind.choices]
    principles = list(Principle.objects.values_list("slug", flat=True))
    password = make_password("bench")
    with transaction.atomic():
        organizations = Organization.objects.bulk_create(
            [
                Organization(name=f"Bench org {n}", slug=f"bench-org-{n}", kind="worker_org")
                for n in range(500)
            ]
        )
        Membership.objects.bulk_create(
            [Membership(organization=o, status=Membership.Status.ACTIVE) for o in organizations]
        )
        users = User.objects.bulk_create(
            [
                User(
                    email=f"bench{n}@example.org",
                    password=password,
                    date_joined=now - timedelta(days=60),
                )
                for n in range(members)
            ],
            batch_size=2000,
        )
        Profile.objects.bulk_create(
            [
                Profile(
                    user=user,
                    time_zone=rng.choice(ZONES),
                    preferred_language=rng.choice(["en", "en", "es"]),
                    interest_countries=rng.sample(COUNTRIES, rng.choice([0, 1, 2])),
                )
                for user in users
            ],
            batch_size=2000,
        )
        Profile.interest_sectors.through.objects.bulk_create(
            [
                Profile.interest_sectors.through(profile_id=profile_id, sector_id=sector)
                for profile_id in Profile.objects.filter(user__in=users).values_list(
                    "pk", flat=True
                )
                for sector in rng.sample(sectors, rng.choice([0, 1, 2]))
            ],
            batch_size=5000,
        )
        # 9 in 10 belong to a member organization; the rest have an account only.
        Affiliation.objects.bulk_create(
            [
                Affiliation(user=user, organization=rng.choice(organizations))
                for user in users
                if rng.random() < 0.9
            ],
            batch_size=5000,
        )
        modes = ["daily"] * 6 + ["weekly"] * 2 + ["immediate", "never"]
        preferences, schedules = [], []
        for user in users:
            for key, kind in KINDS.items():
                mode = rng.choice(modes)
                if mode not in kind.modes:
                    mode = "daily"
                preferences.append(Preference(user=user, kind=key, mode=mode))
            filters = {}
            if rng.random() < 0.3:
                filters = {"resource_published": {"kinds": rng.sample(kinds, 3)}}
            if rng.random() < 0.2:
                filters.setdefault("resource_published", {})["principles"] = rng.sample(
                    principles, 2
                )
            schedules.append(
                DigestSchedule(
                    user=user,
                    daily_hour=rng.randrange(24),
                    weekly_day=rng.randrange(7),
                    weekly_hour=rng.randrange(24),
                    section_filters=filters,
                )
            )
        Preference.objects.bulk_create(preferences, batch_size=10000)
        DigestSchedule.objects.bulk_create(schedules, batch_size=5000)

    resources = items * 4 // 5
    index = RepositoryIndexPage.objects.first()
    if index is None:
        from wagtail.models import Site

        home = Site.objects.get(is_default_site=True).root_page
        index = home.add_child(instance=RepositoryIndexPage(title="Repository", slug="repository"))
    print(f"   adding {resources} resources …", file=sys.stderr)
    for n in range(resources):
        published = now - timedelta(minutes=rng.randrange(60, 60 * 22))
        page = ResourcePage(
            title=f"Bench resource {n}",
            slug=f"bench-resource-{n}",
            summary="What worker-driven monitoring found on the farms this season. " * 2,
            kind=rng.choice(kinds),
            audience=rng.choice(AUDIENCES),
            live=True,
            first_published_at=published,
            last_published_at=published,
        )
        index.add_child(instance=page)
        page.sectors.set(rng.sample(sectors, rng.choice([0, 1, 1, 2])))
    # Effort updates: each follower gets a personal notification (a digest line).
    owner = User.objects.get(email="member@wsr.test")
    efforts = [
        Effort.objects.create(name=f"Bench effort {n}", owner=owner, audience="members")
        for n in range(50)
    ]
    EffortFollow.objects.bulk_create(
        [
            EffortFollow(effort=effort, user=user)
            for effort in efforts
            for user in rng.sample(users, 40)
        ],
        ignore_conflicts=True,
    )
    followers = {}
    for effort_id, user_id in EffortFollow.objects.values_list("effort_id", "user_id"):
        followers.setdefault(effort_id, []).append(user_id)
    from django.contrib.contenttypes.models import ContentType

    effort_type = ContentType.objects.get_for_model(Effort)
    rows = []
    for n in range(items - resources):
        effort = rng.choice(efforts)
        created = now - timedelta(minutes=rng.randrange(60, 60 * 22))
        for user_id in followers[effort.pk]:
            rows.append(
                Notification(
                    recipient_id=user_id,
                    kind="effort_update",
                    template="coordination/email/update_posted",
                    context={
                        "effort": effort.name,
                        "author": "Bench",
                        "body": f"Update {n}",
                        "ask": "",
                        "effort_url": effort.get_absolute_url(),
                    },
                    url=effort.get_absolute_url(),
                    target_type=effort_type,
                    target_id=effort.pk,
                    created_at=created,
                )
            )
    Notification.objects.bulk_create(rows, batch_size=10000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return len(rows)


class Sink:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
        return "250 OK"


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process, from /proc (Linux)."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_workers(count: int, port: int) -> list[subprocess.Popen]:
    env = {
        **os.environ,
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "LOG_LEVEL": "WARNING",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://wsr.example.org",
    }
    return [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "wsr",
                "worker",
                "-Q",
                "default,heavy",
                "--pool=solo",
                "-n",
                f"bench{n}@%h",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=WARNING",
            ],
            env=env,
            cwd=ROOT,
        )
        for n in range(count)
    ]


def main():
    members = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    items = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000
    worker_count = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    if not os.environ.get("REDIS_URL") or connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL (PostgreSQL, named *bench*) and REDIS_URL.")
    rng = random.Random(7)
    now = timezone.now()
    started = time.perf_counter()
    if os.environ.get("BENCH_REUSE") and User.objects.filter(email="bench0@example.org").exists():
        # The same data again (filling takes minutes): only the run's records go.
        Delivery.objects.all().delete()
        print("reusing the filled database")
    else:
        notes = fill(members, items, rng, now)
        print(
            f"filled in {time.perf_counter() - started:.0f} s: {members} members, "
            f"{items * 4 // 5} resources, {items - items * 4 // 5} effort updates "
            f"({notes} notifications to followers)"
        )
    freeze_heap()

    from aiosmtpd.controller import Controller

    from wsr.celery import app

    app.conf.task_always_eager = False
    with app.connection_for_write() as conn:
        for queue in ("default", "heavy"):
            conn.default_channel.queue_purge(queue)
    sink = Sink()
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    workers = start_workers(worker_count, port)
    time.sleep(8)  # let the workers boot and connect before the clock starts
    try:
        from notifications.tasks import run_digests

        worker_cpu = sum(cpu_seconds(worker.pid) for worker in workers)
        own_cpu = time.process_time()
        started = time.perf_counter()
        planned = run_digests()
        daily = planned["daily"]
        while Delivery.objects.filter(kind="daily").exclude(status="pending").count() < daily:
            if all(worker.poll() is not None for worker in workers):
                sys.exit("The workers stopped before the run was done.")
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        statuses = dict(
            Delivery.objects.filter(kind="daily")
            .values_list("status")
            .annotate(n=__import__("django.db.models", fromlist=["Count"]).Count("pk"))
        )
        print(
            f"daily run: {daily} recipients planned, {elapsed:.1f} s end to end with "
            f"{worker_count} workers ({daily / elapsed:.0f} recipients/s)"
        )
        print(f"   outcomes: {statuses}; messages accepted by the SMTP sink: {sink.count}")
        print(
            f"   CPU seconds: workers {sum(cpu_seconds(w.pid) for w in workers) - worker_cpu:.0f}, "
            f"this process (planning, the SMTP sink, polling) {time.process_time() - own_cpu:.0f}, "
            f"on {os.cpu_count()} cores"
        )
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            worker.wait(30)
        controller.stop()

    # SQL per recipient: one more batch of each size in this process, on a new period.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ids = list(User.objects.filter(email__startswith="bench").values_list("pk", flat=True))
    counts = {}
    for size in (50, 200):
        with CaptureQueriesContext(connection) as queries:
            services.digest_deliver_batch(
                kind="daily",
                period=f"sample-{size}",
                window_start=now - timedelta(days=1),
                window_end=now,
                user_ids=ids[:size],
            )
        counts[size] = len(queries)
    per = (counts[200] - counts[50]) / 150
    print(
        f"SQL: {counts[50]} queries for 50 recipients, {counts[200]} for 200: "
        f"{per:.1f} per recipient plus {counts[50] - 50 * per:.0f} per batch"
    )


if __name__ == "__main__":
    main()
