from django import template
from django.utils.safestring import mark_safe

from ..response_services import render_markdown

register = template.Library()


@register.filter
def response_markdown(text: str) -> str:
    """Text of a request or a company's response, through nh3's safe set."""
    return mark_safe(render_markdown(str(text or "")))  # noqa: S308 (sanitized by nh3)
