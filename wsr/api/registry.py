"""The public collections: each app registers its own in its `api.py` (imported by
`wsr.api.endpoints`), and the API, the bulk files and the documentation all read this list,
so a record is the same wherever it is fetched."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from ninja import Schema

_COLLECTIONS: dict[str, "Collection"] = {}


@dataclass(frozen=True)
class Collection:
    # the URL segment and the bulk file's name: "companies" -> /api/v1/companies/
    name: str
    title: Any  # lazily translated, for the documentation and download pages
    description: Any
    # one record; every field but `id` has a default, so ?fields= stays valid against it,
    # and each field carries a description (the data dictionary of the bulk files)
    schema: type[Schema]
    # (viewer) -> the records this viewer may see, starting from the models' own
    # `visible_to(viewer)`, with everything `record` reads selected or prefetched, so a page
    # of any size costs the same number of queries. viewer: a User or None (anonymous).
    queryset: Callable[[Any], QuerySet]
    # obj -> dict in the shape of `schema` (JSON types: ISO dates as strings, codes)
    record: Callable[[Model], dict]
    # optional query parameters of the list (all optional, None when absent), and how they
    # narrow the queryset: (queryset, filters) -> queryset
    filters: type[Schema] | None = None
    apply_filters: Callable[[QuerySet, Schema], QuerySet] | None = None
    # the unique, never-changing field that orders the list and is the record's `id`
    key: str = "pk"
    key_type: type = int
    # a datetime field: `updated_since` and Last-Modified come from it
    updated: str | None = None
    # (queryset, identifier) -> the object, or None; a former identifier (a renamed slug)
    # may resolve to an object whose key differs: the API redirects to the current one
    lookup: Callable[[QuerySet, str], Model | None] | None = None
    # an example identifier for the documentation
    example_id: str = ""

    def find(self, queryset, identifier: str):
        if self.lookup is not None:
            return self.lookup(queryset, identifier)
        if self.key_type is int:
            # ASCII digits only ("１" is not an id) and within what a database stores
            if not (identifier.isascii() and identifier.isdigit()) or len(identifier) > 18:
                return None
            return queryset.filter(**{self.key: int(identifier)}).first()
        try:
            value = self.key_type(identifier)
        except (TypeError, ValueError):
            return None
        return queryset.filter(**{self.key: value}).first()


def register(collection: Collection) -> Collection:
    if collection.name in _COLLECTIONS:
        raise ValueError(f"The collection {collection.name!r} is registered twice.")
    _COLLECTIONS[collection.name] = collection
    return collection


def collections() -> list[Collection]:
    """Every registered collection, in the order of the documentation."""
    from . import endpoints  # noqa: F401  (imports every app's api.py)

    return list(_COLLECTIONS.values())


def collection(name: str) -> Collection | None:
    from . import endpoints  # noqa: F401

    return _COLLECTIONS.get(name)
