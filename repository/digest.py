"""The repository's part of the digests: new resources matching a person's interests."""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from wsr.members.audience import audiences_for


def load_new_resources(viewer, window_start, window_end):
    """Resources first published in the window that `viewer` may see, newest first."""
    from notifications.sections import Item

    from .models import ResourceCountry, ResourceKind, ResourcePage

    # Plain rows, not page objects (a few thousand pages a batch): a page object is built
    # only to resolve the URL of an item that makes it into someone's digest.
    rows = list(
        ResourcePage.objects.visible_to(viewer)
        .filter(first_published_at__gte=window_start, first_published_at__lt=window_end)
        .order_by("-first_published_at", "-pk")
        .values_list(
            "pk", "title", "url_path", "locale_id", "summary", "kind", "first_published_at"
        )
    )
    locales = {locale.pk: locale for locale in Locale.objects.all()}

    def url_of(pk, url_path, locale_id):
        return lambda: ResourcePage(id=pk, url_path=url_path, locale=locales[locale_id]).get_url()

    ids = [row[0] for row in rows]
    sectors, principles = defaultdict(set), defaultdict(set)
    for page_id, sector_id in ResourcePage.sectors.through.objects.filter(
        resourcepage_id__in=ids
    ).values_list("resourcepage_id", "sector_id"):
        sectors[page_id].add(sector_id)
    for page_id, slug in ResourcePage.principles.through.objects.filter(
        resourcepage_id__in=ids
    ).values_list("resourcepage_id", "principle__slug"):
        principles[page_id].add(slug)
    countries = defaultdict(set)
    for page_id, code in ResourceCountry.objects.filter(page_id__in=ids).values_list(
        "page_id", "country"
    ):
        countries[page_id].add(str(code))
    labels = dict(ResourceKind.choices)  # lazy: each reader's language when rendered
    return [
        Item(
            title=title,
            url=url_of(pk, url_path, locale_id),
            summary=summary,
            date=published,
            label=labels.get(kind, ""),
            facets={
                "sectors": sectors[pk],
                "principles": principles[pk],
                "countries": countries[pk],
                "kind": kind,
            },
        )
        for pk, title, url_path, locale_id, summary, kind, published in rows
    ]


def resource_matcher(interests):
    """Every facet the person narrowed must match; a facet left open matches all. A
    resource that names no sector (or country) is about the model as a whole: it matches."""
    sectors = interests.get("sectors") or set()
    countries = interests.get("countries") or set()
    filters = interests.get("resource_published", {})
    kinds = set(filters.get("kinds") or [])
    principles = set(filters.get("principles") or [])

    def test(item) -> bool:
        facets = item.facets
        if sectors and facets["sectors"] and sectors.isdisjoint(facets["sectors"]):
            return False
        if countries and facets["countries"] and countries.isdisjoint(facets["countries"]):
            return False
        if kinds and facets["kind"] not in kinds:
            return False
        return not principles or not principles.isdisjoint(facets["principles"])

    return test


def resource_filter_choices():
    from .models import Principle, ResourceKind

    return {
        "kinds": (_("Kinds of resources"), list(ResourceKind.choices)),
        "principles": (
            _("WSR principles"),
            [(principle.slug, str(principle)) for principle in Principle.objects.all()],
        ),
    }


def sections():
    from notifications.sections import DigestSection

    return [
        DigestSection(
            kind="resource_published",
            load=load_new_resources,
            audience_key=lambda viewer: tuple(audiences_for(viewer)),
            matcher=resource_matcher,
            filter_choices=resource_filter_choices,
            in_newsletter=True,
        )
    ]
