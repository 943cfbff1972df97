"""The "I can help" button shows only where the offer would be accepted (issue 20)."""

from django import template

from ..permissions import can_offer_help

register = template.Library()


@register.simple_tag(takes_context=True)
def may_offer_help(context, update) -> bool:
    """Whether the viewer may offer help on `update`: from `help_update_ids`, computed
    once for the page by its view (`permissions.help_offer_update_ids`); a page that did
    not compute it (a single update) asks the predicate."""
    ids = context.get("help_update_ids")
    if ids is not None:
        return update.pk in ids
    return bool(update.ask) and can_offer_help(context.get("user"), update)
