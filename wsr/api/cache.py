"""Whole answers of the API kept for anonymous callers (issue 21), as the site keeps whole
pages (wsr.site.page_cache).

Only an anonymous GET or HEAD (no Authorization header at all) of a list, a record or the
OpenAPI document, and only a 200: its body, content type and Last-Modified, before
compression. endpoints.serve does the rest for a hit as for a miss (the request limit was
already counted, ETag and 304, caching headers, gzip). The key holds the generation
"api:records", replaced by every change to the data of the apps the API shows (any model,
m2m links included) and by every publish or unpublish of a page; an entry lives a minute
at most anyway, for what changes with the clock alone (?upcoming events) or without a
signal (a queryset update()). A token's caller never reads nor fills it.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from wagtail.signals import page_published, page_unpublished

from wsr.site.generations import Generation

RECORDS = Generation("api:records")
TIMEOUT = 60
HEADER = "X-Api-Cache"
# the URL names (wsr.api.endpoints) of the views whose answers are kept
VIEWS = frozenset({"list_view", "one_view", "openapi-json"})
# the apps whose data the API shows: a change to any of their models forgets every answer
APPS = frozenset(
    {
        "companies",
        "assistance",
        "repository",
        "promotion",
        "coordination",
        "members",
        "wagtailcore",
        "taggit",
        "wagtaildocs",
    }
)
# models of those apps written without any change to what the API shows (logs, tokens)
NOISE = frozenset(
    {
        ("wagtailcore", "apitoken"),
        ("wagtailcore", "modellogentry"),
        ("wagtailcore", "pagelogentry"),
        ("wagtailcore", "referenceindex"),
        ("wagtailcore", "pagesubscription"),
        ("wagtailcore", "uploadedfile"),
        ("assistance", "accessrecord"),
        ("coordination", "feedvisit"),
    }
)
SIGN_IN_ONLY = frozenset({"last_login"})


class Lookup:
    """One request's use of the cache (endpoints.serve): `cached()` before the view,
    `store(response)` after it, `label(response)` on the final answer."""

    def __init__(self, request):
        self.key = _key(request) if _cacheable(request) else None
        self.hit = False

    def cached(self) -> HttpResponse | None:
        if self.key is None:
            return None
        entry = cache.get(self.key)
        if entry is None:
            return None
        self.hit = True
        response = HttpResponse(entry["body"], content_type=entry["content_type"])
        if entry["last_modified"]:
            response["Last-Modified"] = entry["last_modified"]
        return response

    def store(self, response) -> None:
        if (
            self.key is None
            or response.status_code != 200
            or response.streaming
            or response.cookies
        ):
            return
        entry = {
            "body": response.content,
            "content_type": response["Content-Type"],
            "last_modified": response.get("Last-Modified"),
        }
        cache.set(self.key, entry, TIMEOUT)

    def label(self, response) -> None:
        if self.key is not None:
            response[HEADER] = "hit" if self.hit else "miss"


def _cacheable(request) -> bool:
    match = request.resolver_match
    return (
        settings.API_RESPONSE_CACHE
        and request.method in ("GET", "HEAD")
        and getattr(request, "api_token", None) is None
        and not request.headers.get("Authorization")
        and match is not None
        and match.url_name in VIEWS
    )


def _key(request) -> str:
    # the whole address: `next` links are built on the request's scheme and host; the
    # language, for the OpenAPI document's descriptions
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"api:response:{RECORDS.current()}:{language}:{address}"


# --- forgetting ------------------------------------------------------------------------------


def invalidate(using=None) -> None:
    """Forget every answer now, and again once when the transaction commits (another
    process may cache what it read before the commit under the new generation)."""
    RECORDS.bump(using)


def _shown(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    return (
        meta is not None
        and meta.app_label in APPS
        and (meta.app_label, meta.model_name) not in NOISE
        and not meta.model_name.startswith("historical")  # simple_history's copy of a change
    )


def _saved(sender, update_fields=None, using=None, **kwargs):
    if update_fields and set(update_fields) <= SIGN_IN_ONLY:
        return
    if _shown(sender):
        invalidate(using)


def _deleted(sender, using=None, **kwargs):
    if _shown(sender):
        invalidate(using)


def _linked(sender, action, using=None, **kwargs):
    if action.startswith("post_") and _shown(sender):
        invalidate(using)


def _published(sender, **kwargs):
    invalidate()


post_save.connect(_saved, dispatch_uid="wsr.api.cache.saved")
post_delete.connect(_deleted, dispatch_uid="wsr.api.cache.deleted")
m2m_changed.connect(_linked, dispatch_uid="wsr.api.cache.linked")
page_published.connect(_published, dispatch_uid="wsr.api.cache.published")
page_unpublished.connect(_published, dispatch_uid="wsr.api.cache.unpublished")
