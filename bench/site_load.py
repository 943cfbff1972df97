"""The public site under concurrent load: gunicorn (two workers, DEBUG off), wrk with eight
connections, requests per second and 95th-percentile latency of the home page, an article,
the articles index and a search, beside the ceiling of the same stack (a one-line view).

Run: .venv/bin/python bench/site_load.py   (needs wrk, PostgreSQL and Redis)
It creates (or refills) the database named by BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/wsr_bench_site, loads the demo data, then measures each
page twice: from the anonymous page cache, and with the cache switched off (WSR_PAGE_CACHE).

    .venv/bin/python bench/site_load.py --two-servers   (issue 18)
runs two gunicorn servers (one worker each) on one database and one cache, the embedded
default's shared files and then Redis; wrk's two threads each load one server, and the
anonymous pages are measured from the page cache both share. BENCH_REUSE_DATABASE=1 skips
refilling the database.
"""

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wsr_bench_site"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
PORT = int(os.environ.get("BENCH_PORT", 8031))
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = 8
P95_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\\n", latency:percentile(95)))
end
"""

ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-not-a-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SITE_URL": f"http://127.0.0.1:{PORT}",
    "EMAIL_URL": "consolemail://",
    "SECURE_SSL_REDIRECT": "false",
    "BENCH_CEILING_VIEW": "true",
    "LOG_LEVEL": "WARNING",
    "DJANGO_SETTINGS_MODULE": "wsr.settings",
}


def prepare() -> None:
    name = DATABASE_URL.rsplit("/", 1)[1]
    if "bench" not in name:
        sys.exit("Refusing a database whose name does not contain 'bench'.")
    base = DATABASE_URL.rsplit("/", 1)[0]
    subprocess.run(
        ["psql", f"{base}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True
    )
    subprocess.run(["psql", f"{base}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
    run = {"cwd": ROOT, "env": ENV, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput"], **run)
    subprocess.run([PYTHON, "manage.py", "seed_demo"], **run)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput"], **run)


def gunicorn(page_cache: bool, *, env=None, port=PORT, workers=2):
    env = {**(env or ENV), "WSR_PAGE_CACHE": "true" if page_cache else "false"}
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "wsr.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("gunicorn did not start")


def stop(process) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


def article_path() -> str:
    sys.path.insert(0, str(ROOT))
    os.environ.update(ENV)
    import django

    django.setup()
    from promotion.models import ArticlePage

    page = (
        ArticlePage.objects.readable().filter(kind="critique", locale__language_code="en").first()
    )
    return page.url


# wrk's first thread loads the first server, its second thread the second one.
TWO_SERVERS_SCRIPT = """
local ports = {%d, %d}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread.addr = wrk.lookup("127.0.0.1", tostring(ports[counter]))[1]
end
"""


def wrk(path: str, ports: tuple[int, ...] = (PORT,)) -> tuple[float, float]:
    url = f"http://127.0.0.1:{ports[0]}{path}"
    for port in ports:
        for _ in range(20):  # warm every worker (and the page cache)
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10).read()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(P95_SCRIPT)
        if len(ports) == 2:
            script.write(TWO_SERVERS_SCRIPT % ports)
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "-s", script.name, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p95 = int(re.search(r"P95_US (\d+)", output).group(1)) / 1000
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        sys.exit(f"{path}: {errors.group(1)} error responses")
    return rps, p95


def pages() -> dict[str, str]:
    return {
        "home page": "/",
        "an article": article_path(),
        "articles index": "/publications/",
        "search": "/search/?q=audit",
    }


def two_servers() -> None:
    """Two gunicorn servers (one worker each) sharing one database and one cache."""
    if os.environ.get("BENCH_REUSE_DATABASE") != "1":
        prepare()
    anonymous = {label: path for label, path in pages().items() if label != "search"}
    ports = (PORT, PORT + 1)
    rows = []
    with tempfile.TemporaryDirectory() as cache_dir:
        shared_files = {key: value for key, value in ENV.items() if key != "REDIS_URL"}
        shared_files |= {"CACHE_LOCATION": cache_dir, "CELERY_TASK_ALWAYS_EAGER": "true"}
        for cache_label, env in (("shared files", shared_files), ("redis", ENV)):
            servers = [gunicorn(True, env=env, port=port, workers=1) for port in ports]
            try:
                for label, path in anonymous.items():
                    rows.append((label, cache_label, *wrk(path, ports)))
            finally:
                for server in servers:
                    stop(server)
    print(f"two gunicorn servers of 1 worker, wrk {CONNECTIONS} connections, {DURATION} per page")
    print(f"{'page':26} {'shared cache':16} {'req/s':>8} {'p95 ms':>8}")
    for label, cache_label, rps, p95 in rows:
        print(f"{label:26} {cache_label:16} {rps:8.1f} {p95:8.1f}")


def main():
    if "--two-servers" in sys.argv[1:]:
        return two_servers()
    prepare()
    measured = pages()
    rows = []
    server = gunicorn(page_cache=True)
    try:
        ceiling = wrk("/bench-ceiling/")
        rows.append(("ceiling (one-line view)", "-", *ceiling))
        for label, path in measured.items():
            rows.append(
                (label, "anonymous cache" if label != "search" else "not cached", *wrk(path))
            )
    finally:
        stop(server)
    server = gunicorn(page_cache=False)
    try:
        for label, path in measured.items():
            if label != "search":
                rows.append((label, "cache off", *wrk(path)))
    finally:
        stop(server)
    top = ceiling[0]
    print(f"gunicorn 2 workers, wrk {CONNECTIONS} connections, {DURATION} per page")
    print(f"{'page':26} {'served':16} {'req/s':>8} {'p95 ms':>8} {'ratio to ceiling':>17}")
    for label, served, rps, p95 in rows:
        print(f"{label:26} {served:16} {rps:8.1f} {p95:8.1f} {'1/' + format(top / rps, '.1f'):>17}")


if __name__ == "__main__":
    main()
