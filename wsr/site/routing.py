"""Wagtail's site lookup and page routing, done once per page tree rather than once per
request (issue 22).

For every page it serves, Wagtail finds the Site for the host (a query), the home page in
the reader's language (two), each page down the path (two per level) and the view
restrictions of the page and its ancestors (two): five to nine queries before the page
draws anything, the same for every reader until an editor changes the tree. Here the
answers are kept per process, under the token of the pages' generation
(`page_cache.PAGES`), which every publish, unpublish, move, save or delete of a page
replaces, and so does every change of a Site, a Locale or a view restriction
(`signals.py`): the next request, in any process, routes afresh.

Only what Wagtail reads from the database is kept, never an object a request used: each
request gets new model instances built from the stored field values (a page's StreamField
from its stored JSON), so nothing one request loaded or cached on a page (an image, a
linked page) reaches the next. Whether a page is private is remembered; the restrictions
themselves are read again (Wagtail's own check) for a page that has any, since whether a
reader passes them depends on the reader.
"""

import copy
import datetime
import decimal
import functools
import json
import uuid
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.base import ModelState
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.url_routing import RouteResult

from .generations import TokenMemo
from .page_cache import PAGES

# Entries kept per process for one generation (paths nobody links to, probes, fill it too).
MAX_ENTRIES = 2000
_IMMUTABLE = (
    str,
    int,
    float,
    bool,
    bytes,
    type(None),
    decimal.Decimal,
    datetime.date,
    datetime.time,
    datetime.timedelta,
    uuid.UUID,
)
_NOT_FOUND = object()


@dataclass(frozen=True)
class _Stored:
    """A model instance as the database gave it: its field values (a StreamField's as JSON
    text), and the related instances Wagtail had attached (a Site's root page, a page's
    parent)."""

    model: type
    db: str
    plain: tuple  # (attname, value): values nobody can change in place (str, int, dates)
    mutable: tuple  # (attname, value): copied for each request
    streams: tuple  # (attname, field, JSON text)
    related: tuple  # (name in the fields cache, _Stored)
    parent: "_Stored | None"
    # known for the routed page only (its ancestors' restrictions included); None for the
    # instances attached to it (a parent, a Site's root page): they ask the database
    is_restricted: bool | None = None


def _store(instance, *, is_restricted: bool | None = None) -> _Stored:
    plain, mutable, streams = [], [], []
    for field in type(instance)._meta.concrete_fields:
        if field.attname not in instance.__dict__:
            continue  # deferred: read on access, as before
        value = instance.__dict__[field.attname]
        if isinstance(field, StreamField):
            text = json.dumps(field.get_prep_value(value), cls=DjangoJSONEncoder)
            streams.append((field.attname, field, text))
        elif isinstance(value, _IMMUTABLE):
            plain.append((field.attname, value))
        else:
            mutable.append((field.attname, copy.deepcopy(value)))
    related = tuple(
        (name, _store(obj))
        for name, obj in instance._state.fields_cache.items()
        if name == "root_page" and obj is not None
    )
    parent = instance.__dict__.get("_cached_parent_obj")
    return _Stored(
        model=type(instance),
        db=instance._state.db,
        plain=tuple(plain),
        mutable=tuple(mutable),
        streams=tuple(streams),
        related=related,
        parent=_store(parent) if parent is not None else None,
        is_restricted=is_restricted,
    )


def _build(stored: _Stored):
    """A new instance with the stored values, as if just read from the database (built as
    unpickling builds one: the values set directly, without Model.__init__)."""
    instance = stored.model.__new__(stored.model)
    values = dict(stored.plain)
    for attname, value in stored.mutable:
        values[attname] = copy.deepcopy(value)
    for attname, field, text in stored.streams:
        values[attname] = field.to_python(json.loads(text))
    instance.__dict__.update(values)
    instance._state = ModelState()  # noqa: SLF001
    instance._state.adding = False  # noqa: SLF001
    instance._state.db = stored.db  # noqa: SLF001
    for name, related in stored.related:
        instance._state.fields_cache[name] = _build(related)  # noqa: SLF001
    if stored.parent is not None:
        instance._cached_parent_obj = _build(stored.parent)  # noqa: SLF001 (treebeard's)
    if stored.is_restricted is False:
        # Wagtail's check_view_restrictions asks this; the page and its ancestors had none
        # when the generation began, and a new restriction replaces the generation.
        instance.get_view_restrictions = PageViewRestriction.objects.none
    return instance


_memo = TokenMemo(max_entries=MAX_ENTRIES)


@functools.cache
def _routes_are_wagtails_own() -> bool:
    """Only Wagtail's own Page.route is a function of the path alone; a model with a route
    of its own (RoutablePageMixin, a custom route) is routed by Wagtail on every request."""
    from wagtail.models import get_page_models

    return all(model.route is Page.route for model in get_page_models())


def remember_route(request, path: str) -> None:
    """Give `request` the Site and route Wagtail would find (Site.find_for_request and
    Page.route_for_request keep theirs on the request and use it when present)."""
    if hasattr(request, "_wagtail_site") or hasattr(request, "_wagtail_route_for_request"):
        return
    if not _routes_are_wagtails_own():
        return
    entries = _memo.for_token(PAGES.current())
    hostname = split_domain_port(request._get_raw_host())[0]  # noqa: SLF001 (as Wagtail)
    port = request.get_port()
    site_key = ("site", hostname, port)
    stored_site = entries.get(site_key)
    if stored_site is None:
        try:
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            site = None
        stored_site = _store(site) if site is not None else _NOT_FOUND
        entries[site_key] = stored_site
    if stored_site is _NOT_FOUND:
        return  # Wagtail answers 404 itself, as before
    site = _build(stored_site)
    request._wagtail_site = site  # noqa: SLF001

    route_key = ("route", site.pk, translation.get_language(), path)
    stored_route = entries.get(route_key)
    if stored_route is None:
        stored_route = _route(request, site, path)
        if stored_route is None:
            return  # not one to keep: Wagtail routes this request itself
        entries[route_key] = stored_route
    request._wagtail_route_for_request = (  # noqa: SLF001
        None if stored_route is _NOT_FOUND else RouteResult(_build(stored_route))
    )


def _route(request, site, path: str):
    """Wagtail's routing (Page.route_for_request), stored; None when it cannot be kept."""
    components = [component for component in path.split("/") if component]
    try:
        result = site.root_page.localized.specific.route(request, components)
    except Http404:
        return _NOT_FOUND
    if result is None:
        return _NOT_FOUND
    page, args, kwargs = result
    if args or kwargs:
        return None
    return _store(page, is_restricted=page.get_view_restrictions().exists())


class PageRoutingMiddleware:
    """Before Wagtail's serve view runs: its Site and route from the per-process memo."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is _wagtail_serve():
            path = view_args[0] if view_args else view_kwargs.get("path", "")
            remember_route(request, path)
        return None


def _wagtail_serve():
    from wagtail import views

    return views.serve
