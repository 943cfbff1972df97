"""RSS and Atom feeds of public resources, for the whole repository or one search."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .search import SearchParams, matching_resources

FEED_SIZE = 50


class ResourceFeed(Feed):
    access_rule = "public"  # built from an anonymous reader's visible_to
    title = _("WSR Collaborative: knowledge repository")
    description = _("New public resources on worker-driven social responsibility.")

    def get_object(self, request):
        return SearchParams.from_query(request.GET)

    def link(self, params):
        return "/"

    def items(self, params):
        # Feed readers are anonymous: a feed only ever carries public resources, whoever asks.
        params.sort = "newest"
        results = matching_resources(user=AnonymousUser(), params=params)
        return results.order_by("-published_on", "-first_published_at")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class ResourceAtomFeed(ResourceFeed):
    feed_type = Atom1Feed
    subtitle = ResourceFeed.description
