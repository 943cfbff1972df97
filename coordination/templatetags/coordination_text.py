from django import template
from django.utils.safestring import mark_safe

from ..services.groups import render_markdown

register = template.Library()


@register.filter
def update_ask(value):
    """An update's ask, stored as its code, in the reader's language (issue 17); a value
    that is not a code (an email queued before) as it is."""
    from ..models import Update

    return str(Update.Ask(value).label) if value in Update.Ask.values else value


@register.filter
def markdown(text: str) -> str:
    """What a person wrote in Markdown, as the site shows it: through nh3's safe set."""
    return mark_safe(render_markdown(str(text or "")))  # noqa: S308 (sanitized by nh3)
