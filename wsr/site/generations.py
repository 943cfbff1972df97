"""Caches emptied all at once: every key of a family carries the family's current
generation, a random token; replacing the token forgets every entry at once, in every
process that shares the cache (issue 18).

A token is replaced, never incremented, so two processes racing to create or replace one
can only cause a miss, never serve an entry built from older data under a newer token."""

import uuid
from functools import partial

from django.core.cache import cache
from django.db import transaction

from wsr.cache import RECOVERY_CALLBACKS

_KEYS: set[str] = set()


class Generation:
    """`Generation("site:pages")` keeps its token under "site:pages:generation"."""

    def __init__(self, name: str):
        self.key = f"{name}:generation"
        _KEYS.add(self.key)

    def current(self) -> str:
        """The token to put in keys; created on first use (or after the cache lost it)."""
        return cache.get_or_set(self.key, _new_token, timeout=None)

    def bump(self, using=None) -> None:
        """Forget every entry of the family. Inside a transaction the token is replaced
        again when it commits: another process may have read the first new token and built
        an entry from the data as it was before this transaction committed. That second
        replacement is registered once per transaction, however many rows change in it."""
        _replace(self.key)
        connection = transaction.get_connection(using)
        if connection.in_atomic_block and not any(
            getattr(entry[1], "generation", None) == self.key for entry in connection.run_on_commit
        ):
            again = partial(_replace, self.key)
            again.generation = self.key
            transaction.on_commit(again, using=using)


class TokenMemo:
    """What one process read for a generation's current token (issue 22: routing, the chrome,
    the restricted paths): `for_token(token)` is a dict emptied when the token changes or
    holds `max_entries`. Token and dict are replaced together (one assignment), so a thread
    still holding an older token never writes into the dict of a newer one."""

    def __init__(self, max_entries: int | None = None):
        self.state: tuple = (None, {})
        self.max_entries = max_entries

    def for_token(self, token) -> dict:
        state = self.state
        if token != state[0] or (self.max_entries and len(state[1]) >= self.max_entries):
            state = (token, {})
            self.state = state
        return state[1]


def _new_token() -> str:
    return uuid.uuid4().hex


def _replace(key: str) -> None:
    cache.set(key, _new_token(), timeout=None)


def bump_all() -> None:
    """Forget every family: after the cache was unreachable, a replacement this process
    tried then was dropped, and what the others cached since may be stale."""
    for key in sorted(_KEYS):
        _replace(key)


RECOVERY_CALLBACKS.append(bump_all)
