"""The site's chrome (navigation and footer) is the same on every page for a language:
built once, cached until an editor changes a menu, the footer or a page they link to.

Each process also keeps what it read for the current generation (issue 22): a page reads
the generation's token from the shared cache, not every entry again."""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from .generations import Generation, TokenMemo

CHROME = Generation("site:chrome")
TIMEOUT = 60 * 60


_memo = TokenMemo()


def chrome_cached(kind: str, build):
    """The chrome piece `kind` in the active language; what `build` returns must not be
    changed by its callers (every request of the process shares it)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    token = CHROME.current()
    entries = _memo.for_token(token)
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
