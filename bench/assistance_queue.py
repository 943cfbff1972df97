"""Assistance desk: time and SQL queries of the staff queue as the number of cases grows.

Run: .venv/bin/python bench/assistance_queue.py [sizes...]   (default 1000 20000)
The database is the one DATABASE_URL names (a throw-away SQLite file under var/bench/ when
unset; a PostgreSQL database must be named *bench*). Cases and timeline entries (five per
case) are added in bulk; the script prints the median and 95th percentile of the whole
queue request (first page, filtered by kind and overdue, a text search alone and with
filters, and a saved view), as a staff member: cold (the queue's generation replaced before
each request, as the first reader after a case write finds it: the count is read again, the
filter form and the staff lists are not) and warm. Names, descriptions
and notes are drawn from small pools (accents included) so that a search matches a realistic
share of the cases.
"""

import random
import sys
from datetime import timedelta

from common import RUNS, prepare_database, setup_django, time_requests

setup_django("assistance")

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from assistance.desk_cache import QUEUE  # a case write bumps QUEUE only (not QUEUE_LISTS)
from assistance.models import Case, CaseAssignment, HelpKind, TimelineEntry
from wsr.members.models import Organization, Sector, User

BATCH = 2000
FIRST_NAMES = [
    "María",
    "José",
    "Ana",
    "Luis",
    "Begoña",
    "Rahima",
    "Nasrin",
    "Tom",
    "Grace",
    "Iñaki",
]
LAST_NAMES = ["Pérez", "Quiñónez", "Hossain", "Akter", "Smith", "García", "Núñez", "Okafor"]
TOPICS = [
    "wage theft at the packing house",
    "heat stress in the fields",
    "a complaint line workers trust",
    "retaliation after the audit",
    "the buyer's code of conduct",
    "overtime in the garment factory",
    "housing conditions on the farm",
    "sexual harassment by a supervisor",
]
NOTES = [
    "Called the requester back.",
    "Sent the draft agreement.",
    "The buyer answered through its lawyer.",
    "Workers met on Sunday; minutes attached.",
    "Asked the monitoring body for the audit report.",
]


def prepare():
    prepare_database()
    return User.objects.get(email="staff@wsr.test")


def grow_to(size: int, rng: random.Random, staff) -> None:
    have = Case.objects.count()
    organizations = list(Organization.objects.all())
    requesters = list(User.objects.filter(is_staff=False))
    experts = requesters[:5]
    sectors = list(Sector.objects.all())
    kinds = HelpKind.values
    statuses = ["submitted", "triage", "accepted", "in_progress", "on_hold", "resolved", "closed"]
    now = timezone.now()
    for start in range(have, size, BATCH):
        count = min(BATCH, size - start)
        with transaction.atomic():
            cases = []
            for n in range(start, start + count):
                submitted = now - timedelta(days=rng.randrange(720), hours=rng.randrange(24))
                cases.append(
                    Case(
                        reference=f"WSR-B-{n:07d}",
                        organization=rng.choice(organizations),
                        requester=rng.choice(requesters),
                        contact_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                        kind=rng.choice(kinds),
                        sector=rng.choice(sectors),
                        countries=rng.sample(["US", "MX", "BD", "IN", "GT"], 2),
                        description=f"We need help with {rng.choice(TOPICS)}.",
                        status=rng.choice(statuses),
                        lead=staff if n % 3 else None,
                        submitted_at=submitted,
                        first_response_due=(submitted + timedelta(days=4)).date(),
                        first_response_at=submitted + timedelta(days=2) if n % 4 else None,
                        # what service levels (issue 19) keep: the response awaited, if any
                        response_due_at=submitted + timedelta(days=3 + n % 5) if n % 4 else None,
                    )
                )
            cases = Case.objects.bulk_create(cases)
            TimelineEntry.objects.bulk_create(
                TimelineEntry(
                    case=c,
                    kind="note",
                    author=staff,
                    body=f"{rng.choice(NOTES)} Case {n}.",
                    is_shared=i % 2 == 0,
                )
                for n, c in enumerate(cases, start=start)
                for i in range(5)
            )
            CaseAssignment.objects.bulk_create(
                CaseAssignment(case=c, expert=rng.choice(experts), status="accepted")
                for c in cases[::2]
            )
        print(f"  … {start + count} cases", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main(sizes):
    rng = random.Random(2026)
    staff = prepare()
    client = Client()
    client.force_login(staff)
    from assistance.models import SavedQueueView

    saved = SavedQueueView.objects.update_or_create(
        user=staff,
        name="Heat stress, in progress",
        defaults={"query": "status=in_progress&status=accepted&q=heat+stress&kind=complaints"},
    )[0]
    cases = [
        ("queue", "/assistance/queue/"),
        ("filtered", "/assistance/queue/?kind=complaints&overdue=true&country=MX"),
        ("search", "/assistance/queue/?q=quinonez"),
        ("search+f", "/assistance/queue/?q=garcia+audit&kind=complaints&overdue=false"),
        ("saved", f"/assistance/queue/?{saved.query}"),
        ("portal", "/assistance/cases/?q=heat"),
    ]
    print(f"database: {connection.vendor}; {RUNS} requests per figure, as staff; ms")
    print("cold: the queue's generation replaced before each request, as after a case write")
    print("(the count read again; the filter form and staff lists are kept under their own")
    print("generation, which a case write leaves); warm: the next requests (issue 22)")
    header = f"{'cases':>8} {'page':<9} {'matches':>8} {'queries':>8} {'median':>8} {'p95':>8}"
    print(f"{header} {'warm q':>7} {'median':>8} {'p95':>8}")
    for size in sizes:
        grow_to(size, rng, staff)
        for name, url in cases:
            matches = client.get(url).context["page_obj"].paginator.count
            queries, median, p95 = time_requests(client, url, before=QUEUE.bump)
            warm_queries, warm_median, warm_p95 = time_requests(client, url)
            print(
                f"{size:>8} {name:<9} {matches:>8} {queries:>8} {median:>8.1f} {p95:>8.1f}"
                f" {warm_queries:>7} {warm_median:>8.1f} {warm_p95:>8.1f}"
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 20000])
