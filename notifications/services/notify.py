"""The one way apps tell people something happened."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.functions import Lower
from django.utils import timezone

from wsr.dispatch import dispatch_on_commit

from .. import bell
from ..kinds import KINDS, Mode
from ..models import Notification, Preference
from .outbox import email_queue


def notify(
    *,
    users,
    kind: str,
    template: str,
    context: dict,
    target=None,
    url: str = "",
    exclude=None,
    headers: dict | None = None,
) -> list[Notification]:
    """Record a notification of `kind` for each of `users` (the bell and the digests see it)
    and, for those who want this kind immediately, email it after the transaction commits.

    `template` names the app's email (`<template>_subject.txt` is the one-line headline,
    `.txt` and `.html` the email); `context` must be JSON (strings, numbers); `target` is the
    object the notification is about, re-checked with its `visible_to(user)` at send time;
    `headers` go on its immediate email (`thread_headers`), never on a digest."""
    if kind not in KINDS or KINDS[kind].is_section:
        raise ValueError(f"{kind} is not a personal notification kind")
    excluded = {getattr(person, "pk", person) for person in (exclude or [])}
    people = {
        person.pk: person
        for person in users
        if person is not None and person.is_active and person.pk not in excluded
    }
    if not people:
        return []
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    now = timezone.now()
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=pk,
                kind=kind,
                template=template,
                context=context,
                url=url,
                target_type=target_type,
                target_id=target.pk if target is not None else None,
                created_at=now,
                headers=headers or {},
            )
            for pk in sorted(people)
        ]
    )
    bell.forget(people)  # bulk_create sends no signal
    chosen = dict(
        Preference.objects.filter(user_id__in=people, kind=kind).values_list("user_id", "mode")
    )
    immediate = [
        notification.pk
        for notification in notifications
        if chosen.get(notification.recipient_id, KINDS[kind].default) == Mode.IMMEDIATE
    ]
    if immediate:
        from ..tasks import send_notification

        for pk in immediate:
            dispatch_on_commit(send_notification, notification_id=pk)
    return notifications


def notifications_mark_read(*, user, ids=None) -> int:
    """Mark `user`'s notifications read: those in `ids`, or all."""
    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    marked = queryset.update(read_at=timezone.now())
    bell.forget([user.pk])  # update() sends no signal
    return marked


def tell(
    *,
    to,
    kind: str,
    template: str,
    context: dict,
    target=None,
    url: str = "",
    language: str = "en",
    exclude=None,
    headers: dict | None = None,
) -> None:
    """For apps that address people by email: each address with an active account gets a
    notification of `kind` (their preferences and the target's audience apply); any other
    address (a staff mailbox) gets the email itself, in `language`, as before."""
    from django.contrib.auth import get_user_model

    addresses = sorted({address.strip().lower() for address in to if address})
    if not addresses:
        return
    # Every account with one of these addresses, active or not, whatever the case of its
    # address: a deactivated account is told nothing, not emailed around its settings.
    accounts = list(
        get_user_model().objects.annotate(address=Lower("email")).filter(address__in=addresses)
    )
    people = [person for person in accounts if person.is_active]
    known = {person.address for person in accounts}
    notify(
        users=people,
        kind=kind,
        template=template,
        context=context,
        target=target,
        url=url,
        exclude=exclude,
        headers=headers,
    )
    # One email per address: recipients never see each other's addresses.
    for address in addresses:
        if address not in known:
            email_queue(
                template=template,
                to=[address],
                context=context,
                language=language,
                headers=headers,
            )
