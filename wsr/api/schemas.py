"""Shapes every collection shares: a code with its English and Spanish labels (sectors,
countries, kinds, statuses, determinations), and helpers that fill them."""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from types import SimpleNamespace

from django.utils import translation
from django_countries import countries
from ninja import Schema
from pydantic import Field


class Coded(Schema):
    """An entry of a managed list: a stable code and its labels."""

    code: str = Field(description="Stable code (ISO 3166-1 alpha-2 for countries).")
    label_en: str = Field("", description="Label in English.")
    label_es: str = Field("", description="Label in Spanish.")


class CompanyReference(Schema):
    """A company named in another record: its id in the companies collection."""

    id: str = Field(description="The company's identifier in the companies collection.")
    name: str = Field("", description="The company's name.")


def coded(code, label) -> dict:
    """{code, label_en, label_es} for a choice: `label` a lazy or callable translation."""
    labels = {}
    for language in ("en", "es"):
        with translation.override(language):
            labels[language] = str(label() if callable(label) else label)
    return {"code": str(code), "label_en": labels["en"], "label_es": labels["es"]}


def choice(choices_class, value) -> dict | None:
    """A TextChoices/IntegerChoices value as Coded, or None when empty."""
    if value in (None, ""):
        return None
    return coded(value, choices_class(value).label)


@lru_cache(maxsize=512)
def _country(code: str) -> tuple:
    names = []
    for language in ("en", "es"):
        with translation.override(language):
            names.append(str(dict(countries).get(code, code)))
    return tuple(names)


def country(code) -> dict | None:
    code = str(code or "")
    if not code:
        return None
    label_en, label_es = _country(code)
    return {"code": code, "label_en": label_en, "label_es": label_es}


def sector(sector) -> dict:
    """A members.Sector: its slug as the code."""
    return {"code": sector.slug, "label_en": sector.name, "label_es": sector.name_es or sector.name}


def iso(value) -> str | None:
    """A date or datetime as ISO 8601 (datetimes in UTC), or None."""
    if value is None:
        return None
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        from datetime import UTC

        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.isoformat().replace("+00:00", "Z")
    return value.isoformat()


def absolute(path: str) -> str:
    """A site path as a full URL (SITE_URL)."""
    from django.conf import settings

    return f"{settings.SITE_URL.rstrip('/')}{path}"


# Wagtail reads the sites' root paths from the cache for every page whose URL it builds,
# unless given an object to keep them on: one per response (endpoints.serve) or bulk file.
_ROOT_PATHS_HOLDER = ContextVar("api_site_root_paths", default=None)


@contextmanager
def page_urls_once():
    """Within it, `page_url` reads the sites' root paths once, not once per page (a page of
    50 resources: 50 cache round trips fewer; bench/api_load.py)."""
    reset = _ROOT_PATHS_HOLDER.set(SimpleNamespace())
    try:
        yield
    finally:
        _ROOT_PATHS_HOLDER.reset(reset)


def page_url(page) -> str:
    """A Wagtail page's path as the site routes it (locale prefix included), on SITE_URL;
    empty when it is not routable."""
    parts = page.get_url_parts(_ROOT_PATHS_HOLDER.get())
    return absolute(parts[2]) if parts and parts[2] else ""
