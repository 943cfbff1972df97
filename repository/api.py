"""This app's public collections of the open-data API (wsr.api.registry): resources and
events, each the pages the viewer may open on the site (`visible_to`, outside Wagtail's
view restrictions), with only what a page shows everyone who may open it."""

from datetime import UTC, datetime

from django.conf import settings
from django.db.models import Case, IntegerField, OuterRef, Prefetch, Q, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from pydantic import Field
from wagtail.models import CollectionViewRestriction

from wsr.api.problems import BadRequest
from wsr.api.registry import Collection, register
from wsr.api.schemas import Coded, absolute, choice, country, iso, page_url, sector
from wsr.members.audience import Audience
from wsr.members.models import Sector

from .models import (
    EventOutcomeResource,
    EventPage,
    Principle,
    RelatedResource,
    ResourceAttachment,
    ResourceAuthor,
    ResourceCountry,
    ResourceKind,
    ResourcePage,
    ResourceTag,
)

# --- shared ----------------------------------------------------------------------------------


def _viewable(model, viewer):
    """The pages of `model` that `viewer` may open: the site's own rule (live, audience),
    and never a page under a Wagtail view restriction (password, login, groups)."""
    return model.objects.visible_to(viewer).public()


def _principle_coded(principle) -> dict:
    return {
        "code": principle.slug,
        "label_en": principle.name,
        "label_es": principle.name_es or principle.name,
    }


def _language(page) -> str:
    return page.locale.language_code


def _in_language(queryset, language):
    return queryset.filter(locale__language_code=language)


# --- resources -------------------------------------------------------------------------------


class Attachment(Schema):
    title: str = Field("", description="The attachment's label, as the resource page shows it.")
    url: str = Field(
        "",
        description="The document's address on the site (its download view, which checks "
        "again who may read it).",
    )
    file_extension: str = Field("", description="The file's extension (pdf, docx…).")


class ResourceRecord(Schema):
    id: int = Field(description="The resource page's number: it never changes.")
    title: str = Field("", description="Title, in the resource's language.")
    language: str = Field("", description="Language of this version (en, es).")
    translation_key: str = Field("", description="UUID shared by the translations of one resource.")
    url: str = Field("", description="The resource's page on the site.")
    kind: Coded | None = Field(None, description="Kind of resource (report, toolkit…).")
    summary: str = Field("", description="Short summary.")
    published_on: str | None = Field(None, description="Date of the resource (ISO 8601).")
    authors: list[str] = Field(
        default_factory=list, description="Authors, people or organizations, in order."
    )
    principles: list[Coded] = Field(
        default_factory=list, description="WSR principles the resource addresses."
    )
    countries: list[Coded] = Field(
        default_factory=list, description="Countries concerned (ISO 3166-1 alpha-2)."
    )
    sectors: list[Coded] = Field(default_factory=list, description="Sectors concerned.")
    tags: list[str] = Field(default_factory=list, description="Free tags.")
    audience: Coded | None = Field(
        None, description="Who may read it: public, or members (only with a member's token)."
    )
    attachments: list[Attachment] = Field(
        default_factory=list, description="Documents attached to the resource."
    )
    related: list[int] = Field(
        default_factory=list, description="Ids of related resources the caller may read."
    )
    last_published_at: str | None = Field(
        None, description="When this version was last published (UTC)."
    )


class ResourceFilters(Schema):
    kind: str | None = Field(None, description="A kind code (report, toolkit, case_study…).")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 country code.")
    sector: str | None = Field(None, description="A sector code (its slug).")
    principle: str | None = Field(None, description="A WSR principle code (its slug).")
    tag: str | None = Field(None, description="A tag (its name or slug).")
    language: str | None = Field(None, description="A language code (en, es).")


def _restricted_collection_paths() -> list[str]:
    return list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))


def _attachments_served(restricted_paths):
    """Attachments whose document Wagtail's view serves without a further check of its
    own: not in a collection with a view restriction (password, login, groups)."""
    attachments = ResourceAttachment.objects.select_related("document").order_by("sort_order", "pk")
    for path in restricted_paths:
        attachments = attachments.exclude(document__collection__path__startswith=path)
    return attachments


def resources_queryset(viewer):
    """Every relation record() reads prefetched into a list (`api_…`): reading a list costs
    nothing per page, where `page.<relation>.all()` builds a manager and a queryset per
    record and relation (modelcluster's and taggit's are costly; bench/api_load.py). The
    long texts no record shows (the body, its search document) are not read."""
    visible = _viewable(ResourcePage, viewer)
    return (
        visible.select_related("locale")
        .defer("body", "search_document", "search_vector")
        .prefetch_related(
            Prefetch(
                "authors",
                queryset=ResourceAuthor.objects.select_related(
                    "person__profile", "organization"
                ).order_by("sort_order", "pk"),
                to_attr="api_authors",
            ),
            Prefetch("principles", queryset=Principle.objects.all(), to_attr="api_principles"),
            Prefetch("sectors", queryset=Sector.objects.all(), to_attr="api_sectors"),
            Prefetch(
                "country_links", queryset=ResourceCountry.objects.all(), to_attr="api_countries"
            ),
            Prefetch(
                "tagged_items",
                queryset=ResourceTag.objects.select_related("tag"),
                to_attr="api_tags",
            ),
            Prefetch(
                "attachments",
                queryset=_attachments_served(_restricted_collection_paths()),
                to_attr="api_attachments",
            ),
            Prefetch(
                "related_links",
                queryset=RelatedResource.objects.filter(
                    resource_id__in=_viewable(ResourcePage, viewer).values("pk")
                ).order_by("sort_order", "pk"),
                to_attr="api_related",
            ),
        )
    )


def resource_record(page) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "language": _language(page),
        "translation_key": str(page.translation_key),
        "url": page_url(page),
        "kind": choice(ResourceKind, page.kind),
        "summary": page.summary,
        "published_on": iso(page.published_on),
        "authors": [name for name in (str(author) for author in page.api_authors) if name],
        "principles": [_principle_coded(p) for p in page.api_principles],
        "countries": [country(link.country) for link in page.api_countries if link.country],
        "sectors": [sector(s) for s in page.api_sectors],
        "tags": sorted(item.tag.name for item in page.api_tags),
        "audience": choice(Audience, page.audience),
        "attachments": [
            {
                "title": attachment.label,
                "url": absolute(attachment.document.url),
                "file_extension": attachment.document.file_extension,
            }
            for attachment in page.api_attachments
        ],
        "related": [link.resource_id for link in page.api_related],
        "last_published_at": iso(page.last_published_at),
    }


def apply_resource_filters(queryset, filters):
    if filters.kind is not None:
        queryset = queryset.filter(kind=filters.kind)
    if filters.country is not None:
        queryset = queryset.filter(
            pk__in=ResourcePage.objects.filter(
                country_links__country=filters.country.upper()
            ).values("pk")
        )
    if filters.sector is not None:
        queryset = queryset.filter(
            pk__in=ResourcePage.objects.filter(sectors__slug=filters.sector).values("pk")
        )
    if filters.principle is not None:
        queryset = queryset.filter(
            pk__in=ResourcePage.objects.filter(principles__slug=filters.principle).values("pk")
        )
    if filters.tag is not None:
        queryset = queryset.filter(
            pk__in=ResourcePage.objects.filter(
                Q(tags__slug=filters.tag) | Q(tags__name__iexact=filters.tag)
            ).values("pk")
        )
    if filters.language is not None:
        queryset = _in_language(queryset, filters.language)
    return queryset


# --- events ----------------------------------------------------------------------------------


class EventRecord(Schema):
    id: int = Field(description="The event page's number: it never changes.")
    title: str = Field("", description="Title, in the event's language.")
    language: str = Field("", description="Language of this version (en, es).")
    translation_key: str = Field("", description="UUID shared by the translations of one event.")
    url: str = Field("", description="The event's page on the site.")
    kind: Coded | None = Field(None, description="Kind of event (exchange, convening…).")
    format: Coded | None = Field(None, description="In person, virtual or hybrid.")
    summary: str = Field("", description="Short summary.")
    starts_at: str | None = Field(None, description="Start (ISO 8601, UTC).")
    ends_at: str | None = Field(None, description="End (ISO 8601, UTC).")
    time_zone: str = Field("", description="The event's own time zone (IANA name).")
    place: str = Field("", description="Where people meet (empty for an online-only event).")
    online: bool = Field(
        False, description="Whether people take part online (the link goes to registrants only)."
    )
    registration_open: bool = Field(
        False, description="Whether one may still register (open and not over)."
    )
    audience: Coded | None = Field(
        None, description="Who may take part: public, or members (only with a member's token)."
    )
    outcome_resources: list[int] = Field(
        default_factory=list,
        description="Ids of the resources the event produced that the caller may read.",
    )
    last_published_at: str | None = Field(
        None, description="When this version was last published (UTC)."
    )


class EventFilters(Schema):
    language: str | None = Field(None, description="A language code (en, es).")
    upcoming: bool | None = Field(
        None, description="true: events not yet over; false: events that are over."
    )
    starts_from: datetime | None = Field(
        None, description="Only events starting at or after this ISO 8601 time (UTC)."
    )


def _registration_holder_open():
    """Registration is held by the default language's version of an event (else the first
    made): read its flag in the same query (EventPage.registration_event)."""
    versions = (
        EventPage.objects.filter(translation_key=OuterRef("translation_key"))
        .annotate(
            _default=Case(
                When(locale__language_code=settings.LANGUAGE_CODE, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("_default", "pk")
    )
    return Subquery(versions.values("registration_open")[:1])


def events_queryset(viewer):
    return (
        _viewable(EventPage, viewer)
        .select_related("locale")
        .annotate(_registration_open=_registration_holder_open())
        .prefetch_related(
            Prefetch(
                "outcome_resources",
                queryset=EventOutcomeResource.objects.filter(
                    resource_id__in=_viewable(ResourcePage, viewer).values("pk")
                ).order_by("sort_order", "pk"),
            )
        )
    )


def event_record(event) -> dict:
    is_open = getattr(event, "_registration_open", None)
    if is_open is None:
        is_open = event.registration_open
    return {
        "id": event.pk,
        "title": event.title,
        "language": _language(event),
        "translation_key": str(event.translation_key),
        "url": page_url(event),
        "kind": choice(EventPage.Kind, event.kind),
        "format": choice(EventPage.Format, event.format),
        "summary": event.summary,
        "starts_at": iso(event.starts_at),
        "ends_at": iso(event.ends_at),
        "time_zone": event.time_zone,
        "place": event.place if event.format != EventPage.Format.VIRTUAL else "",
        "online": event.format != EventPage.Format.IN_PERSON,
        "registration_open": bool(is_open) and not event.is_past,
        "audience": choice(Audience, event.audience),
        "outcome_resources": [link.resource_id for link in event.outcome_resources.all()],
        "last_published_at": iso(event.last_published_at),
    }


def apply_event_filters(queryset, filters):
    if filters.language is not None:
        queryset = _in_language(queryset, filters.language)
    now = timezone.now()
    if filters.upcoming is True:
        queryset = queryset.filter(ends_at__gte=now)
    elif filters.upcoming is False:
        queryset = queryset.filter(ends_at__lt=now)
    if filters.starts_from is not None:
        since = filters.starts_from
        if timezone.is_naive(since):
            since = since.replace(tzinfo=UTC)
        try:
            since = since.astimezone(UTC)
        except OverflowError:
            raise BadRequest(_("starts_from is out of range.")) from None
        queryset = queryset.filter(starts_at__gte=since)
    return queryset


register(
    Collection(
        name="resources",
        title=_("Resources"),
        description=_(
            "The knowledge repository: best practices, lessons, analyses, toolkits and reports, "
            "with links to their public documents. A member's token adds members-only ones."
        ),
        schema=ResourceRecord,
        queryset=resources_queryset,
        record=resource_record,
        filters=ResourceFilters,
        apply_filters=apply_resource_filters,
        key="pk",
        key_type=int,
        updated="last_published_at",
    )
)

register(
    Collection(
        name="events",
        title=_("Events"),
        description=_(
            "Exchanges, convenings, trainings and webinars: when and where, and the resources "
            "they produced. Never the online meeting link. A member's token adds members' events."
        ),
        schema=EventRecord,
        queryset=events_queryset,
        record=event_record,
        filters=EventFilters,
        apply_filters=apply_event_filters,
        key="pk",
        key_type=int,
        updated="last_published_at",
    )
)
