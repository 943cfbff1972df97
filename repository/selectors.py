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
    if user.is_authenticated and user.is_staff:  # reviewers open drafts' attachments
        return True
    return ResourcePage.objects.visible_to(user).filter(pk__in=pages).exists()


def collection_steps(*, collection, user) -> list:
    """The collection's items, in order, keeping only resources `user` may see."""
    visible = ResourcePage.objects.visible_to(user).values("pk")
    return list(
        collection.items.filter(resource_id__in=visible)
        .select_related("resource")
        .order_by("sort_order")
    )


def saved_resources(*, user):
    """The resources `user` saved that they may still see, newest first."""
    from .models import SavedResource

    if not user.is_authenticated:
        return SavedResource.objects.none()
    visible = ResourcePage.objects.visible_to(user).values("pk")
    return (
        SavedResource.objects.filter(user=user, resource_id__in=visible)
        .select_related("resource")
        .order_by("-created_at")
    )


def is_saved(*, resource, user) -> bool:
    return user.is_authenticated and resource.saves.filter(user=user).exists()
