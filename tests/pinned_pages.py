"""Pinned query counts of pages built once per module (issue 18): the promotion, repository
and site pages. Each module builds its rows at each of `SIZES` inside a transaction that is
rolled back at the end (`built_once`), then counts each page as an anonymous reader with
the page cache off or as a member (`assert_render_pinned`), and separately an anonymous
page-cache hit (`assert_cache_hit`)."""

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import override_settings
from wagtail.signal_handlers import disable_reference_index_auto_update

from tests.members.factories import member
from tests.query_counts import SIZES, get_pinned

# A page-cache hit for an anonymous reader (no session cookie): no query at all.
CACHE_HIT = 0
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def built_once(build, *, quiet_search: bool = True, media: bool = False):
    """A module-scoped fixture: `build(size)` (the page -> url map), once for each of
    `SIZES`, inside a transaction that is rolled back at the end; each test runs in a
    savepoint of it. `quiet_search`: the builder indexes what it needs itself; `media`:
    files go to a temporary MEDIA_ROOT."""

    @pytest.fixture(scope="module", params=SIZES, ids=lambda size: f"{size}-rows")
    def urls(request, django_db_setup, django_db_blocker, tmp_path_factory):
        overrides = {"PASSWORD_HASHERS": FAST_HASHERS}
        if quiet_search:
            backend = django_settings.WAGTAILSEARCH_BACKENDS["default"]
            overrides["WAGTAILSEARCH_BACKENDS"] = {"default": {**backend, "AUTO_UPDATE": False}}
        if media:
            overrides["MEDIA_ROOT"] = tmp_path_factory.mktemp("media")
        with django_db_blocker.unblock(), override_settings(**overrides):
            with transaction.atomic(), disable_reference_index_auto_update():
                yield build(request.param)
                transaction.set_rollback(True)

    return urls


def viewer_cases(pinned: dict) -> list[tuple[str, str]]:
    """(page, viewer) for each count of `pinned` (page -> {viewer: queries})."""
    return [(page, viewer) for page, counts in pinned.items() for viewer in counts]


def assert_render_pinned(client, settings, viewer: str, url: str, queries: int, num_queries):
    """The render of `url` (page cache off) for `viewer` ("anonymous" or "member") takes
    exactly `queries` SQL queries once warm."""
    settings.WSR_PAGE_CACHE = False  # count the render, not the page cache
    if viewer == "member":
        client.force_login(member())
    return get_pinned(client, url, queries, num_queries)


def assert_cache_hit(client, settings, url: str, num_queries):
    """An anonymous page-cache hit on `url` takes `CACHE_HIT` queries."""
    settings.WSR_PAGE_CACHE = True
    assert client.get(url)["X-Page-Cache"] == "miss"
    with num_queries(CACHE_HIT, info=url):
        response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
