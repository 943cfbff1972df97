"""Filters for the readable page of "download my data": the export is plain JSON values."""

import re
from collections.abc import Mapping

from django import template
from django.utils.translation import gettext

from wsr.site.templatetags.when import when_html

register = template.Library()


@register.filter
def is_mapping(value) -> bool:
    return isinstance(value, Mapping)


@register.filter
def is_sequence(value) -> bool:
    return isinstance(value, list | tuple)


ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?$")


@register.filter
def as_heading(key: str) -> str:
    """A key of the export in the reader's language: most keys are a field's name, whose
    verbose name the catalog translates ("preferred_language" → "Idioma preferido")."""
    words = str(key).replace("_", " ")
    label = gettext(words)
    if label == words:
        label = gettext(words.capitalize())
    return label[:1].upper() + label[1:]


@register.filter
def as_value(value):
    """A value as a person reads it: yes/no, a time in their zone (labelled)."""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, str) and ISO_TIME.match(value):
        return when_html(value, date_only="T" not in value and " " not in value) or value
    return value


@register.filter
def pairs(value) -> list:
    """A mapping's (key, value) pairs: `value.items` in a template would read a key named
    "items" (an export section has one) instead of the method."""
    return list(value.items())
