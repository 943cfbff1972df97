from django import template

from wsr.site.markdown import markdown_filter

register = template.Library()


@register.filter
def update_ask(value):
    """An update's ask, stored as its code, in the reader's language (issue 17); a value
    that is not a code (an email queued before) as it is."""
    from ..models import Update

    return str(Update.Ask(value).label) if value in Update.Ask.values else value


@register.filter
def result_status(value):
    """A result's status, stored as its code, in the reader's language (issue 20); a value
    that is not a code (an email queued before) as it is."""
    from ..models import Result

    return str(Result.Status(value).label) if value in Result.Status.values else value


# What a person wrote in Markdown, as the site shows it: through nh3's safe set.
markdown = register.filter("markdown", markdown_filter)
