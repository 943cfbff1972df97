"""Filters for the readable page of "download my data": the export is plain JSON values."""

from collections.abc import Mapping

from django import template

register = template.Library()


@register.filter
def is_mapping(value) -> bool:
    return isinstance(value, Mapping)


@register.filter
def is_sequence(value) -> bool:
    return isinstance(value, list | tuple)


@register.filter
def as_heading(key: str) -> str:
    return str(key).replace("_", " ").capitalize()


@register.filter
def pairs(value) -> list:
    """A mapping's (key, value) pairs: `value.items` in a template would read a key named
    "items" (an export section has one) instead of the method."""
    return list(value.items())
