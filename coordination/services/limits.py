"""One rate limit for everything people write in coordination (issue 20): threads, replies,
comments and messages count together, per person, in a fixed window kept in the shared
cache. `COORDINATION_WRITE_RATE` is "N/seconds" (default 30 in 10 minutes): enough for a
lively discussion, too few for a script. With the cache down, writing is allowed (the
limit protects people's inboxes; losing someone's words would be worse)."""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

DEFAULT_RATE = "30/600"
_unlimited = ContextVar("coordination_writes_unlimited", default=False)


@contextmanager
def write_limit_off():
    """No limit inside the block: for the demo seed and data imports, which write as the
    people they stand for, many records at once."""
    token = _unlimited.set(True)
    try:
        yield
    finally:
        _unlimited.reset(token)


def _rate() -> tuple[int, int]:
    text = getattr(settings, "COORDINATION_WRITE_RATE", DEFAULT_RATE) or DEFAULT_RATE
    count, _sep, seconds = text.partition("/")
    return int(count), int(seconds or 600)


def _key(user, window: int) -> str:
    start = int(timezone.now().timestamp()) // window
    return f"coordination:writes:{user.pk}:{start}"


def write_check(user) -> None:
    """Count one piece of writing by `user`, or refuse it with a clear message when they
    have written their share of the window already."""
    if _unlimited.get():
        return
    limit, window = _rate()
    key = _key(user, window)
    try:
        cache.add(key, 0, timeout=window + 5)
        used = cache.incr(key)
    except Exception:  # noqa: BLE001 - a cache outage must not lose what people write
        log.warning("coordination write limit: cache unavailable, writing allowed")
        return
    if used is not None and used > limit:
        raise ValidationError(
            _(
                "You have written a lot in a short time. Please wait a few minutes and send "
                "it again: your text is kept below."
            )
        )
