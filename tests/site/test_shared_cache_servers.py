"""One cache for many processes (issue 18): two gunicorn servers on one database and one
cache (the embedded default's shared files; Redis as well when REDIS_URL is set). Both serve
the home page from the anonymous page cache; the scheduler's command releases a scheduled
revision in a third process; both then serve the fresh page, never their cached copy.

With a cache per process (local memory, as before) the servers kept the old page."""

import os
import sqlite3
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.servers import ROOT, Gunicorn

pytestmark = pytest.mark.django_db(transaction=True)

CACHES = ["files"] + (["redis"] if os.environ.get("REDIS_URL") else [])


def _database_url(tmp_path) -> str:
    """The test's database, for other processes: SQLite's in-memory test database copied to
    a file (the online backup API), or PostgreSQL's test database itself."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        path = tmp_path / "wsr.sqlite3"
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}"
    database = connection.settings_dict
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    return (
        f"postgres://{credentials}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
        f"/{database['NAME']}"
    )


@pytest.mark.parametrize("shared_cache", CACHES)
def test_a_release_through_one_process_is_served_fresh_by_both_servers(
    site_tree, tmp_path, shared_cache
):
    home = site_tree["en"]
    home.hero_title = "Released on schedule"
    home.save_revision(approved_go_live_at=timezone.now() - timedelta(seconds=1))

    env = {
        **os.environ,
        "DATABASE_URL": _database_url(tmp_path),
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "LOG_LEVEL": "WARNING",
    }
    if shared_cache == "files":
        env.pop("REDIS_URL", None)
        env["CACHE_LOCATION"] = str(tmp_path / "cache")
    else:  # Redis: a prefix of the test's own, so nothing else's keys are touched
        env["CACHE_KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    first, second = Gunicorn(env).start(), Gunicorn(env).start()
    try:
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda server: server.wait_until_ready(), (first, second)))
        for server in (first, second):
            server.get("/")
            status, headers, body = server.get("/")
            assert (status, headers["X-Page-Cache"]) == (200, "hit")
            assert "Workers define the rules" in body

        subprocess.run(
            [sys.executable, "manage.py", "publish_scheduled"], cwd=ROOT, env=env, check=True
        )

        for server in (second, first):
            status, _headers, body = server.get("/")
            assert status == 200
            assert "Released on schedule" in body
        assert second.get("/")[1]["X-Page-Cache"] == "hit"  # cached again, the fresh page
    finally:
        first.stop()
        second.stop()
