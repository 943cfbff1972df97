"""Reads on the page tree, with visibility."""

from wagtail.models import Page, get_page_models


def hidden_page_ids(user) -> list[int]:
    """Live pages `user` may not see, from every page model with a `visible_to` queryset
    (members-only resources, staff events, ...), so that search never shows them."""
    hidden: list[int] = []
    for model in get_page_models():
        manager = model.objects
        if model is Page or not hasattr(manager, "visible_to"):
            continue
        visible = manager.visible_to(user).values("pk")
        hidden.extend(manager.live().exclude(pk__in=visible).values_list("pk", flat=True))
    return hidden
