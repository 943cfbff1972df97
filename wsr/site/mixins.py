from django.http import Http404
from wagtail.query import PageQuerySet

from wsr.members.audience import Audience, audiences_for

from .generations import TokenMemo


class PublishedPageQuerySet(PageQuerySet):
    """The visibility rule of editorial pages written for everyone (articles, publications,
    series, the press room): live and free of Wagtail view restrictions, for any reader.
    A page under embargo is not live until Wagtail's scheduler publishes it."""

    def visible_to(self, user):
        return self.live().public()

    def readable(self):
        """What anyone may read, whoever asks (feeds, sitemaps, digests)."""
        return self.visible_to(None)


_restricted = TokenMemo()


def _restricted_paths() -> tuple[str, ...]:
    """The tree paths of pages under a Wagtail view restriction (password, login, groups),
    kept under the pages' generation, which every change of a restriction, a publish and a
    move replace (wsr/site/signals.py): no query when warm, and each process keeps what it
    read for the current token."""
    from django.core.cache import cache
    from wagtail.models import PageViewRestriction

    from .page_cache import PAGES

    token = PAGES.current()
    seen = _restricted.for_token(token)
    if "paths" not in seen:
        key = f"site:restricted-paths:{token}"
        paths = cache.get(key)
        if paths is None:
            paths = tuple(sorted(PageViewRestriction.objects.values_list("page__path", flat=True)))
            cache.set(key, paths, 60 * 60)
        seen["paths"] = paths
    return seen["paths"]


class AudiencePageQuerySet(PageQuerySet):
    """The one visibility rule of pages with an `audience`: live, for the viewer, and free of
    Wagtail view restrictions. Lists, searches, counts and panels never show a page that
    Wagtail would keep behind a sign-in, a group or a password (the site search and the API
    already left them out); the page itself is served by Wagtail's own check
    (`AudiencePageMixin.serve`)."""

    def visible_to(self, user):
        return self.for_audiences(audiences_for(user))

    def openable_by(self, user):
        """Live and in the reader's audience, view restrictions aside: what Wagtail serves
        once its own check of the restrictions has let the reader in."""
        return self.live().filter(audience__in=audiences_for(user))

    def for_audiences(self, audiences):
        queryset = self.live().filter(audience__in=audiences)
        for path in _restricted_paths():
            queryset = queryset.exclude(path__startswith=path)
        return queryset


def audience_page_or_404(queryset, request, **lookup):
    """The page an action on it (save, register) is about: live, in the reader's audience,
    and past its Wagtail view restrictions as the page itself would be (lists leave
    restricted pages out for everyone; an action checks the restriction for this reader)."""
    from django.shortcuts import get_object_or_404

    page = get_object_or_404(queryset.openable_by(request.user), **lookup)
    if any(page.path.startswith(path) for path in _restricted_paths()) and not all(
        restriction.accept_request(request) for restriction in page.get_view_restrictions()
    ):
        raise Http404
    return page


class AudiencePageMixin:
    """For pages with an `audience` and a `visible_to(user)` queryset: outside the audience
    the page does not exist (404, never 403), and only public pages enter the sitemap."""

    def serve(self, request, *args, **kwargs):
        # The audience only: Wagtail has already applied the page's view restrictions.
        if not type(self).objects.openable_by(request.user).filter(pk=self.pk).exists():
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        if self.audience != Audience.PUBLIC:
            return []
        return super().get_sitemap_urls(request)
