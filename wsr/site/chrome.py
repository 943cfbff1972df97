"""The site's chrome (navigation and footer) is the same on every page for a language:
built once, cached until an editor changes a menu, the footer or a page they link to.

Each process also keeps what it read for the current generation (issue 22): a page reads
the generation's token from the shared cache, not every entry again."""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from .generations import Generation

CHROME = Generation("site:chrome")
TIMEOUT = 60 * 60


class _Memo:
    """The token and its entries, replaced together (one assignment): a thread still holding
    an older token never writes into the dict of a newer one."""

    def __init__(self):
        self.state: tuple = (None, {})


_memo = _Memo()


def chrome_cached(kind: str, build):
    """The chrome piece `kind` in the active language; what `build` returns must not be
    changed by its callers (every request of the process shares it)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    token = CHROME.current()
    state = _memo.state
    if token != state[0]:
        state = (token, {})
        _memo.state = state
    entries = state[1]
    value = entries.get((kind, language))
    if value is not None:
        return value
    key = f"site:chrome:{token}:{kind}:{language}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    entries[(kind, language)] = value
    return value


def chrome_invalidate() -> None:
    from .page_cache import invalidate

    CHROME.bump()
    invalidate()  # every cached page carries the chrome
