"""The one way an email of the project is sent (issues 16 and 18): a row holds what is to
be sent, the task gets its id after the transaction commits, and the row is deleted once
the mail server took it. Links with keys or tokens and email bodies therefore never sit in
the broker or appear in a task's log line; with the broker down the row waits and the task
is kept (`wsr.dispatch`), so the write that asked for the email still succeeds."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wsr.dispatch import dispatch_on_commit
from wsr.members.emails import email_message, email_send

from ..links import context_in_language
from ..models import OutgoingEmail
from ..schedule import zone

# An email still here this long after it was queued lost its task (the longest retry
# chain of send_outgoing_email is about half an hour): the sweep queues it again.
LOST_AFTER = timedelta(hours=2)


def _queue(email: OutgoingEmail) -> None:
    from ..tasks import send_outgoing_email

    dispatch_on_commit(send_outgoing_email, email_id=email.pk)


def email_queue(
    *,
    template: str,
    to,
    context: dict,
    language: str = "en",
    kind: str | None = None,
    target=None,
    url: str = "",
    exclude=None,
    headers: dict | None = None,
) -> None:
    """Send `template` to `to` after the transaction commits, rendered by the worker in
    `language` (one email: the recipients see each other, as the callers intend).

    With a `kind`, the people behind these addresses are told through `notify` instead
    (their preferences and the target's audience apply when it is sent; `tell`), and only
    addresses without an account get the email itself.

    `headers` (Reply-To, In-Reply-To, References: `thread_headers`) go on the email as
    given; with References and no Message-ID, each email gets a Message-ID of that thread."""
    if kind is not None:
        from .notify import tell

        tell(
            to=to,
            kind=kind,
            template=template,
            context=context,
            target=target,
            url=url,
            language=language,
            exclude=exclude,
            headers=headers,
        )
        return
    recipients = sorted({address for address in to if address})
    if recipients:
        _queue(
            OutgoingEmail.objects.create(
                to=recipients,
                template=template,
                context=context,
                language=language,
                headers=thread_headers(headers or {}, unique=secrets.token_hex(8)),
            )
        )


def thread_headers(headers: dict, *, unique: str) -> dict:
    """`headers` with a Message-ID in the thread its References start (issue 19): the root
    `<case-REF@domain>` gives `<case-REF.<unique>@domain>`, so mail clients (and the inbound
    side) see every email of a case as one conversation. Unchanged without References or
    with a Message-ID already."""
    references = str(headers.get("References", "")).split()
    if not references or "Message-ID" in headers:
        return dict(headers)
    local, _, domain = references[0].strip("<>").partition("@")
    return {**headers, "Message-ID": f"<{local}.{unique}@{domain}>"}


def rendered_email_queue(*, message: EmailMultiAlternatives) -> None:
    """Send an email already rendered in the request (allauth's account emails)."""
    html = next(
        (body for body, mimetype in message.alternatives if mimetype == "text/html"),
        "",
    )
    _queue(
        OutgoingEmail.objects.create(
            to=list(message.to),
            subject=message.subject,
            text=message.body,
            html=html,
            from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
            headers=dict(message.extra_headers),
        )
    )


def recipient_time_zone(to: list[str]) -> str:
    """The zone times are shown in (issue 17): the recipient's, when the email goes to one
    person with an account; the site's otherwise (a staff mailbox, several people)."""
    from django.contrib.auth import get_user_model

    if len(to) != 1:
        return settings.TIME_ZONE
    zone_name = (
        get_user_model()
        .objects.filter(email__iexact=to[0], profile__isnull=False)
        .values_list("profile__time_zone", flat=True)
        .first()
    )
    return zone_name or settings.TIME_ZONE


@transaction.atomic
def outgoing_email_send(*, email_id: int) -> None:
    """Send the waiting email `email_id` and forget its content (nothing if already sent).
    The row stays locked while it is sent: a second task for it (a kept task sent late, the
    sweep) skips it, and finds nothing once it is gone."""
    email = OutgoingEmail.objects.select_for_update(skip_locked=True).filter(pk=email_id).first()
    if email is None:
        return
    if email.template:
        language = email.language or settings.LANGUAGE_CODE
        with timezone.override(zone(recipient_time_zone(email.to))):
            email_send(
                template=email.template,
                to=email.to,
                context=context_in_language(email.context, language),
                language=language,
                headers=email.headers,
            )
    else:
        email_message(
            subject=email.subject,
            text=email.text,
            html=email.html,
            from_email=email.from_email,
            to=email.to,
            headers=email.headers,
        ).send()
    email.delete()


def outgoing_emails_requeue(*, now=None) -> int:
    """Queue again the emails whose task was lost (the broker restarted empty, a process
    died between its commit and the hand-over); each at most once per LOST_AFTER."""
    from ..tasks import send_outgoing_email

    now = now or timezone.now()
    cutoff = now - LOST_AFTER
    lost = list(
        OutgoingEmail.objects.filter(created_at__lt=cutoff)
        .filter(Q(redispatched_at__isnull=True) | Q(redispatched_at__lt=cutoff))
        .values_list("pk", flat=True)[:1000]
    )
    OutgoingEmail.objects.filter(pk__in=lost).update(redispatched_at=now)
    for pk in lost:
        dispatch_on_commit(send_outgoing_email, email_id=pk)
    return len(lost)


def outgoing_email_discard(*, email_id: int) -> None:
    """Give up on `email_id` (the mail server kept failing): its content goes too."""
    OutgoingEmail.objects.filter(pk=email_id).delete()
