"""RSS and Atom feeds of articles: all, per kind, per topic. Feed readers are anonymous, so
a feed only carries what anyone may read; a release under embargo is not live, so it is not
in any feed before its time."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import ArticleKind, Topic
from .selectors import readable_articles

FEED_SIZE = 30


class ArticleFeed(Feed):
    access_rule = "public"  # live pages only, as an anonymous reader

    def get_object(self, request, kind=None, topic=None):
        if kind and kind not in ArticleKind.values:
            raise Http404
        topic_obj = Topic.objects.filter(slug=topic).first() if topic else None
        if topic and topic_obj is None:
            raise Http404
        return {"kind": kind, "topic": topic_obj, "language": request.LANGUAGE_CODE}

    def title(self, obj):
        if obj["kind"]:
            return _("WSR Collaborative: %(kind)s") % {"kind": ArticleKind(obj["kind"]).label}
        if obj["topic"]:
            return _("WSR Collaborative: %(topic)s") % {"topic": obj["topic"]}
        return _("WSR Collaborative: articles")

    def description(self, obj):
        return _("Critiques, analysis and news on worker-driven social responsibility.")

    def link(self, obj):
        return "/"

    def items(self, obj):
        articles = readable_articles().filter(locale__language_code=obj["language"])
        if obj["kind"]:
            articles = articles.filter(kind=obj["kind"])
        if obj["topic"]:
            articles = articles.filter(topics=obj["topic"])
        return articles.order_by("-first_published_at")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [str(item.get_kind_display())]


class ArticleAtomFeed(ArticleFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
