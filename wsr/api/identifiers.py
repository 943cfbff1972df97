"""Stable identifiers of the API's records. Records with a slug use it as their `id`; when
the slug changes the old one is kept (`FormerSlug`) and still resolves. Records without a
slug use their primary key (Wagtail page ids never change, whatever happens to the page)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_save

from .models import FormerSlug

_TRACKED = set()


def _remember_former_slug(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    previous = sender._default_manager.filter(pk=instance.pk).values_list("slug", flat=True)
    previous = previous.first()
    if previous and previous != instance.slug:
        content_type = ContentType.objects.get_for_model(sender)
        FormerSlug.objects.update_or_create(
            content_type=content_type, slug=previous, defaults={"object_id": instance.pk}
        )
        # a slug given back to its record is current again, not former
        FormerSlug.objects.filter(content_type=content_type, slug=instance.slug).delete()


def track(model):
    """Keep the former slugs of `model` (call once, from the app's api.py)."""
    if model not in _TRACKED:
        _TRACKED.add(model)
        pre_save.connect(
            _remember_former_slug, sender=model, dispatch_uid=f"former-slug-{model._meta.label}"
        )
    return model


def find_by_slug(queryset, identifier: str):
    """The visible object whose slug is or was `identifier`, or None."""
    found = queryset.filter(slug=identifier).first()
    if found is not None:
        return found
    former = FormerSlug.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model), slug=identifier
    ).values_list("object_id", flat=True)
    return queryset.filter(pk__in=former).first()
