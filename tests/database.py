"""One migrated database per test run, copied for each pytest-xdist worker (issue 18).

Migrating from zero takes about 45 s on this machine (269 migrations; almost all of it is
Django rendering model states, not SQL). pytest-django would migrate once per worker; here
the first worker to arrive migrates a *template* (real migrations, run once per run, as
`manage.py migrate` runs them in production) under a file lock, and every worker copies it:

- SQLite: the template is a file under var/test-databases/; each worker loads it into its
  own in-memory database with SQLite's online backup API (milliseconds).
- PostgreSQL: the template is a database; each worker gets `CREATE DATABASE … TEMPLATE`.

The template is named by a digest of everything that decides the schema and the data the
migrations load (the migration files, the models and services they use, the settings, the
locked dependencies), and kept in the user's cache folder: a later run, or a fresh clone of
the same migrations on this machine, reuses it. Under CI a template is never reused from an
earlier run (the run's id is part of the name), so CI always tests the real migrations.
"""

import fcntl
import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connections

ROOT = Path(__file__).resolve().parent.parent
# Kept per machine and user, beside pip's cache, not in the checkout: a fresh clone of a
# commit whose migrations were already made here reuses them (pytest-django's --reuse-db,
# made safe by naming the template by its inputs).
TEMPLATES = Path(
    os.environ.get("WSR_TEST_DATABASES")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    / "wsr-platform"
    / "test-databases"
)
# What the migrations run besides their own files: the models they reference (upload
# paths, storages, choices), the services a data migration calls, the settings.
INPUTS = (
    "*/migrations/*.py",
    "wsr/*/migrations/*.py",
    "*/models.py",
    "*/models/*.py",
    "wsr/*/models.py",
    "wsr/*/models/*.py",
    "wsr/site/services.py",
    "wsr/site/time_zones.py",
    "wsr/settings.py",
)
KEEP = 4  # templates of earlier checkouts kept for switching branches


def digest() -> str:
    """What decides the migrated database: migration files, locks, Python's version."""
    hashed = hashlib.sha256(sys.version.encode())
    sources = sorted({path for pattern in INPUTS for path in ROOT.glob(pattern)})
    sources += [ROOT / "requirements-dev.lock"]
    for path in sources:
        hashed.update(str(path.relative_to(ROOT)).encode())
        hashed.update(path.read_bytes())
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        # a fresh template each CI run (all workers of one run share the run's id, which
        # the controller sets before it starts them: tests/conftest.py)
        hashed.update(os.environ.get("WSR_TEST_RUN", str(os.getpid())).encode())
    return hashed.hexdigest()[:16]


@contextmanager
def _locked(name: str):
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    with open(TEMPLATES / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _migrate(database_url: str) -> None:
    """The real migrations, in a process of their own, exactly as a deploy runs them."""
    env = {**os.environ, "DATABASE_URL": database_url}
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0", "--skip-checks"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    took = time.monotonic() - started
    sys.stderr.write(f"\n[test database] migrated a template in {took:.0f} s\n")


def _prune(suffix: str, keep: str) -> None:
    old = sorted(
        (path for path in TEMPLATES.glob(f"*{suffix}") if path.name != keep),
        key=lambda path: path.stat().st_mtime,
    )
    for path in old[: max(0, len(old) - KEEP + 1)]:
        path.unlink(missing_ok=True)


def _sqlite_template(name: str) -> Path:
    path = TEMPLATES / f"{name}.sqlite3"
    with _locked(name):
        if not path.exists():
            building = path.with_suffix(".building")
            building.unlink(missing_ok=True)
            _migrate(f"sqlite:///{building}")
            building.rename(path)
            _prune(".sqlite3", path.name)
    os.utime(path)
    return path


def template_prepare() -> None:
    """Make the run's template now (the pytest-xdist controller calls it in a thread while
    its workers start and collect, so they find it ready or nearly so)."""
    connection = connections["default"]
    if connection.vendor == "sqlite":
        _sqlite_template(digest())
    elif connection.vendor == "postgresql":
        _postgres_template(digest(), connection)
        connection.close()


def sqlite_template() -> Path:
    """The run's migrated SQLite file, for tests that start processes of their own on a
    copy (copy it: never write to it)."""
    return _sqlite_template(digest())


def _postgres(sql: str, connection) -> None:
    with connection._nodb_cursor() as cursor:
        cursor.execute(sql)


def _postgres_template(name: str, connection) -> str:
    from django.db.backends.postgresql.base import DatabaseWrapper

    base = connection.settings_dict["NAME"]
    template = f"{base}_template_{name}"[:63]
    with _locked(name):
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            exists = cursor.fetchone() is not None
        if not exists:
            building = f"{template[:54]}_building"
            _postgres(f'DROP DATABASE IF EXISTS "{building}"', connection)
            _postgres(f'CREATE DATABASE "{building}"', connection)
            params = connection.settings_dict
            url = (
                f"postgres://{params['USER'] or 'postgres'}"
                f"{':' + params['PASSWORD'] if params['PASSWORD'] else ''}"
                f"@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{building}"
            )
            _migrate(url)
            _postgres(f'ALTER DATABASE "{building}" RENAME TO "{template}"', connection)
    assert isinstance(connection, DatabaseWrapper)
    return template


def set_up(worker: str):
    """Give this process its own copy of the migrated database; returns the teardown."""
    connection = connections["default"]
    name = digest()
    original = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        template = _sqlite_template(name)
        test_name = connection.creation._get_test_db_name()  # shared in-memory database
        if not connection.creation.is_in_memory_db(test_name):
            raise RuntimeError("The SQLite test database is expected in memory.")
    elif connection.vendor == "postgresql":
        template = _postgres_template(name, connection)
        test_name = f"{connection.creation._get_test_db_name()}_{worker}"[:63]
        with _locked(name):  # a template being copied must have no other session
            _postgres(f'DROP DATABASE IF EXISTS "{test_name}" WITH (FORCE)', connection)
            _postgres(f'CREATE DATABASE "{test_name}" TEMPLATE "{template}"', connection)
    else:  # pragma: no cover - the project runs on these two
        raise RuntimeError(f"No template database for {connection.vendor}.")

    connection.close()
    settings.DATABASES["default"]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        source = sqlite3.connect(template)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    # What a test marked serialized_rollback gets back after its flush (the locales, the
    # managed lists, the site root the migrations load), as create_test_db would keep it.
    connection._test_serialized_contents = connection.creation.serialize_db_to_string()

    def tear_down():
        connection.close()
        settings.DATABASES["default"]["NAME"] = original
        connection.settings_dict["NAME"] = original
        if connection.vendor == "postgresql":
            _postgres(f'DROP DATABASE IF EXISTS "{test_name}" WITH (FORCE)', connection)

    return tear_down
