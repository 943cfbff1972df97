"""Member directory: SQL queries and time per page as the membership grows.

Run: .venv/bin/python bench/directory.py [sizes...]   (default 10 100 1000)
Uses a throw-away SQLite database under var/bench/ unless DATABASE_URL is set.
"""

import statistics
import sys
import time

from common import setup_django

setup_django("directory")

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wsr.members.models import (
    Affiliation,
    Language,
    Membership,
    Organization,
    User,
)


def grow_to(size: int) -> None:
    organization, _ = Organization.objects.get_or_create(
        name="Bench Workers", defaults={"kind": "worker_organization"}
    )
    Membership.objects.get_or_create(organization=organization, defaults={"status": "active"})
    languages = list(Language.objects.filter(code__in=["en", "es"]))
    for n in range(User.objects.count(), size):
        user = User.objects.create_user(email=f"bench{n}@example.org", password=None)
        user.profile.display_name = f"Bench Person {n}"
        user.profile.save()
        user.profile.languages_spoken.set(languages)
        user.profile.expertise.set([f"topic {n % 20}", "organizing"])
        Affiliation.objects.create(user=user, organization=organization)


def measure(client: Client, query: str = "") -> tuple[int, float]:
    timings = []
    for _ in range(5):
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/portal/directory/" + query)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    return len(queries.captured_queries), statistics.median(timings) * 1000


def main(sizes: list[int]) -> None:
    settings.DEBUG = False  # keep query logging to what we measure
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    viewer = User.objects.create_user(email="viewer@example.org", password="x", is_staff=True)
    EmailAddress.objects.create(user=viewer, email=viewer.email, verified=True, primary=True)
    client = Client()
    client.force_login(viewer)
    print(f"{'people':>8} {'queries':>8} {'ms/page':>9} {'queries (filtered)':>19} {'ms':>7}")
    for size in sizes:
        grow_to(size)
        count, ms = measure(client)
        fcount, fms = measure(client, "?language=es&expertise=topic&q=bench")
        print(f"{size:>8} {count:>8} {ms:>9.1f} {fcount:>19} {fms:>7.1f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10, 100, 1000])
