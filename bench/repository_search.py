"""Repository search: time and SQL queries of the index page and of searches as it grows.

Run: .venv/bin/python bench/repository_search.py [sizes...]   (default 1000 10000 100000)

The database is the one DATABASE_URL names (a throw-away SQLite file under var/bench/ when
unset). The script migrates it, adds synthetic resources in bulk SQL (pages, taxonomy, tags
and, on PostgreSQL, the weighted tsvector) up to each size, and prints for a member the
median and 95th percentile of whole requests (view, SQL and template) to:
  index   the repository index page, no query (facets over everything the member may see)
  search  a two-word full-text search
  facets  the same search narrowed by a language and a country
"cold" is the first request after a publish (every cached count forgotten); the index
page's own counts are recounted by a Celery task right after the publish (here, eagerly,
before the timed request) and the script prints how long that recount takes.
A PostgreSQL database must be named *bench* (it is filled with synthetic data).
"""

import random
import sys
import time
import uuid
from datetime import date, timedelta

from common import RUNS, prepare_database, setup_django, time_requests

setup_django("repository")

from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Locale, Page

from repository.indexing import SEARCH_CONFIG
from repository.models import (
    Principle,
    RepositoryIndexPage,
    ResourceCountry,
    ResourceKind,
    ResourcePage,
    ResourceTag,
)
from repository.search import search_counts_warm, search_invalidate
from wsr.members.models import Affiliation, Membership, Organization, Sector, User

BATCH = 5000
QUERY = "heat grievance"
COUNTRIES = ["US", "MX", "GT", "BD", "IN", "ZA", "KH", "BR", "CL", "PE", "HN", "LK"]
DOMAIN = (
    "worker wage heat stress grievance complaint audit buyer supplier premium harassment "
    "tomato dairy garment fire safety enforcement monitoring council training education "
    "retaliation agreement code conduct brand farm factory union committee investigation "
    "remedy shade water housing overtime inspection fund campaign boycott contract"
).split()


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    syllables = ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "de", "pa", "zu", "ri"]
    made = {"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(4000)}
    made = sorted(made - set(DOMAIN))
    # Zipf-like frequencies; the domain words (and the query's) ranked from 200 on, so that
    # each is in about one resource in ten, as a topic word would be
    words = made[:200] + DOMAIN + made[200:]
    weights = [1 / (rank + 10) for rank in range(len(words))]
    return words, weights


def prepare():
    prepare_database()
    home = Page.objects.get(depth=2, locale__language_code="en").specific
    index = RepositoryIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=RepositoryIndexPage(title="Repository", slug="repository"))
        index.save_revision().publish()
    Locale.objects.get_or_create(language_code="es")
    viewer, created = User.objects.get_or_create(email="bench-member@example.org")
    if created:
        viewer.set_password("x")
        viewer.save()
        EmailAddress.objects.create(user=viewer, email=viewer.email, verified=True, primary=True)
        organization = Organization.objects.create(name="Bench workers", kind="worker_organization")
        Membership.objects.filter(organization=organization).update(status="active")
        Membership.objects.get_or_create(organization=organization, defaults={"status": "active"})
        Affiliation.objects.create(user=viewer, organization=organization)
    return RepositoryIndexPage.objects.get(pk=index.pk), viewer


def grow_to(index, size: int, rng: random.Random, words, weights) -> None:
    have = ResourcePage.objects.count()
    if have >= size:
        return
    content_type = ContentType.objects.get_for_model(ResourcePage)
    locales = list(Locale.objects.filter(language_code__in=["en", "es"]).order_by("language_code"))
    sectors = list(Sector.objects.values_list("pk", flat=True))
    principles = list(Principle.objects.values_list("pk", flat=True))
    tags = [Tag.objects.get_or_create(name=w, slug=w)[0].pk for w in DOMAIN[:25]]
    kinds = [k.value for k in ResourceKind]
    audiences = ["public"] * 7 + ["members"] * 2 + ["staff"]
    last = (
        Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
        .order_by("-path")
        .first()
    )
    step = int(last.path[-4:], 36) if last else 0
    now = timezone.now()
    Through = ResourcePage.sectors.through
    PrincipleThrough = ResourcePage.principles.through
    for start in range(have, size, BATCH):
        count = min(BATCH, size - start)
        with transaction.atomic():
            pages = []
            for n in range(start, start + count):
                step += 1
                title = " ".join(rng.choices(words, weights, k=rng.randint(4, 8))).capitalize()
                pages.append(
                    Page(
                        title=title,
                        draft_title=title,
                        slug=f"bench-{n}",
                        content_type=content_type,
                        path=Page._get_path(index.path, index.depth + 1, step),
                        depth=index.depth + 1,
                        numchild=0,
                        url_path=f"{index.url_path}bench-{n}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=now,
                        last_published_at=now,
                        locale=locales[0] if n % 5 else locales[1],
                        translation_key=uuid.uuid4(),
                    )
                )
            pages = Page.objects.bulk_create(pages)
            rows = []
            for page in pages:
                summary = " ".join(rng.choices(words, weights, k=30)).capitalize() + "."
                body = " ".join(rng.choices(words, weights, k=120))
                rows.append(
                    (
                        page.pk,
                        summary,
                        "[]",
                        rng.choice(kinds),
                        date(2012, 1, 1) + timedelta(days=rng.randrange(5000)),
                        rng.choice(audiences),
                        f"{page.title} {summary} {body}",
                    )
                )
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO repository_resourcepage (page_ptr_id, summary, body, kind, "
                    "published_on, audience, search_document) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                    rows,
                )
            Through.objects.bulk_create(
                Through(resourcepage_id=p.pk, sector_id=s)
                for p in pages
                for s in rng.sample(sectors, rng.randint(1, 2))
            )
            PrincipleThrough.objects.bulk_create(
                PrincipleThrough(resourcepage_id=p.pk, principle_id=s)
                for p in pages
                for s in rng.sample(principles, rng.randint(0, 3))
            )
            ResourceCountry.objects.bulk_create(
                ResourceCountry(page_id=p.pk, country=c, sort_order=i)
                for p in pages
                for i, c in enumerate(rng.sample(COUNTRIES, rng.randint(1, 3)))
            )
            ResourceTag.objects.bulk_create(
                ResourceTag(content_object_id=p.pk, tag_id=t)
                for p in pages
                for t in rng.sample(tags, 2)
            )
        print(f"  … {start + count} resources", file=sys.stderr)
    Page.objects.filter(pk=index.pk).update(numchild=index.get_children().count())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE repository_resourcepage r SET search_vector = "
                "setweight(to_tsvector(%(config)s::regconfig, p.title), 'A') || "
                "setweight(to_tsvector(%(config)s::regconfig, r.summary), 'B') || "
                "setweight(to_tsvector(%(config)s::regconfig, r.search_document), 'C') "
                "FROM wagtailcore_page p WHERE p.id = r.page_ptr_id AND r.search_vector IS NULL",
                {"config": SEARCH_CONFIG},
            )
        cursor.execute("ANALYZE")
    cache.clear()


def measure(client: Client, url: str, *, cold: bool = False):
    # cold: as right after a publish, every cached count forgotten before each request
    return time_requests(client, url, before=search_invalidate if cold else None)


def main(sizes: list[int]) -> None:
    rng = random.Random(2026)
    words, weights = vocabulary(rng)
    index, viewer = prepare()
    client = Client()
    client.force_login(viewer)
    url = index.url
    cases = [
        ("index", url),
        ("search", f"{url}?q={QUERY.replace(' ', '+')}"),
        ("facets", f"{url}?q={QUERY.replace(' ', '+')}&language=en&country=US"),
    ]
    print(f"database: {connection.vendor}; {RUNS} requests per figure, as a member; ms")
    print("warm: counts cached since the last change; cold: right after a publish")
    print(
        f"{'resources':>10} {'case':<7} {'matches':>8} {'queries':>8} {'median':>8} {'p95':>8}"
        f" {'cold queries':>13} {'median':>8} {'p95':>8}"
    )
    recounts = []
    for size in sizes:
        grow_to(index, size, rng, words, weights)
        started = time.perf_counter()
        search_counts_warm()  # what the worker does after each publish
        recounts.append((size, (time.perf_counter() - started) * 1000))
        for name, case_url in cases:
            response = client.get(case_url)
            matches = response.context["page_obj"].paginator.count
            queries, median, p95 = measure(client, case_url)
            cold_queries, cold_median, cold_p95 = measure(client, case_url, cold=True)
            print(
                f"{size:>10} {name:<7} {matches:>8} {queries:>8} {median:>8.1f} {p95:>8.1f}"
                f" {cold_queries:>13} {cold_median:>8.1f} {cold_p95:>8.1f}"
            )
    print("background recount of the index page's counts (3 audiences) after a publish:")
    for size, ms in recounts:
        print(f"{size:>10} {ms:>8.0f} ms")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000, 100000])
