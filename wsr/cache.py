"""The cache backends (issue 18): one cache for every process, and no page that fails
because the cache does.

- `SharedFileCache`, the embedded default: files under var/cache, shared by every process
  of the machine (gunicorn workers, a second server, the worker and the scheduler), where
  local memory gave each process its own copy and kept serving pages that another process
  had replaced. Entries are written to a temporary file and renamed, so a reader never sees
  half an entry.
- `FailSoftRedisCache`, when REDIS_URL is set: while Redis cannot be reached, reads miss and
  writes are dropped, so pages are built from the database and served uncached instead of
  answering 500; the outage is logged once a minute, and Redis is not asked again for a few
  seconds after a failure, so that each request does not wait for a connection timeout.
"""

import fcntl
import itertools
import logging
import os
import threading
import time
from contextlib import contextmanager

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from django.utils.functional import cached_property
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ReadOnlyError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)


class SharedFileCache(FileBasedCache):
    """Django's file cache, counting its entries on one write in CULL_EVERY rather than on
    every write: listing the directory costs ~4 ms per 1,000 entries."""

    cull_every = 50
    _writes = itertools.count()

    def __init__(self, dir, params):
        options = dict(params.get("OPTIONS", {}))
        self.cull_every = int(options.pop("CULL_EVERY", self.cull_every))
        super().__init__(dir, {**params, "OPTIONS": options})

    def _cull(self):
        if next(self._writes) % self.cull_every == 0:
            super()._cull()

    @contextmanager
    def _counter_lock(self):
        """One lock file for `add` and `incr`, held across their read and write: counters
        (rate limits) are exact across threads and processes (issue 20: 100 parallel
        increments left 15 before)."""
        os.makedirs(self._dir, exist_ok=True)
        with open(os.path.join(self._dir, ".counters.lock"), "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._counter_lock():
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        with self._counter_lock():
            return super().incr(key, delta, version)


# Errors that mean "Redis is not there now"; any other error is a bug and is raised.
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, ReadOnlyError)


class _Breaker:
    """The state of one Redis server, shared by the threads of a process."""

    def __init__(self):
        self.retry_at = 0.0
        self.logged_at = None
        self.is_down = False
        self.lock = threading.Lock()

    def allows(self) -> bool:
        return time.monotonic() >= self.retry_at

    def failed(self, error: Exception, *, retry_after: float, log_every: float):
        now = time.monotonic()
        with self.lock:
            self.retry_at = now + retry_after
            self.is_down = True
            if self.logged_at is None or now - self.logged_at >= log_every:
                self.logged_at = now
                # (the location may carry a password: it is not logged)
                logger.warning(
                    "cache unreachable, pages are served uncached: %s", type(error).__name__
                )

    def succeeded(self) -> bool:
        """Record an answer; True when it is the first since the cache was down (the
        recovery callbacks have run then)."""
        if not self.is_down:
            return False
        with self.lock:
            recovered = self.is_down
            self.is_down = False
        if recovered:
            logger.warning("cache reachable again")
            for callback in list(RECOVERY_CALLBACKS):
                callback()
        return recovered


# Called once in a process when the cache answers again after it saw it down: writes it
# dropped meanwhile may have been ones that empty caches (a publish replacing the pages'
# generation), so wsr.site.generations empties them all (found by review: pages published
# while Redis hung were served stale for the cache's lifetime after it came back).
RECOVERY_CALLBACKS: list = []


_breakers: dict[str, _Breaker] = {}
_breakers_lock = threading.Lock()


def _breaker_for(location: str) -> _Breaker:
    with _breakers_lock:
        return _breakers.setdefault(location, _Breaker())


def _missing_key(key, delta=1):
    raise ValueError(f"Key '{key}' not found.")


# What each call of Django's Redis client answers while Redis is down: an empty cache.
_FALLBACKS = {
    "get": lambda key, default: default,
    "get_many": lambda keys: {},
    "has_key": lambda key: False,
    # allauth's rate limits take a lock with add(): a lock never granted would refuse
    # every sign-in, so the limits fail open and count nothing while Redis is down.
    "add": lambda key, value, timeout: True,
    "set": lambda key, value, timeout: None,
    "set_many": lambda data, timeout: None,
    "touch": lambda key, timeout: False,
    "delete": lambda key: False,
    "delete_many": lambda keys: None,
    "incr": _missing_key,
    "clear": lambda: False,
}


class _FailSoftClient:
    def __init__(self, client, backend):
        self._client = client
        self._backend = backend

    def __getattr__(self, name):
        method = getattr(self._client, name)
        fallback = _FALLBACKS.get(name)
        if fallback is None:
            return method

        def guarded(*args, **kwargs):
            return self._backend._guard(method, fallback, args, kwargs)  # noqa: SLF001

        return guarded


class FailSoftRedisCache(RedisCache):
    """RedisCache that answers as an empty cache while Redis is down.

    OPTIONS, beside redis-py's: RETRY_AFTER (seconds without asking Redis after a failure,
    default 5), LOG_EVERY (seconds between two log lines about the outage, default 60). The
    socket timeouts default to 0.25 s: a stalled Redis costs a request at most that."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("RETRY_AFTER", 5))
        self.log_every = float(options.pop("LOG_EVERY", 60))
        options.setdefault("socket_connect_timeout", 0.25)
        options.setdefault("socket_timeout", 0.25)
        super().__init__(server, {**params, "OPTIONS": options})
        self._location = ",".join(self._servers)
        self._breaker = _breaker_for(self._location)

    @cached_property
    def _cache(self):
        return _FailSoftClient(self._class(self._servers, **self._options), self)

    @property
    def is_down(self) -> bool:
        """Whether the last call from this process found Redis unreachable."""
        return self._breaker.is_down

    def _guard(self, method, fallback, args, kwargs):
        if not self._breaker.allows():
            return fallback(*args, **kwargs)
        try:
            result = method(*args, **kwargs)
        except UNAVAILABLE as error:
            self._breaker.failed(
                error,
                retry_after=self.retry_after,
                log_every=self.log_every,
            )
            return fallback(*args, **kwargs)
        if self._breaker.succeeded() and method.__name__ in ("get", "get_many", "has_key"):
            # what this first answer read may be what the callbacks just replaced
            result = method(*args, **kwargs)
        return result
