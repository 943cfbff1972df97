"""`make run` releases an embargo on time by itself (issue 18): the real runner
(`manage.py run_embedded`: the development server and celery beat, tasks eager, no Redis) on a
migrated SQLite file publishes a press release a few seconds after its time, serves it, and
leaves no process behind when stopped with Ctrl-C or when its server dies."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings

TIMEOUT = 60  # seconds, for the runner to start and the release to happen (a loaded machine)
TICK = 1  # WSR_SCHEDULER_TICK: beat looks for due embargoes every second

# Runs once per session: the locales, home pages and a publications index, as the demo has.
SITE_SETUP = """
from wsr.site.services import site_tree_ensure
from tests.promotion.builders import index
homes = site_tree_ensure(
    home_fields={"title": "Home", "hero_title": "Workers"},
    home_fields_by_language={"es": {"title": "Inicio", "hero_title": "Trabajadores"}},
)
index(homes["en"])
"""

# Runs in each test: a press release under embargo until a few seconds from now.
EMBARGO = """
from promotion.models import ArticleIndexPage
from tests.promotion.builders import embargoed
page = embargoed(ArticleIndexPage.objects.get(slug="publications"), hours=%(seconds)s / 3600)
print("EMBARGO", page.pk, page.go_live_at.isoformat())
"""


def _environment(tmp_path: Path, database: Path) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "CELERY_TASK_ALWAYS_EAGER", "DATABASE_URL"}
        and not key.startswith(("PYTEST_", "PYTHONBREAKPOINT"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="wsr.settings",
        DATABASE_URL=f"sqlite:///{database}",
        WSR_SCHEDULER_TICK=str(TICK),
        SQLITE_TRANSACTION_MODE="IMMEDIATE",  # as run_embedded gives its processes
        PYTHONUNBUFFERED="1",
        MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
        CACHE_LOCATION=str(tmp_path / "cache"),
        EMAIL_URL="consolemail://",
        WSR_STAFF_MFA_REQUIRED="false",
        CASE_MAIL_SMTP_PORT=str(_free_port()),  # the runner's mail receiver (issue 19)
    )
    return environment


def _manage(environment, *args, timeout=600) -> str:
    done = subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """A SQLite file with every migration applied (a copy of the run's template database,
    tests/database.py) and the site tree."""
    from tests import database as test_database

    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("the embedded default is SQLite: the SQLite run tests it")
    folder = tmp_path_factory.mktemp("embedded")
    database = folder / "migrated.sqlite3"
    database.write_bytes(test_database.sqlite_template().read_bytes())
    environment = _environment(folder, database)
    _manage(environment, "shell", "-c", SITE_SETUP)
    return database


@pytest.fixture
def embedded(tmp_path, migrated_sqlite):
    database = tmp_path / "wsr.sqlite3"
    database.write_bytes(migrated_sqlite.read_bytes())
    return database, _environment(tmp_path, database)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _process(pid: int) -> tuple[int, int, str, str] | None:
    """(parent, process group, state, start time) of a live process, None when gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None
    state, parent, group, start = fields[0], int(fields[1]), int(fields[2]), fields[19]
    return None if state in "ZX" else (parent, group, state, start)


def _descendants(root: int) -> dict[int, str]:
    """Every process below `root`, by pid, with its start time (pids can be reused)."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (found := _process(int(entry.name))):
            table[int(entry.name)] = found
    below, frontier = {}, {root}
    while frontier:
        frontier = {pid for pid, row in table.items() if row[0] in frontier and pid not in below}
        below.update({pid: table[pid][3] for pid in frontier})
    return below


def _command(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _still_running(processes: dict[int, str]) -> list[int]:
    return [pid for pid, start in processes.items() if (row := _process(pid)) and row[3] == start]


def _wait_for(condition, what: str, deadline: float):
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


class Runner:
    def __init__(self, environment, log: Path):
        self.port = _free_port()
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(settings.BASE_DIR / "manage.py"),
                "run_embedded",
                f"127.0.0.1:{self.port}",
            ],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.seen: dict[int, str] = {}

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def note_children(self):
        self.seen.update(_descendants(self.process.pid))
        return self.seen

    def cleanup(self):
        """Whatever happened, nothing of this test outlives it."""
        for pid in [self.process.pid, *_still_running(self.seen)]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture
def runner(embedded, tmp_path):
    _database, environment = embedded
    started = Runner(environment, tmp_path / "runner.log")
    yield started
    started.cleanup()


def _live(database: Path, page_id: int) -> bool:
    with sqlite3.connect(database, timeout=10) as connection:
        row = connection.execute(
            "SELECT live, last_published_at FROM wagtailcore_page WHERE id = ?", (page_id,)
        ).fetchone()
    return row if row and row[0] else None


def _log(runner) -> str:
    return Path(runner.log.name).read_text()


def test_make_run_releases_an_embargo_on_time_and_stops_with_ctrl_c(embedded, runner):
    database, environment = embedded
    started = time.monotonic()
    deadline = started + TIMEOUT
    # Made while the runner starts: due a few seconds from now, not yet live.
    out = _manage(environment, "shell", "-c", EMBARGO % {"seconds": 4}, timeout=TIMEOUT)
    page_id, go_live_at = out.split("EMBARGO ")[-1].split()[:2]
    page_id, go_live_at = int(page_id), datetime.fromisoformat(go_live_at)
    assert not _live(database, int(page_id))

    _live_flag, published_at = _wait_for(
        lambda: _live(database, page_id), "the embargoed release to go live", deadline
    )
    published_at = datetime.fromisoformat(published_at).replace(tzinfo=UTC)
    assert published_at >= go_live_at, "released before its time"
    status, body = _wait_for(
        lambda: (r := _get(runner.url("/publications/embargoed-release/")))[0] == 200 and r,
        "the server to serve the release",
        deadline,
    )
    assert "EMBARGOED-BODY" in body
    children = runner.note_children()
    assert len(children) >= 3, (children, _log(runner))  # server (reloader and child), beat

    runner.process.send_signal(signal.SIGINT)  # Ctrl-C
    assert runner.process.wait(timeout=20) == 0, _log(runner)
    _wait_for(lambda: not _still_running(children), "every child to stop", time.monotonic() + 5)
    sys.stderr.write(  # shown with -s: how late, and how long the test took
        f"released {(published_at - go_live_at).total_seconds():.1f} s after its time; "
        f"test took {time.monotonic() - started:.1f} s\n"
    )


SCHEDULER_STANDIN = """
import os, subprocess, sys, time
helper = subprocess.Popen(["sleep", "60"])  # what a worker's pool would be
with open(sys.argv[1], "w") as pids:
    pids.write(f"{os.getpid()} {helper.pid}")
time.sleep(60)
"""


def test_when_the_server_dies_the_scheduler_stops_too(tmp_path):
    """The supervisor of the real runner, with stand-ins for the server (it dies after a
    moment) and the scheduler (it started a process of its own): the command ends with the
    server's exit code and nothing of the scheduler's group is left."""
    from wsr.site.management.commands.run_embedded import Command

    pid_file = tmp_path / "scheduler.pids"

    class StandIns(Command):
        def children(self, addrport, noreload):
            return {
                "scheduler": [sys.executable, "-c", SCHEDULER_STANDIN, str(pid_file)],
                "server": [
                    sys.executable,
                    "-c",
                    "import os, sys, time\n"
                    f"while not os.path.exists({str(pid_file)!r}): time.sleep(0.05)\n"
                    "sys.exit(3)",
                ],
            }

    with pytest.raises(SystemExit) as ended:
        StandIns().handle(addrport="127.0.0.1:0", noreload=True)
    assert ended.value.code == 3
    scheduler, helper = (int(pid) for pid in pid_file.read_text().split())
    _wait_for(
        lambda: _process(scheduler) is None and _process(helper) is None,
        "the scheduler and its helper to stop",
        time.monotonic() + 10,
    )


def test_a_mail_receiver_that_cannot_start_leaves_the_site_running(tmp_path, capsys):
    """The mail receiver (issue 19) is optional: when it ends (say, port 2525 is taken by
    another run), the runner says so and keeps the server and the scheduler; it stops when
    a child that matters ends."""
    from wsr.site.management.commands.run_embedded import Command

    marker = tmp_path / "receiver.ended"

    class StandIns(Command):
        def children(self, addrport, noreload):
            return {
                "mail receiver": [
                    sys.executable,
                    "-c",
                    f"open({str(marker)!r}, 'w').close(); raise SystemExit(1)",
                ],
                "server": [
                    sys.executable,
                    "-c",
                    "import os, sys, time\n"
                    f"while not os.path.exists({str(marker)!r}): time.sleep(0.05)\n"
                    "time.sleep(0.5)\n"  # outlives the receiver: the runner must not stop
                    "sys.exit(4)",
                ],
            }

    with pytest.raises(SystemExit) as ended:
        StandIns().handle(addrport="127.0.0.1:0", noreload=True)
    assert ended.value.code == 4  # the server's end stopped it, not the receiver's
    said = capsys.readouterr().err
    assert "the mail receiver ended (exit 1); the site runs on without it" in said
    assert "the server ended (exit 4); stopping." in said
