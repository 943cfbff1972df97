"""Reads on the repository, each starting from `ResourcePage.objects.visible_to`."""

from . import permissions
from .models import ResourcePage


def related_resources(*, resource, user):
    """The related resources of `resource` that `user` may see."""
    ids = resource.related_links.values("resource_id")
    return ResourcePage.objects.visible_to(user).filter(pk__in=ids).order_by("title")


def resource_authors(*, resource) -> list:
    """The resource's authors in order, with what their names are read from (one query)."""
    return list(resource.authors.select_related("person__profile", "organization"))


def collection_steps(*, collection, user) -> list:
    """The collection's items, in order, keeping only resources `user` may see."""
    visible = ResourcePage.objects.visible_to(user).values("pk")
    return list(
        collection.items.filter(resource_id__in=visible)
        .select_related("resource")
        .order_by("sort_order", "pk")
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


def event_context(*, event, user) -> dict:
    """What an event page shows `user`: their registration, seats, outcomes they may see."""
    from .models import Registration

    holder = event.registration_event  # one list of seats for every language's page
    registration = None
    if user.is_authenticated:
        registration = holder.registrations.filter(user=user).first()
    registered = holder.registrations.filter(status=Registration.Status.REGISTERED).count()
    visible = ResourcePage.objects.visible_to(user).values("pk")
    return {
        "registration": registration,
        "is_registered": registration is not None
        and registration.status == Registration.Status.REGISTERED,
        "seats_left": None if holder.capacity is None else max(holder.capacity - registered, 0),
        "can_register": permissions.can_register_for_event(user, event)
        and holder.registration_open
        and not event.is_past,
        "outcome_resources": ResourcePage.objects.filter(
            pk__in=event.outcome_resources.values("resource_id")
        ).filter(pk__in=visible),
        "can_see_attendees": permissions.can_see_attendees(user, event),
    }


def event_attendees(*, event):
    from .models import Registration

    return (
        event.registration_event.registrations.exclude(status=Registration.Status.CANCELLED)
        .select_related("user", "user__profile")
        .prefetch_related("user__affiliations__organization")
        .order_by("status", "created_at")
    )
