"""The repository's part of the digests: new resources matching a person's interests."""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from wsr.members.audience import audiences_for


def load_new_resources(viewer, window_start, window_end):
    """Resources first published in the window that `viewer` may see, newest first."""
    from notifications.sections import Item

    from .models import ResourceCountry, ResourcePage

    pages = list(
        ResourcePage.objects.visible_to(viewer)
        .filter(first_published_at__gte=window_start, first_published_at__lt=window_end)
        .order_by("-first_published_at", "-pk")
        .only("pk", "title", "url_path", "summary", "kind", "first_published_at", "path")
    )
    ids = [page.pk for page in pages]
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
    return [
        Item(
            title=page.title,
            url=page.get_url() or "",
            summary=page.summary,
            date=page.first_published_at,
            label=str(page.get_kind_display()),
            facets={
                "sectors": sectors[page.pk],
                "principles": principles[page.pk],
                "countries": countries[page.pk],
                "kind": page.kind,
            },
        )
        for page in pages
    ]


def resource_matches(item, interests) -> bool:
    """Every facet the person narrowed must match; a facet left open matches all. A
    resource that names no sector (or country) is about the model as a whole: it matches."""
    for facet in ("sectors", "countries"):
        followed = interests.get(facet) or set()
        if followed and item.facets[facet] and not (item.facets[facet] & followed):
            return False
    filters = interests.get("resource_published", {})
    kinds = set(filters.get("kinds") or [])
    if kinds and item.facets["kind"] not in kinds:
        return False
    principles = set(filters.get("principles") or [])
    if principles and not (item.facets["principles"] & principles):
        return False
    return True


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
            matches=resource_matches,
            filter_choices=resource_filter_choices,
            in_newsletter=True,
        )
    ]
