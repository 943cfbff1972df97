"""The bell's unread count, kept per person in the cache (issue 22): every signed-in page
showed it with a COUNT query.

The count is stored under the person's own generation (`bell:<id>`), which every write to
their notifications replaces: one created (notify's bulk insert, or a save), marked read,
or deleted. A reader who counted before such a write committed stored the number under the
token that the write then replaced, so nobody is shown it after the write. BELLS, a shared
generation bumped by nothing but the cache's recovery (wsr/site/generations.bump_all),
forgets every count after an outage, whose replacements may have been dropped.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from wsr.site.generations import Generation

from .models import Notification

BELLS = Generation("notifications:bells")
TIMEOUT = 60 * 60 * 24


class _PersonalGeneration(Generation):
    """One person's generation: not registered with bump_all (BELLS stands for them all)."""

    def __init__(self, user_id: int):
        self.key = f"notifications:bell:{user_id}:generation"


def unread_count(user) -> int:
    """The number on `user`'s bell: from the cache, or one query."""
    key = f"notifications:bell:{user.pk}:{BELLS.current()}:{_PersonalGeneration(user.pk).current()}"
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, TIMEOUT)
    return count


def forget(user_ids, using=None) -> None:
    """After a write to these people's notifications (writes without signals call it)."""
    for user_id in set(user_ids):
        _PersonalGeneration(user_id).bump(using=using)


def _forget_recipient(*, instance, using=None, **kwargs) -> None:
    if instance.recipient_id:
        forget([instance.recipient_id], using=using)


post_save.connect(_forget_recipient, sender=Notification, dispatch_uid="wsr-bell-save")
post_delete.connect(_forget_recipient, sender=Notification, dispatch_uid="wsr-bell-delete")
