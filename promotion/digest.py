"""Promotion's part of the digests and the public newsletter: what was published."""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from notifications.sections import Item


def load_new_publications(viewer, window_start, window_end):
    """Articles (critiques, analysis, news, releases) and publications first published in
    the window and readable by anyone, newest first, in every language."""
    from .models import ArticleKind, ArticlePage, PublicationPage

    kinds = dict(ArticleKind.choices)  # lazy: each reader's language when rendered
    items = []
    for model, summary_field in ((ArticlePage, "standfirst"), (PublicationPage, "summary")):
        pages = (
            model.objects.live()
            .public()
            .filter(first_published_at__gte=window_start, first_published_at__lt=window_end)
            .select_related("locale")
            .order_by("-first_published_at", "-pk")
        )
        pages = list(pages)
        topics = defaultdict(set)
        for page_id, slug in model.topics.through.objects.filter(
            **{f"{model._meta.model_name}_id__in": [page.pk for page in pages]}
        ).values_list(f"{model._meta.model_name}_id", "topic__slug"):
            topics[page_id].add(slug)
        for page in pages:
            items.append(
                Item(
                    title=page.title,
                    url=page.get_url,
                    summary=getattr(page, summary_field, ""),
                    date=page.first_published_at,
                    label=kinds.get(getattr(page, "kind", None), model._meta.verbose_name),
                    facets={
                        "language": page.locale.language_code,
                        "translation_key": page.translation_key,
                        "topics": topics[page.pk],
                        "kind": getattr(page, "kind", "publication"),
                    },
                )
            )
    items.sort(key=lambda item: item.date, reverse=True)
    return items


def localize(items, language: str):
    """Each piece once, in `language` when it exists in it, else as first published."""
    present = {
        item.facets["translation_key"] for item in items if item.facets["language"] == language
    }
    return [
        item
        for item in items
        if item.facets["language"] == language or item.facets["translation_key"] not in present
    ]


def publication_matcher(interests):
    """The topics and kinds a person narrowed to; nothing narrowed means everything."""
    filters = interests.get("publication_published", {})
    topics = set(filters.get("topics") or [])
    kinds = set(filters.get("kinds") or [])

    def test(item) -> bool:
        if kinds and item.facets["kind"] not in kinds:
            return False
        return not topics or not topics.isdisjoint(item.facets["topics"])

    return test


def publication_filter_choices():
    from .models import ArticleKind, Topic

    return {
        "kinds": (
            _("Kinds of publications"),
            [*ArticleKind.choices, ("publication", _("Reports and briefs"))],
        ),
        "topics": (_("Topics"), [(topic.slug, str(topic)) for topic in Topic.objects.all()]),
    }


def newsletter_readers(ids=None):
    """Confirmed, not unsubscribed readers, with their own one-click unsubscribe link."""
    from django.conf import settings
    from django.urls import reverse

    from notifications.services.newsletter import Reader

    from .models import Subscriber

    queryset = Subscriber.objects.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    base = settings.SITE_URL.rstrip("/")
    return [
        Reader(
            id=pk,
            email=email,
            language=language,
            unsubscribe_url=base
            + reverse("promotion:newsletter-unsubscribe", kwargs={"token": token}),
        )
        for pk, email, language, token in queryset.order_by("pk").values_list(
            "pk", "email", "language", "token"
        )
    ]


def sections():
    from notifications.sections import DigestSection

    return [
        DigestSection(
            kind="publication_published",
            load=load_new_publications,
            audience_key=lambda viewer: "anyone",
            localize=localize,
            matcher=publication_matcher,
            filter_choices=publication_filter_choices,
            in_newsletter=True,
        )
    ]
