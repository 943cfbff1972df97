"""Whole pages cached for anonymous readers, invalidated by publishing.

Django's cache middleware varies on the Cookie header, so a visitor carrying any cookie (a
language choice, a CSRF cookie from a form) would always miss; and its per-URL keys cannot
be cleared when an editor publishes. Here: only anonymous GETs of Wagtail pages, only
responses that set no cookie and used no CSRF token, keyed by a generation number that every
publish, unpublish, move or delete of a page (including the scheduler releasing an embargo)
and every change of the site chrome replaces."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from .generations import Generation

PAGES = Generation("site:pages")
TIMEOUT = 60 * 60


def invalidate() -> None:
    PAGES.bump()


def _key(request) -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    zone = timezone.get_current_timezone_name()  # times are shown in the visitor's zone
    # the host too: another Site may answer the same path with another page (issue 22)
    path = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"site:page:{PAGES.current()}:{language}:{zone}:{path}"


def _cacheable_request(request) -> bool:
    return (
        settings.WSR_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        # a message waiting to be shown (cookie storage) must reach the page it was meant for
        and not request.COOKIES.get(getattr(settings, "MESSAGE_COOKIE_NAME", "messages"))
    )


class AnonymousPageCacheMiddleware:
    """Placed after authentication: serves and stores pages marked cacheable by the view
    (`request.wsr_cacheable`, set by Wagtail's serve hook for public live pages)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if (
            getattr(request, "wsr_cacheable", False)
            and response.status_code == 200
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not getattr(response, "streaming", False)
            and not _has_messages(request)
        ):
            response = response.render() if hasattr(response, "render") else response
            response["X-Page-Cache"] = "miss"
            cache.set(key, response, TIMEOUT)
        return response


def _has_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    return bool(storage and (storage._queued_messages or storage.used))  # noqa: SLF001
