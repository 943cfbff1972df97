"""This app's public collections of the open-data API (wsr.api.registry): the metadata of
articles and publications that are live and public (the site's rule, `visible_to`), never
their body. A page under embargo or in draft is not live, so it is not here."""

from typing import Literal

from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.functions import Length, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from pydantic import Field
from wagtail.models import CollectionViewRestriction

from wsr.api.registry import Collection, register
from wsr.api.schemas import (
    Coded,
    CompanyReference,
    absolute,
    choice,
    country,
    iso,
    page_url,
    sector,
)
from wsr.companies.models import Company
from wsr.members.models import Sector

from .models import (
    ArticleAuthor,
    ArticleKind,
    ArticlePage,
    PublicationAuthor,
    PublicationPage,
    SeriesPage,
    Topic,
)


class SeriesReference(Schema):
    id: int = Field(description="The series page's id.")
    title: str = Field("", description="The series' title.")
    url: str = Field("", description="The series' page on the site.")


class ArticleRecord(Schema):
    id: int = Field(description="The article's page id: stable, never reused.")
    title: str = Field("", description="Title.")
    language: str = Field("", description="Language of the article (en, es).")
    translation_key: str = Field(
        "", description="Shared by an article and its translations (a UUID)."
    )
    url: str = Field("", description="The article on the site.")
    kind: Coded | None = Field(None, description="Critique, analysis, news, op-ed, statement…")
    series: SeriesReference | None = Field(
        None, description="The critique series it belongs to, if any."
    )
    topics: list[Coded] = Field(default_factory=list, description="Topics.")
    sectors: list[Coded] = Field(default_factory=list, description="Sectors it is about.")
    countries: list[Coded] = Field(default_factory=list, description="Countries it is about.")
    companies: list[CompanyReference] = Field(
        default_factory=list, description="Companies it names."
    )
    authors: list[str] = Field(default_factory=list, description="Authors' names, in order.")
    summary: str = Field("", description="The standfirst, as plain text.")
    published_on: str | None = Field(None, description="The publication date it states.")
    first_published_at: str | None = Field(
        None, description="When it was first published on the site (UTC)."
    )
    updated_at: str | None = Field(None, description="When it was last published (UTC).")


class ArticleFilters(Schema):
    kind: Literal[tuple(ArticleKind.values)] | None = Field(None, description="A kind's code.")
    topic: str | None = Field(None, description="A topic's code.")
    language: str | None = Field(None, description="A language code (en, es).")
    company: str | None = Field(None, description="A company's identifier.")
    sector: str | None = Field(None, description="A sector's code.")


class PublicationRecord(Schema):
    id: int = Field(description="The publication's page id: stable, never reused.")
    title: str = Field("", description="Title.")
    language: str = Field("", description="Language of the publication (en, es).")
    translation_key: str = Field(
        "", description="Shared by a publication and its translations (a UUID)."
    )
    url: str = Field("", description="The publication on the site.")
    topics: list[Coded] = Field(default_factory=list, description="Topics.")
    authors: list[str] = Field(default_factory=list, description="Authors' names, in order.")
    summary: str = Field("", description="Summary, as plain text.")
    key_findings: list[str] = Field(default_factory=list, description="Key findings.")
    publisher: str = Field("", description="Publisher.")
    doi: str = Field("", description="DOI, if any.")
    isbn: str = Field("", description="ISBN, if any.")
    document_url: str | None = Field(
        None, description="The full text (PDF) to download, when the site serves it to anyone."
    )
    related_articles: list[int] = Field(
        default_factory=list, description="Ids of related records of the articles collection."
    )
    published_on: str | None = Field(None, description="The publication date it states.")
    first_published_at: str | None = Field(
        None, description="When it was first published on the site (UTC)."
    )
    updated_at: str | None = Field(None, description="When it was last published (UTC).")


class PublicationFilters(Schema):
    topic: str | None = Field(None, description="A topic's code.")
    language: str | None = Field(None, description="A language code (en, es).")


def _topic(topic) -> dict:
    return {"code": topic.slug, "label_en": topic.name, "label_es": topic.name_es or topic.name}


def _page_fields(page) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "language": page.locale.language_code,
        "translation_key": str(page.translation_key),
        "url": page_url(page),
        "topics": [_topic(topic) for topic in page.api_topics],
        "authors": [link.author.name for link in page.api_authors],
        "published_on": iso(page.published_on),
        "first_published_at": iso(page.first_published_at),
        "updated_at": iso(page.last_published_at),
    }


def _authors(model):
    links = model.objects.select_related("author").order_by("sort_order")
    return Prefetch("authors", queryset=links, to_attr="api_authors")


def _topics():
    return Prefetch("topics", queryset=Topic.objects.all(), to_attr="api_topics")


# what no record shows: never read (an article's text can be long)
ARTICLE_TEXTS = ("body", "endnotes", "claim_examined", "evidence", "alternative")


def articles_visible_to(viewer):
    return (
        ArticlePage.objects.visible_to(viewer)
        .select_related("locale")
        .defer(*ARTICLE_TEXTS)
        .prefetch_related(
            _topics(),
            Prefetch("sectors", queryset=Sector.objects.all(), to_attr="api_sectors"),
            Prefetch("companies", queryset=Company.objects.all(), to_attr="api_companies"),
            _authors(ArticleAuthor),
            # a series that is not (or no longer) public is not named
            Prefetch(
                "series",
                queryset=SeriesPage.objects.visible_to(viewer).select_related("locale"),
            ),
        )
    )


def article_record(page: ArticlePage) -> dict:
    series = page.series
    return {
        **_page_fields(page),
        "kind": choice(ArticleKind, page.kind),
        "series": (
            {"id": series.pk, "title": series.title, "url": page_url(series)} if series else None
        ),
        "sectors": [sector(item) for item in page.api_sectors],
        "countries": [country(item.code) for item in page.countries],
        "companies": [{"id": c.slug, "name": c.name} for c in page.api_companies],
        "summary": page.standfirst,
    }


def filter_articles(queryset, filters: ArticleFilters):
    if filters.kind is not None:
        queryset = queryset.filter(kind=filters.kind)
    if filters.topic is not None:
        queryset = queryset.filter(topics__slug=filters.topic)
    if filters.language is not None:
        queryset = queryset.filter(locale__language_code=filters.language)
    if filters.company is not None:
        queryset = queryset.filter(companies__slug=filters.company)
    if filters.sector is not None:
        queryset = queryset.filter(sectors__slug=filters.sector)
    return queryset


def publications_visible_to(viewer):
    # Wagtail refuses a document of a collection under a view restriction (a password, a
    # login, groups) to anonymous readers, whatever page uses it: no link to those.
    # (a restriction of the document's collection or of one of its ancestors, whose tree
    # path starts the document collection's path)
    restricted = CollectionViewRestriction.objects.filter(
        collection__path=Substr(
            OuterRef("document__collection__path"), 1, Length("collection__path")
        )
    )
    return (
        PublicationPage.objects.visible_to(viewer)
        .select_related("locale", "document")
        .annotate(document_restricted=Exists(restricted))
        .defer("body")
        .prefetch_related(
            _topics(),
            _authors(PublicationAuthor),
            Prefetch(
                "related_articles",
                queryset=ArticlePage.objects.visible_to(viewer).only("pk"),
                to_attr="api_related_articles",
            ),
        )
    )


def publication_record(page: PublicationPage) -> dict:
    # The page is live and public (the queryset), so the document it uses is served to
    # anyone (wsr/site/documents.py) unless its collection is restricted. The link is the
    # page's own download address: it stays when editors replace the file.
    document_url = None
    if page.document is not None and not page.document_restricted:
        document_url = absolute(reverse("promotion:download", kwargs={"pk": page.pk}))
    return {
        **_page_fields(page),
        "summary": page.summary,
        "key_findings": [str(block.value) for block in page.key_findings],
        "publisher": page.publisher,
        "doi": page.doi,
        "isbn": page.isbn,
        "document_url": document_url,
        "related_articles": [article.pk for article in page.api_related_articles],
    }


def filter_publications(queryset, filters: PublicationFilters):
    if filters.topic is not None:
        queryset = queryset.filter(topics__slug=filters.topic)
    if filters.language is not None:
        queryset = queryset.filter(locale__language_code=filters.language)
    return queryset


register(
    Collection(
        name="articles",
        title=_("Articles"),
        description=_(
            "Critiques, analysis, news, op-eds, statements, press releases and interviews the "
            "Collaborative published: their metadata and standfirst, not their text. Nothing "
            "under embargo or in draft."
        ),
        schema=ArticleRecord,
        queryset=articles_visible_to,
        record=article_record,
        filters=ArticleFilters,
        apply_filters=filter_articles,
        key="pk",
        key_type=int,
        updated="last_published_at",
    )
)

register(
    Collection(
        name="publications",
        title=_("Publications"),
        description=_(
            "Reports and briefs the Collaborative published: metadata, summary, key findings "
            "and a link to the full text where the site offers it to everyone."
        ),
        schema=PublicationRecord,
        queryset=publications_visible_to,
        record=publication_record,
        filters=PublicationFilters,
        apply_filters=filter_publications,
        key="pk",
        key_type=int,
        updated="last_published_at",
    )
)
