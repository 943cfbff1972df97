"""Per-caller request limits of the API, with the standard headers (RateLimit-Limit,
RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy; Retry-After on 429).

A fixed window per address (anonymous) or per token, counted in the default cache (Redis in
production, shared by every process). Rates come from the environment:
API_RATE_ANONYMOUS and API_RATE_TOKEN as "requests/seconds" (defaults 60/60 and 600/60)."""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    limit: int
    remaining: int
    reset: int  # seconds until the window ends
    window: int

    def headers(self) -> dict:
        headers = {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
            "RateLimit-Policy": f"{self.limit};w={self.window}",
        }
        if not self.allowed:
            headers["Retry-After"] = str(self.reset)
        return headers


def parse_rate(value: str) -> tuple[int, int]:
    count, _, seconds = str(value).partition("/")
    return max(int(count), 0), max(int(seconds or 60), 1)


def client_address(request) -> str:
    from allauth.account.adapter import get_adapter

    return get_adapter(request).get_client_ip(request) or "unknown"


def check(request, *, token=None) -> Verdict | None:
    """Count this request and say whether it may go on; None when limits are off."""
    rate = settings.API_RATE_TOKEN if token is not None else settings.API_RATE_ANONYMOUS
    limit, window = parse_rate(rate)
    if limit == 0:
        return None
    now = int(time.time())
    start = now - now % window
    who = f"token:{token.pk}" if token is not None else f"address:{client_address(request)}"
    key = f"api-rate:{who}:{start}"
    if cache.add(key, 1, timeout=window + 5):
        used = 1
    else:
        try:
            used = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window + 5)
            used = 1
    reset = start + window - now
    return Verdict(
        allowed=used <= limit,
        limit=limit,
        remaining=max(limit - used, 0),
        reset=max(reset, 1),
        window=window,
    )
