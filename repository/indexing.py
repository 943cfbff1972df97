"""The repository's full-text index: one denormalized document per resource."""

import re
from html import unescape

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import TextField, Value
from django.utils.html import strip_tags

# `simple` with accents removed (migration 0008): resources are in several languages, no
# single stemmer fits all, and "auditorias" must find "auditorías" (issue 17).
SEARCH_CONFIG = "wsr_search"


def _stream_text(value) -> str:
    parts = []
    for block in value:
        raw = block.value
        if hasattr(raw, "source"):  # RichText
            parts.append(strip_tags(raw.source))
        elif isinstance(raw, dict) or hasattr(raw, "items"):
            for key, item in raw.items():
                if key == "level":  # a heading's level ("h2") is markup, not text
                    continue
                if isinstance(item, str):
                    parts.append(item)
                elif isinstance(item, list | tuple):
                    parts.extend(str(i) for i in item if isinstance(i, str))
        elif isinstance(raw, str):
            parts.append(raw)
    return " ".join(parts)


def resource_document(resource) -> str:
    """The text a resource is found by: title, summary, body, tags and attachments."""
    tags = " ".join(tag.name for tag in resource.tags.all())
    attachments = " ".join(
        getattr(getattr(a.document, "extracted_text", None), "text", "") or ""
        for a in resource.attachments.select_related("document__extracted_text")
    )
    text = " ".join(
        [resource.title, resource.summary, _stream_text(resource.body), tags, attachments]
    )
    return re.sub(r"\s+", " ", unescape(text)).strip()


def resource_reindex(resource) -> None:
    """Store the search document (and on PostgreSQL the weighted tsvector) of `resource`."""
    from .models import ResourcePage
    from .search import search_invalidate

    document = resource_document(resource)
    ResourcePage.objects.filter(pk=resource.pk).update(search_document=document)
    if connection.vendor == "postgresql":
        # The title lives in wagtailcore_page (multi-table inheritance) and an UPDATE cannot
        # join: the texts go in as parameters, weighted title > summary > the rest.
        def vector(text, weight):
            return SearchVector(
                Value(text, output_field=TextField()), weight=weight, config=SEARCH_CONFIG
            )

        ResourcePage.objects.filter(pk=resource.pk).update(
            search_vector=(
                vector(resource.title, "A") + vector(resource.summary, "B") + vector(document, "C")
            )
        )
    search_invalidate()
