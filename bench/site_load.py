"""The site without the page cache under concurrent load (issue 22), beside the ceiling of the
same stack and, optionally, beside wagtail/bakerydemo's comparable pages, in one run.

    .venv/bin/python bench/site_load.py [--rounds 3] [--duration 5s] [--bakerydemo DIR]

The setup is the issue's: gunicorn with two sync workers, DEBUG off, CONN_MAX_AGE=60 (as
deployed), SQLite (a temporary database filled with migrate, seed_demo and collectstatic;
BENCH_DATABASE_URL names another one, BENCH_REUSE_DATABASE=1 skips filling it), the embedded
file cache (BENCH_REDIS_URL: Redis instead), WSR_PAGE_CACHE=false, and wrk with two threads
and eight connections. Every round measures every target once, one after the other (the
ceiling, then each page of ours each followed by bakerydemo's comparable page); the table
gives the median of the rounds. The ceiling is a one-line view (BENCH_CEILING_VIEW=true).

Signed-in pages are measured with a session made before the run (member@wsr.test; a staff
account with a TOTP authenticator whose session records the second factor), sent by wrk as
a Cookie header. Every page must answer 200 (not a redirect to sign-in) before it is measured.

--bakerydemo DIR (or BAKERYDEMO_DIR): a checkout of wagtail/bakerydemo, run with its own
Python (DIR/.venv/bin/python, or BAKERYDEMO_PYTHON) under gunicorn, two workers, DEBUG off,
on a fresh SQLite copy of its demo data (manage.py migrate, load_initial_data). Its settings
module is BAKERYDEMO_SETTINGS (default bakerydemo.settings.production). Without it, the
bakerydemo columns say "not run".

    .venv/bin/python bench/site_load.py --two-servers   (issue 18)
runs two gunicorn servers (one worker each) on one database and one cache, the embedded
default's shared files and then Redis (when BENCH_REDIS_URL is set); wrk's two threads each
load one server, and the anonymous pages are measured from the page cache both share.
"""

import argparse
import atexit
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", 8031))
BAKERY_PORT = PORT + 10
CONNECTIONS = 8
DURATION = os.environ.get("BENCH_DURATION", "10s")  # wrk's default (bench/api_load.py's)
P95_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\\n", latency:percentile(95)))
end
"""
WORK = Path(tempfile.mkdtemp(prefix="wsr-bench-"))  # the database, cache, static files
atexit.register(shutil.rmtree, WORK, ignore_errors=True)
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{WORK / 'bench.sqlite3'}")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "")

ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "CONN_MAX_AGE": "60",
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-not-a-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SITE_URL": f"http://127.0.0.1:{PORT}",
    "EMAIL_URL": "consolemail://",
    "SECURE_SSL_REDIRECT": "false",
    "BENCH_CEILING_VIEW": "true",
    "WSR_PAGE_CACHE": "false",
    "CELERY_TASK_ALWAYS_EAGER": "true",
    "LOG_LEVEL": "WARNING",
    "DJANGO_SETTINGS_MODULE": "wsr.settings",
}
if os.environ.get("BENCH_REUSE_DATABASE") != "1":  # files of a fresh database stay with it
    ENV |= {
        "STATIC_ROOT": str(WORK / "static"),
        "MEDIA_ROOT": str(WORK / "media"),
        "PRIVATE_MEDIA_ROOT": str(WORK / "private"),
    }
if REDIS_URL:
    ENV["REDIS_URL"] = REDIS_URL
else:
    ENV.pop("REDIS_URL", None)
    ENV["CACHE_LOCATION"] = str(WORK / "cache")


# (label, path, who, bakerydemo's comparable page) in the order; {article} and the
# like are filled in by the paths snippet below.
PAGES = [
    ("home", "/", "anon", "home"),
    ("/publications/ (index)", "/publications/", "anon", "index"),
    ("an article", "{article}", "anon", "post"),
    ("/search/?q=workers", "/search/?q=workers", "anon", "search"),
    ("/repository/", "/repository/", "anon", None),
    ("a resource", "{resource}", "anon", None),
    ("/companies/", "/companies/", "anon", None),
    ("a company", "{company}", "anon", None),
    ("/initiatives/", "/initiatives/", "anon", None),
    ("a scorecard", "{scorecard}", "anon", None),
    ("/coordination/calendar/", "/coordination/calendar/", "anon", None),
    ("/portal/ (member)", "/portal/", "member", None),
    ("/repository/?q=workers (member)", "/repository/?q=workers", "member", None),
    ("/assistance/queue/ (staff, 2FA)", "/assistance/queue/", "staff", None),
    ("/coordination/feed/ (member)", "/coordination/feed/", "member", None),
]

# Run in the bench's environment: the paths of a readable article, resource, company and
# published scorecard, and a session for a member and for a staff member who passed TOTP.
PATHS_SNIPPET = r"""
import json, time
import django
django.setup()
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY, AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.account.internal.userkit import user_id_to_str
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from assistance.models import Assessment
from promotion.models import ArticlePage
from repository.models import ResourcePage
from wsr.companies.models import Company

def session(user, second_factor):
    client = Client()
    client.force_login(user)
    s = client.session
    records = [{"method": "password", "at": time.time(), "email": user.email}]
    if second_factor:
        records.append({"method": "mfa", "at": time.time(), "type": "totp"})
    s[AUTHENTICATION_METHODS_SESSION_KEY] = records
    s[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    s.save()
    return s.session_key

User = get_user_model()
staff = User.objects.filter(
    is_staff=True,
    id__in=Authenticator.objects.filter(type=Authenticator.Type.TOTP).values("user_id"),
).order_by("pk").first()
article = ArticlePage.objects.readable().filter(locale__language_code="en").first()
resource = ResourcePage.objects.live().public().filter(locale__language_code="en").first()
assessment = (
    Assessment.objects.filter(published_at__isnull=False).select_related("initiative").first()
)
print("BENCH_JSON", json.dumps({
    "article": article.url,
    "resource": resource.url,
    "company": Company.objects.order_by("pk").first().get_absolute_url(),
    "scorecard": f"/initiatives/{assessment.initiative.slug}/scorecards/{assessment.pk}/",
    "cookie_name": settings.SESSION_COOKIE_NAME,
    "logout": reverse("account_logout"),
    "member": session(User.objects.get(email="member@wsr.test"), False),
    "staff": session(staff, True),
    "staff_email": staff.email,
}))
"""

BAKERY_SNIPPET = r"""
import json
import django
django.setup()
from bakerydemo.blog.models import BlogIndexPage, BlogPage
index = BlogIndexPage.objects.live().order_by("path").first()
post = BlogPage.objects.live().descendant_of(index).order_by("path").first()
print("BENCH_JSON", json.dumps({"index": index.url, "post": post.url}))
"""


def run_json(command, *, cwd, env) -> dict:
    output = subprocess.run(
        command, cwd=cwd, env=env, check=True, capture_output=True, text=True
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    return json.loads(line.removeprefix("BENCH_JSON "))


def prepare() -> None:
    """Fill the database: migrate, the whole demo, static files (unless reused)."""
    if os.environ.get("BENCH_REUSE_DATABASE") == "1":
        return
    if DATABASE_URL.startswith("postgres"):
        name = DATABASE_URL.rsplit("/", 1)[1]
        if "bench" not in name:
            sys.exit("Refusing a database whose name does not contain 'bench'.")
        base = DATABASE_URL.rsplit("/", 1)[0]
        for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
            subprocess.run(["psql", f"{base}/postgres", "-qc", sql], check=True)
    run = {"cwd": ROOT, "env": ENV, "check": True, "stdout": subprocess.DEVNULL}
    started = time.monotonic()
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput"], **run)
    subprocess.run([PYTHON, "manage.py", "seed_demo"], **run)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput"], **run)
    print(f"database filled in {time.monotonic() - started:.0f} s", flush=True)


def start(command, *, cwd, env, port, ready="/healthz"):
    process = subprocess.Popen(command, cwd=cwd, env=env, start_new_session=True)
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{ready}", timeout=2)
            return process
        except urllib.error.HTTPError:
            return process  # it answers
        except OSError:
            if process.poll() is not None:
                sys.exit(f"the server on port {port} exited")
            time.sleep(0.2)
    stop(process)
    sys.exit(f"the server on port {port} did not start")


def gunicorn(page_cache: bool, *, env=None, port=PORT, workers=2):
    env = {**(env or ENV), "WSR_PAGE_CACHE": "true" if page_cache else "false"}
    command = [PYTHON, "-m", "gunicorn", "wsr.wsgi:application", "--workers", str(workers)]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    return start(command, cwd=ROOT, env=env, port=port)


def stop(process) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except ProcessLookupError:
        pass


class Failed(Exception):
    """A page that did not answer 200."""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url: str, cookie: str | None = None, *, body: bool = False):
    """The status of a GET without following redirects (and the body, if asked)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with OPENER.open(request, timeout=30) as response:
            content = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        content, status = b"", error.code
    return (status, content) if body else status


# wrk's first thread loads the first server, its second thread the second one.
TWO_SERVERS_SCRIPT = """
local ports = {%d, %d}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread.addr = wrk.lookup("127.0.0.1", tostring(ports[counter]))[1]
end
"""


def wrk(
    path: str,
    ports: tuple[int, ...] = (PORT,),
    *,
    cookie: str | None = None,
    duration: str = DURATION,
    warm: int = 6,
) -> tuple[float, float]:
    """Requests per second and the 95th-percentile latency in ms of `path`."""
    url = f"http://127.0.0.1:{ports[0]}{path}"
    for port in ports:
        for _ in range(warm):  # warm every worker
            status = fetch(f"http://127.0.0.1:{port}{path}", cookie)
            if status != 200:
                raise Failed(f"answered {status}")
    script = WORK / f"wrk-{len(ports)}.lua"
    script.write_text(P95_SCRIPT + (TWO_SERVERS_SCRIPT % ports if len(ports) == 2 else ""))
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}", "-s", str(script)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p95 = int(re.search(r"P95_US (\d+)", output).group(1)) / 1000
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise Failed(f"{errors.group(1)} error responses")
    return rps, p95


class Bakerydemo:
    """A checkout of wagtail/bakerydemo on its own demo data, under gunicorn."""

    def __init__(self, directory: str):
        self.dir = Path(directory).resolve()
        self.python = os.environ.get(
            "BAKERYDEMO_PYTHON", str(self.dir / ".venv" / "bin" / "python")
        )
        work = WORK / "bakerydemo"
        work.mkdir()
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "VIRTUAL_ENV"))
        }
        self.env |= {
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "BAKERYDEMO_SETTINGS", "bakerydemo.settings.production"
            ),
            "DJANGO_DEBUG": "off",
            "DEBUG": "false",
            "DJANGO_SECRET_KEY": "bench-only-not-a-secret-" + "y" * 40,
            "SECRET_KEY": "bench-only-not-a-secret-" + "y" * 40,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"sqlite:///{work / 'bakerydemo.sqlite3'}",
            "MEDIA_ROOT": str(work / "media"),
            "STATIC_ROOT": str(work / "static"),
            "DJANGO_SECURE_SSL_REDIRECT": "off",
        }
        self.process = None

    def prepare(self) -> dict[str, str]:
        run = {"cwd": self.dir, "env": self.env, "check": True, "stdout": subprocess.DEVNULL}
        started = time.monotonic()
        for command in ("migrate --noinput", "load_initial_data", "collectstatic --noinput"):
            subprocess.run([self.python, "manage.py", *command.split()], **run)
        print(f"bakerydemo filled in {time.monotonic() - started:.0f} s", flush=True)
        found = run_json([self.python, "-c", BAKERY_SNIPPET], cwd=self.dir, env=self.env)
        return {
            "home": "/",
            "index": found["index"],
            "post": found["post"],
            "search": "/search/?q=bread",
        }

    def start(self):
        command = [self.python, "-m", "gunicorn", "bakerydemo.wsgi:application"]
        command += ["--workers", "2", "--bind", f"127.0.0.1:{BAKERY_PORT}"]
        command += ["--log-level", "warning"]
        self.process = start(command, cwd=self.dir, env=self.env, port=BAKERY_PORT, ready="/")

    def stop(self):
        if self.process:
            stop(self.process)


def ratio(ceiling: float, rps: float) -> str:
    return f"1/{ceiling / rps:.1f}" if rps else "-"


def measure(args) -> None:
    prepare()
    found = run_json([PYTHON, "-c", PATHS_SNIPPET], cwd=ROOT, env=ENV)
    cookies = {
        "anon": None,
        "member": f"{found['cookie_name']}={found['member']}",
        "staff": f"{found['cookie_name']}={found['staff']}",
    }
    pages = [(label, path.format(**found), who, twin) for label, path, who, twin in PAGES]
    bakery = None
    twins = {}
    directory = args.bakerydemo or os.environ.get("BAKERYDEMO_DIR")
    if directory:
        bakery = Bakerydemo(directory)
        twins = bakery.prepare()
    # the targets of one round, in order: (key, port, path, cookie)
    targets = [("ceiling", PORT, "/bench-ceiling/", None)]
    for label, path, who, twin in pages:
        targets.append((label, PORT, path, cookies[who]))
        if twin and bakery:
            targets.append((f"bakerydemo {twin}", BAKERY_PORT, twins[twin], None))

    server = gunicorn(page_cache=False)
    results: dict[str, list[tuple[float, float]]] = {key: [] for key, *_ in targets}
    failed: dict[str, str] = {}
    try:
        if bakery:
            bakery.start()
        for key, port, path, cookie in targets:  # every page answers 200 before any run
            status, content = fetch(f"http://127.0.0.1:{port}{path}", cookie, body=True)
            if status != 200:
                failed[key] = f"answered {status}"
            elif cookie and found["logout"].encode() not in content:
                failed[key] = "served without the session (no sign-out form)"
            if key in failed:
                print(f"{key} {path}: {failed[key]}; not measured", flush=True)
        if "ceiling" in failed:
            sys.exit("the ceiling view does not answer (BENCH_CEILING_VIEW)")
        print(
            f"gunicorn 2 sync workers each, DEBUG off, page cache off, wrk -t2 -c{CONNECTIONS}"
            f" -d{args.duration}, {args.rounds} rounds; database {DATABASE_URL}; cache "
            f"{REDIS_URL or 'embedded files'}; staff session: {found['staff_email']}",
            flush=True,
        )
        for round_number in range(1, args.rounds + 1):
            for key, port, path, cookie in targets:
                if key not in failed:
                    try:
                        results[key].append(
                            wrk(path, (port,), cookie=cookie, duration=args.duration)
                        )
                    except Failed as error:
                        failed[key] = str(error)
            figures = "  ".join(
                f"{key.split(' (')[0]}={results[key][-1][0]:.0f}/{results[key][-1][1]:.0f}ms"
                for key, *_ in targets
                if key not in failed
            )
            print(f"round {round_number} (req/s / p95): {figures}", flush=True)
    finally:
        stop(server)
        if bakery:
            bakery.stop()

    def median(key, index=0):
        return statistics.median(figure[index] for figure in results[key])

    ceiling = median("ceiling")
    print()
    print(
        f"ceiling (one-line view): {ceiling:.0f} req/s (median), p95 {median('ceiling', 1):.1f} ms"
    )
    header = (
        "| page (uncached) | req/s (median) | p95 ms | ratio to ceiling | bakerydemo's page "
        "req/s | x bakerydemo | target | met |"
    )
    print(header)
    print("|" + "---|" * 8)
    for label, _path, who, twin in pages:
        if label in failed:
            print(f"| {label} | {failed[label]}, not measured | | | | | | NOT met |")
            continue
        rps, p95 = median(label), median(label, 1)
        needed = 30 if who != "anon" else 20
        target = f"1/{needed}"
        met = ceiling / rps <= needed
        twin_rps = twin_ratio = "-"
        if twin and bakery and f"bakerydemo {twin}" in failed:
            twin_rps = twin_ratio = failed[f"bakerydemo {twin}"]
            met = False
        elif twin and bakery:
            other = median(f"bakerydemo {twin}")
            twin_rps, twin_ratio = f"{other:.0f} ({twin})", f"{rps / other:.1f}x"
            target += ", 3x bakerydemo"
            met = met and rps >= 3 * other
        elif twin:
            twin_rps = twin_ratio = "not run"
        print(
            f"| {label} | {rps:.0f} | {p95:.1f} | {ratio(ceiling, rps)} | {twin_rps} | "
            f"{twin_ratio} | {target} | {'met' if met else 'NOT met'} |"
        )
    if failed:
        print("not measured: " + "; ".join(f"{key}: {why}" for key, why in failed.items()))
        sys.exit(1)


def two_servers(args) -> None:
    """Two gunicorn servers (one worker each) sharing one database and one cache."""
    prepare()
    found = run_json([PYTHON, "-c", PATHS_SNIPPET], cwd=ROOT, env=ENV)
    anonymous = {
        "home page": "/",
        "an article": found["article"],
        "articles index": "/publications/",
    }
    ports = (PORT, PORT + 1)
    rows = []
    shared_files = {key: value for key, value in ENV.items() if key != "REDIS_URL"}
    shared_files |= {"CACHE_LOCATION": str(WORK / "shared-cache")}
    caches = [("shared files", shared_files)]
    if REDIS_URL:
        caches.append(("redis", {**ENV, "REDIS_URL": REDIS_URL}))
    for cache_label, env in caches:
        servers = [gunicorn(True, env=env, port=port, workers=1) for port in ports]
        try:
            for label, path in anonymous.items():
                rows.append(
                    (label, cache_label, *wrk(path, ports, duration=args.duration, warm=20))
                )
        finally:
            for server in servers:
                stop(server)
    print(
        f"two gunicorn servers of 1 worker, wrk {CONNECTIONS} connections, {args.duration} per page"
    )
    print(f"{'page':26} {'shared cache':16} {'req/s':>8} {'p95 ms':>8}")
    for label, cache_label, rps, p95 in rows:
        print(f"{label:26} {cache_label:16} {rps:8.1f} {p95:8.1f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", default=os.environ.get("BENCH_DURATION", "5s"))
    parser.add_argument("--bakerydemo", metavar="DIR")
    parser.add_argument("--two-servers", action="store_true")
    args = parser.parse_args()
    two_servers(args) if args.two_servers else measure(args)


if __name__ == "__main__":
    main()
