"""The site's chrome (navigation and footer) is the same on every page for a language:
built once, cached until an editor changes a menu, the footer or a page they link to."""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from .generations import Generation

CHROME = Generation("site:chrome")
TIMEOUT = 60 * 60


def chrome_cached(kind: str, build):
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = f"site:chrome:{CHROME.current()}:{kind}:{language}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def chrome_invalidate() -> None:
    from .page_cache import invalidate

    CHROME.bump()
    invalidate()  # every cached page carries the chrome
