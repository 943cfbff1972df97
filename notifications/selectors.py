"""Reads: what a person may see of their notifications, now."""

import logging
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string

from .models import Notification

logger = logging.getLogger(__name__)


def unread_count(user) -> int:
    """The bell's number: one query."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def visible_target_ids(user, notifications) -> set[tuple[int, int]]:
    """(type id, id) of the targets `user` may see now, one query per kind of target, each
    through that model's `visible_to(user)`. A model without one shows nothing (fail closed)."""
    wanted: dict[int, set[int]] = defaultdict(set)
    for notification in notifications:
        if notification.target_type_id:
            wanted[notification.target_type_id].add(notification.target_id)
    allowed = set()
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        queryset = getattr(model._default_manager.all(), "visible_to", None) if model else None
        if queryset is None:
            logger.error("notification target %s has no visible_to(user)", model)
            continue
        for pk in queryset(user).filter(pk__in=ids).values_list("pk", flat=True):
            allowed.add((type_id, pk))
    return allowed


def notifications_visible(user, notifications) -> list[Notification]:
    """Those of `notifications` whose target `user` may still see (or that have none)."""
    notifications = list(notifications)
    allowed = visible_target_ids(user, notifications)
    return [
        notification
        for notification in notifications
        if not notification.target_type_id
        or (notification.target_type_id, notification.target_id) in allowed
    ]


def notification_headline(notification: Notification) -> str:
    """The notification's one line: its email subject, in the active language."""
    text = render_to_string(f"{notification.template}_subject.txt", notification.context)
    return " ".join(text.split())
