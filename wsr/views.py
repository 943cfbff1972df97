import logging
import os
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from wsr.site.access import public

logger = logging.getLogger(__name__)

OK, DOWN = "ok", "down"
# A probe that takes longer than this counts as down: a load balancer's probe must not hang.
PROBE_SECONDS = 0.5


@public
@never_cache
def healthz(request):
    """For a load balancer and for people: each part, "ok" or "down" (the broker "eager"
    when tasks run in the request). 200 while the database answers, since pages are then
    served (uncached without the cache; what the broker should carry waits in the outbox),
    with status "degraded" naming what is down; 503 only without the database (issue 18)."""
    checks = {
        "database": _check(_database),
        "cache": _check(_cache),
        "broker": _check(_broker),
        "storage": _storage(),
    }
    if checks["database"] != OK:
        status, code = "down", 503
    elif any(value == DOWN for value in checks.values()):
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)


def _check(probe) -> str:
    try:
        return probe()
    except Exception:  # any failure means down; the detail goes to the log
        logger.exception("healthz: %s check failed", probe.__name__.strip("_"))
        return DOWN


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return OK


def _cache() -> str:
    # one key per process: two processes probing at once must not read each other's token
    key, token = f"healthz:{os.getpid()}", uuid.uuid4().hex
    cache.set(key, token, timeout=60)
    return OK if cache.get(key) == token else DOWN


_broker_clients = {}


def _broker() -> str:
    from wsr.celery import app

    if app.conf.task_always_eager:
        return "eager"
    url = app.conf.broker_url
    if url.startswith(("redis://", "rediss://")):
        import redis

        client = _broker_clients.get(url)
        if client is None:  # one pool per process: a probe reuses its connection
            client = _broker_clients.setdefault(
                url,
                redis.Redis.from_url(
                    url, socket_connect_timeout=PROBE_SECONDS / 2, socket_timeout=PROBE_SECONDS
                ),
            )
        client.ping()
        return OK
    with app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=1, timeout=PROBE_SECONDS)
    return OK


# Object storage may be a remote store whose client waits long on a dead host: the probe
# runs in a thread and counts as down past PROBE_SECONDS; while one is still running, no
# second is started.
_storage_probe = ThreadPoolExecutor(max_workers=1, thread_name_prefix="healthz-storage")
_storage_lock = threading.Lock()
_storage_running = None


def _write_read_delete() -> str:
    name = default_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name) as stored:
            content = stored.read()
    finally:
        default_storage.delete(name)
    return OK if content == b"ok" else DOWN


def _storage() -> str:
    global _storage_running
    with _storage_lock:
        if _storage_running is not None and not _storage_running.done():
            return DOWN
        _storage_running = future = _storage_probe.submit(_check, _write_read_delete)
    try:
        return future.result(timeout=PROBE_SECONDS)
    except FutureTimeout:
        logger.warning("healthz: storage check took more than %s s", PROBE_SECONDS)
        return DOWN
