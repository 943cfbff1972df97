"""The open-data API under concurrent load (issue 21): gunicorn (two workers, DEBUG off), wrk
with eight connections, requests per second and 95th-percentile latency of the companies and
resources lists at 100,000 records each, beside the ceiling of the same stack (a one-line
view), and the SQL queries one request runs (counted in-process on the same database).

Run: .venv/bin/python bench/api_load.py   (needs wrk, PostgreSQL and Redis)
It creates (or refills) the database named by BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/wsr_bench_api, loads the demo data, then adds in bulk
100,000 public companies (sectors, a few claims) and 100,000 public resources (Wagtail pages
under the repository index, built with treebeard paths). BENCH_REUSE_DATABASE=1 skips
refilling; BENCH_DURATION (default 10s) is wrk's time per address. Request limits are off.
The anonymous response cache (wsr/api/cache.py) is on, as deployed: wrk repeats one address,
so it measures hits; API_RESPONSE_CACHE=off measures the views themselves. The in-process
columns are always both: the view's queries and CPU time (cache off), and a hit's CPU time.
Target (issue 21): a 50-record page at least a tenth of the ceiling's requests per second.
"""

import os
import random
import subprocess
import sys
import time
import uuid
from datetime import date, timedelta

import common
from site_load import CONNECTIONS, DURATION, ENV, ROOT, gunicorn, stop, wrk

SIZE = int(os.environ.get("BENCH_SIZE", 100_000))
BATCH = 5000
CPU_RUNS = 10
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wsr_bench_api"
)
ENV.update(
    {
        "DATABASE_URL": DATABASE_URL,
        "API_RATE_ANONYMOUS": "0/60",  # request limits off: wrk is one address
        "API_RATE_TOKEN": "0/60",
        "WSR_PAGE_CACHE": "false",
        "API_RESPONSE_CACHE": os.environ.get("API_RESPONSE_CACHE", "on"),
        "PYTHONWARNINGS": "ignore:No directory at",  # no collectstatic: the API serves none
    }
)
# as deployed (docs/deploy.md): a worker keeps its database connection between requests
ENV.setdefault("CONN_MAX_AGE", "60")
COUNTRIES = ["US", "MX", "GT", "BD", "IN", "ZA", "KH", "BR", "CL", "PE", "HN", "LK"]
WORDS = (
    "harvest fresh valley market foods apparel textile dairy farms brands group retail "
    "holdings global united sun coast river north green growers supply trading"
).split()


def create_database() -> None:
    name = DATABASE_URL.rsplit("/", 1)[1]
    if "bench" not in name:
        sys.exit("Refusing a database whose name does not contain 'bench'.")
    base = DATABASE_URL.rsplit("/", 1)[0]
    psql = ["psql", f"{base}/postgres", "-qc"]
    subprocess.run([*psql, f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run([*psql, f"CREATE DATABASE {name}"], check=True)
    run = {"cwd": ROOT, "env": ENV, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], **run)
    subprocess.run([sys.executable, "manage.py", "seed_demo"], **run)


def setup_django() -> None:
    os.environ.update(ENV)  # DATABASE_URL set: common.setup_django uses it as it is
    common.setup_django("api")


def fill_companies(rng: random.Random) -> None:
    from django.db import transaction

    from wsr.companies.models import Company, CompanyClaim, VoluntaryScheme
    from wsr.members.models import Sector

    sectors = list(Sector.objects.values_list("pk", flat=True))
    schemes = list(VoluntaryScheme.objects.values_list("pk", flat=True))
    if not schemes:
        schemes = [
            VoluntaryScheme.objects.create(name=f"Bench scheme {n}", kind="audit").pk
            for n in range(5)
        ]
    SectorLink = Company.sectors.through
    for start in range(0, SIZE, BATCH):
        with transaction.atomic():
            companies = Company.objects.bulk_create(
                Company(
                    name=f"{' '.join(rng.sample(WORDS, 3)).title()} {n}",
                    slug=f"bench-company-{n:06d}",
                    aliases=f"{rng.choice(WORDS).title()} Holdings {n}\n",
                    brands="\n".join(f"{rng.choice(WORDS).title()} {k}" for k in range(2)),
                    headquarters_country=rng.choice(COUNTRIES),
                    website=f"https://company-{n}.example.com",
                )
                for n in range(start, min(start + BATCH, SIZE))
            )
            SectorLink.objects.bulk_create(
                SectorLink(company_id=company.pk, sector_id=sector)
                for company in companies
                for sector in rng.sample(sectors, rng.randint(1, 2))
            )
            CompanyClaim.objects.bulk_create(  # one company in four cites one to three schemes
                CompanyClaim(
                    company_id=company.pk,
                    scheme_id=scheme,
                    statement="We audit our suppliers every year.",
                    source_title="Sustainability report",
                    source_url=f"https://company-{company.pk}.example.com/report.pdf",
                    source_is_public=rng.random() < 0.9,
                    checked_on=date(2025, 1, 1) + timedelta(days=rng.randrange(300)),
                )
                for company in companies
                if rng.random() < 0.25
                for scheme in rng.sample(schemes, min(len(schemes), rng.randint(1, 3)))
            )
        print(f"  … {start + len(companies)} companies", file=sys.stderr)


def fill_resources(rng: random.Random) -> None:
    """Public, live resource pages under the repository index, in bulk: treebeard paths
    (path, depth, numchild), url_path, locale, translation_key; then the parent's numchild."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from repository.models import (
        Principle,
        RepositoryIndexPage,
        ResourceCountry,
        ResourceKind,
        ResourcePage,
    )
    from wsr.members.models import Sector

    index = RepositoryIndexPage.objects.get(locale__language_code="en")
    content_type = ContentType.objects.get_for_model(ResourcePage)
    locale = Locale.objects.get(language_code="en")
    sectors = list(Sector.objects.values_list("pk", flat=True))
    principles = list(Principle.objects.values_list("pk", flat=True))
    kinds = [kind.value for kind in ResourceKind]
    last = index.get_children().order_by("-path").first()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0  # noqa: SLF001
    now = timezone.now()
    fields = ResourcePage._meta.local_concrete_fields
    SectorLink = ResourcePage.sectors.through
    PrincipleLink = ResourcePage.principles.through
    for start in range(0, SIZE, BATCH):
        with transaction.atomic():
            pages = []
            for n in range(start, min(start + BATCH, SIZE)):
                step += 1
                title = f"{' '.join(rng.sample(WORDS, 4)).capitalize()} ({n})"
                pages.append(
                    Page(
                        title=title,
                        draft_title=title,
                        slug=f"bench-resource-{n}",
                        content_type=content_type,
                        path=Page._get_path(index.path, index.depth + 1, step),  # noqa: SLF001
                        depth=index.depth + 1,
                        numchild=0,
                        url_path=f"{index.url_path}bench-resource-{n}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=now,
                        last_published_at=now - timedelta(minutes=n),
                        locale=locale,
                        translation_key=uuid.uuid4(),
                    )
                )
            pages = Page.objects.bulk_create(pages)
            resources = [
                ResourcePage(
                    page_ptr_id=page.pk,
                    summary=" ".join(rng.choices(WORDS, k=30)).capitalize() + ".",
                    body="[]",
                    kind=rng.choice(kinds),
                    published_on=date(2012, 1, 1) + timedelta(days=rng.randrange(5000)),
                    audience="public",
                    search_document=page.title,
                )
                for page in pages
            ]
            # Django's bulk_create refuses multi-table children: insert the child rows alone
            ResourcePage._base_manager._insert(resources, fields=fields, raw=True)  # noqa: SLF001
            SectorLink.objects.bulk_create(
                SectorLink(resourcepage_id=page.pk, sector_id=sector)
                for page in pages
                for sector in rng.sample(sectors, rng.randint(1, 2))
            )
            PrincipleLink.objects.bulk_create(
                PrincipleLink(resourcepage_id=page.pk, principle_id=principle)
                for page in pages
                for principle in rng.sample(principles, rng.randint(0, 2))
            )
            ResourceCountry.objects.bulk_create(
                ResourceCountry(page_id=page.pk, country=country, sort_order=i)
                for page in pages
                for i, country in enumerate(rng.sample(COUNTRIES, rng.randint(1, 2)))
            )
        print(f"  … {start + len(pages)} resources", file=sys.stderr)
    Page.objects.filter(pk=index.pk).update(numchild=index.get_children().count())


def fill() -> None:
    from django.core.cache import cache
    from django.db import connection

    rng = random.Random(2026)
    started = time.perf_counter()
    fill_companies(rng)
    fill_resources(rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    cache.clear()
    print(f"  filled in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def addresses() -> dict[str, str]:
    from repository.models import ResourcePage
    from wsr.api.endpoints import cursor_encode
    from wsr.companies.models import Company

    middle = Company.objects.order_by("slug").values_list("slug", flat=True)[SIZE // 2]
    one = Company.objects.order_by("slug").values_list("slug", flat=True)[SIZE // 3]
    assert ResourcePage.objects.live().filter(audience="public").count() >= SIZE
    return {
        "companies, first page": "/api/v1/companies/?limit=50",
        "companies, middle page": f"/api/v1/companies/?limit=50&cursor={cursor_encode(middle)}",
        "resources, first page": "/api/v1/resources/?limit=50",
        "resources, kind=report": "/api/v1/resources/?limit=50&kind=report",
        "one company": f"/api/v1/companies/{one}",
    }


def _cpu_ms(client, url) -> float:
    started = time.process_time()
    for _ in range(CPU_RUNS):
        client.get(url)
    return (time.process_time() - started) / CPU_RUNS * 1000


def count_queries(urls: dict[str, str]) -> dict[str, tuple[int, float, float]]:
    """The SQL queries of one request to each address and the CPU time of this process per
    request (Python only, not PostgreSQL's: steadier than the wall clock on a busy machine),
    in-process on the same database, with the response cache off; the CPU time of a cache
    hit; and a check that each list gives a full page, with the bulk records in it."""
    import json

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    client = Client()
    counts = {}
    for label, url in urls.items():
        settings.API_RESPONSE_CACHE = False
        client.get(url)  # warm: the first request loads what every later one reuses
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        data = json.loads(response.content)["data"]
        if isinstance(data, list):
            assert len(data) == 50, (url, len(data))
            assert any("bench-" in record["url"] for record in data), url
        count = len(queries.captured_queries)  # read now: each request clears the log
        if os.environ.get("BENCH_SHOW_SQL"):
            for query in queries.captured_queries:
                print("   ", query["sql"][:400], file=sys.stderr)
        view = _cpu_ms(client, url)
        settings.API_RESPONSE_CACHE = True
        client.get(url)
        hit = _cpu_ms(client, url)
        counts[label] = (count, view, hit)
    return counts


def main():
    if os.environ.get("BENCH_REUSE_DATABASE") != "1":
        create_database()
        setup_django()
        fill()
    else:
        setup_django()
    urls = addresses()
    queries = count_queries(urls)
    rows = []
    server = gunicorn(page_cache=False)
    try:
        ceiling = wrk("/bench-ceiling/")
        rows.append(("ceiling (one-line view)", *ceiling, "-", None, None))
        for label, path in urls.items():
            rows.append((label, *wrk(path), *queries[label]))
    finally:
        stop(server)
    load = os.getloadavg()
    top = ceiling[0]
    cached = ENV["API_RESPONSE_CACHE"].lower() in ("1", "true", "on", "yes", "y", "ok")
    print(
        f"API at {SIZE:,} companies and {SIZE:,} resources; gunicorn 2 workers, "
        f"wrk {CONNECTIONS} connections, {DURATION} per address, response cache "
        f"{'on (hits)' if cached else 'off'}; load average {load[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print(
        f"{'address':26} {'req/s':>8} {'p95 ms':>8} {'ratio':>7} {'target':>7} {'queries':>8}"
        f" {'cpu ms':>7} {'hit ms':>7}"
    )
    for label, rps, p95, count, cpu, hit in rows:
        ratio = rps / top
        target = "" if label.startswith(("ceiling", "one ")) else ("ok" if ratio >= 0.1 else "LOW")
        cpu = "-" if cpu is None else f"{cpu:.1f}"
        hit = "-" if hit is None else f"{hit:.1f}"
        print(
            f"{label:26} {rps:8.1f} {p95:8.1f} {ratio:7.3f} {target:>7} {count!s:>8} {cpu:>7}"
            f" {hit:>7}"
        )
    print("ratio: req/s over the ceiling's (target for a 50-record page: 0.10 or more);")
    print("queries, cpu ms: one request in-process, response cache off (CPU of the Django")
    print("process, not the database's); hit ms: the same request answered from the cache")


if __name__ == "__main__":
    main()
