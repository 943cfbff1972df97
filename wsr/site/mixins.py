from django.http import Http404
from wagtail.query import PageQuerySet

from wsr.members.audience import Audience, audiences_for


class PublishedPageQuerySet(PageQuerySet):
    """The visibility rule of editorial pages written for everyone (articles, publications,
    series, the press room): live and free of Wagtail view restrictions, for any reader.
    A page under embargo is not live until Wagtail's scheduler publishes it."""

    def visible_to(self, user):
        return self.live().public()

    def readable(self):
        """What anyone may read, whoever asks (feeds, sitemaps, digests)."""
        return self.visible_to(None)


class AudiencePageQuerySet(PageQuerySet):
    """The one visibility rule of pages with an `audience`: live, and for the viewer."""

    def visible_to(self, user):
        return self.for_audiences(audiences_for(user))

    def for_audiences(self, audiences):
        return self.live().filter(audience__in=audiences)


class AudiencePageMixin:
    """For pages with an `audience` and a `visible_to(user)` queryset: outside the audience
    the page does not exist (404, never 403), and only public pages enter the sitemap."""

    def serve(self, request, *args, **kwargs):
        if not type(self).objects.visible_to(request.user).filter(pk=self.pk).exists():
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        if self.audience != Audience.PUBLIC:
            return []
        return super().get_sitemap_urls(request)
