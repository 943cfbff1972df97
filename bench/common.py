"""What every benchmark here shares: its database, and timing whole requests.

Import it first (`from common import ...`, the scripts' own folder is on sys.path): it
points Django at DATABASE_URL, or at a throw-away SQLite file under var/bench/ when unset,
and sets Django up.
"""

import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", 40))
WARM_UP = 3


def setup_django(name: str) -> None:
    """Use DATABASE_URL, or a fresh var/bench/<name>.sqlite3, and set Django up."""
    sys.path.insert(0, str(ROOT))
    if "DATABASE_URL" not in os.environ:
        database = ROOT / "var" / "bench" / f"{name}.sqlite3"
        database.parent.mkdir(parents=True, exist_ok=True)
        database.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsr.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    warnings.filterwarnings("ignore", message="No directory at")


def prepare_database() -> None:
    """Test-client instrumentation on, DEBUG off, schema migrated, the core demo loaded.
    Refuses a PostgreSQL database not named *bench*: it will be filled with synthetic data."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()  # response.context, a local email backend, testserver allowed
    settings.DEBUG = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.WSR_STAFF_MFA_REQUIRED = False
    if connection.vendor == "postgresql" and "bench" not in connection.settings_dict["NAME"]:
        sys.exit("Refusing to fill a PostgreSQL database whose name does not contain 'bench'.")
    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--core-only", verbosity=0)


def freeze_heap() -> None:
    """What wsr/wsgi.py does once the application is loaded: the long-lived heap leaves the
    garbage collector, so full collections do not pause requests. Call it after filling."""
    import gc

    gc.collect()
    gc.freeze()


def time_requests(client, url: str, *, before=None, runs: int = RUNS):
    """GET `url` `runs` times (after a few unmeasured ones): the SQL queries of the last
    request, the median and the 95th percentile in ms. `before` runs ahead of each request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for run in range(runs + WARM_UP):
        if before is not None:
            before()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        assert response.status_code == 200, (url, response.status_code)
        if run >= WARM_UP:
            timings.append(elapsed * 1000)
    timings.sort()
    if os.environ.get("BENCH_SHOW_SQL"):
        for query in queries.captured_queries:
            print("   ", query["sql"][:300], file=sys.stderr)
    p95 = timings[max(int(len(timings) * 0.95) - 1, 0)]
    return len(queries.captured_queries), statistics.median(timings), p95
