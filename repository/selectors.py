"""Reads on the repository, each starting from `ResourcePage.objects.visible_to`."""

from .models import ResourcePage


def related_resources(*, resource, user):
    """The related resources of `resource` that `user` may see."""
    ids = resource.related_links.values("resource_id")
    return ResourcePage.objects.visible_to(user).filter(pk__in=ids).order_by("title")


def document_is_visible(*, document, user) -> bool:
    """A document attached to resources is visible when one of them is visible to `user`;
    a document attached to none follows Wagtail's own collection privacy."""
    pages = document.resource_attachments.values("page_id")
    if not pages.exists():
        return True
    return ResourcePage.objects.visible_to(user).filter(pk__in=pages).exists()
