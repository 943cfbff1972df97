"""`manage.py run_embedded`: what `make run` serves (issue 18). The development server and
the scheduler (celery beat on the database schedule, CELERY_BEAT_SCHEDULE) run as two child
processes of this one, so embargoed releases, reminders and digests happen on time with
nothing typed by hand. Without Redis tasks are eager: beat runs each due task itself, in its
own process. With Redis (tasks not eager) a worker on every queue starts too.

This process only supervises: Ctrl-C (or SIGTERM/SIGHUP) stops every child; when one child
ends (the server crashed, say) the others are stopped and this command exits with its code.
Each child leads its own process group, so stopping it also stops what it started (the
autoreloader's server, the worker's pool), and is asked to die with this process should this
one be killed outright (Linux). The scheduler is started once, here: runserver's autoreloader
restarts only the server."""

import ctypes
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
GRACE_SECONDS = 10
_PR_SET_PDEATHSIG = 1


def _libc():
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover - not Linux
        return None


def _die_with(parent_pid: int, libc):
    """Run in the child between fork and exec: SIGTERM when the supervisor goes away."""

    def prepare():
        if libc is not None and sys.platform.startswith("linux"):
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent_pid:  # the supervisor died before prctl took effect
            os._exit(1)

    return prepare


def _queues() -> str:
    routes = getattr(settings, "CELERY_TASK_ROUTES", {}) or {}
    queues = {getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", "celery")}
    queues |= {route["queue"] for route in routes.values() if "queue" in route}
    return ",".join(sorted(queues))


class Command(BaseCommand):
    help = "Serve the site with its scheduler (and a worker when tasks are not eager)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--noreload", action="store_true", help="Run the server without the autoreloader."
        )

    def children(self, addrport: str, noreload: bool) -> dict[str, list[str]]:
        python = sys.executable
        server = [python, str(settings.BASE_DIR / "manage.py"), "runserver", addrport]
        if noreload:
            server.append("--noreload")
        celery = [python, "-m", "celery", "-A", "wsr"]
        children = {
            "server": server,
            "scheduler": [
                *celery,
                "beat",
                "--scheduler",
                "django_celery_beat.schedulers:DatabaseScheduler",
                "--loglevel",
                "INFO",
            ],
            # Replies to case emails (issue 19), on CASE_MAIL_SMTP_HOST:PORT (127.0.0.1:2525).
            "mail receiver": [python, str(settings.BASE_DIR / "manage.py"), "receive_case_mail"],
        }
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            children["worker"] = [
                *celery,
                "worker",
                "--queues",
                _queues(),
                "--concurrency",
                "2",
                "--loglevel",
                "INFO",
            ]
        return children

    def handle(self, *args, addrport, noreload, **options):
        stop_requested: list[int] = []

        def request_stop(signum, frame):
            stop_requested.append(signum)

        previous = {sig: signal.signal(sig, request_stop) for sig in STOP_SIGNALS}
        libc = _libc()
        processes: dict[str, subprocess.Popen] = {}
        exit_code = 0
        # several processes write one SQLite file: see SQLITE_TRANSACTION_MODE in settings
        os.environ.setdefault("SQLITE_TRANSACTION_MODE", "IMMEDIATE")
        try:
            for name, argv in self.children(addrport, noreload).items():
                if stop_requested:
                    break
                processes[name] = subprocess.Popen(
                    argv,
                    cwd=settings.BASE_DIR,
                    start_new_session=True,
                    preexec_fn=_die_with(os.getpid(), libc),
                )
                self.stderr.write(f"run_embedded: {name} started (pid {processes[name].pid})")
            if "mail receiver" in processes:
                self.stderr.write(mail_banner())
            given_up: set[str] = set()
            while not stop_requested:
                ended = [(n, p.returncode) for n, p in processes.items() if p.poll() is not None]
                optional = [(n, c) for n, c in ended if n in OPTIONAL and n not in given_up]
                for name, code in optional:
                    # e.g. port 2525 taken by another run: the site goes on without it
                    given_up.add(name)
                    self.stderr.write(
                        f"run_embedded: the {name} ended (exit {code}); the site runs on "
                        "without it (replies by email are not received)."
                    )
                ended = [(n, c) for n, c in ended if n not in OPTIONAL]
                if ended:
                    name, code = ended[0]
                    self.stderr.write(f"run_embedded: the {name} ended (exit {code}); stopping.")
                    exit_code = code or 1
                    break
                time.sleep(0.2)
        finally:
            self._stop(processes)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if exit_code:
            sys.exit(exit_code)

    def _stop(self, processes: dict[str, subprocess.Popen]) -> None:
        """SIGTERM to each child's process group, SIGKILL to what is left after the grace
        period; then reap."""
        for process in processes.values():
            _signal_group(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + GRACE_SECONDS
        for process in processes.values():
            try:
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                pass
        for process in processes.values():
            _signal_group(process.pid, signal.SIGKILL)  # stragglers of the group, if any
            process.wait()


def _signal_group(pgid: int, signum: int) -> None:
    try:
        os.killpg(pgid, signum)
    except (ProcessLookupError, PermissionError):
        pass


# Children the site can run without: their end is reported, not a reason to stop the rest.
OPTIONAL = {"mail receiver"}


def mail_banner() -> str:
    """How to answer a case email locally (issue 19)."""
    host, port = settings.CASE_MAIL_SMTP_HOST, settings.CASE_MAIL_SMTP_PORT
    return (
        f"run_embedded: case mail is received on {host}:{port}. Reply to a case email with a "
        f"mail client pointed at that SMTP server, or e.g.\n"
        f"  swaks --server {host}:{port} --from <requester's address> "
        f"--to <the email's Reply-To> --body 'Thank you'\n"
        f"(the Reply-To of an email about a case is shown in the console email backend)."
    )
