"""Emails handed to the workers by id (issue 16): a row holds what is to be sent, the task
gets its id, and the row is deleted once the mail server took it. Links with keys or tokens
and email bodies therefore never sit in the broker or appear in a task's log line."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from wsr.members.emails import email_send, one_line

from ..links import context_in_language
from ..models import OutgoingEmail
from ..schedule import zone


def _queue(email: OutgoingEmail) -> None:
    from ..tasks import send_outgoing_email

    transaction.on_commit(lambda: send_outgoing_email.delay(email_id=email.pk))


def email_queue(*, template: str, to: list[str], context: dict, language: str = "en") -> None:
    """Send `template` to `to` after the transaction commits, rendered by the worker in
    `language` (one email: the recipients see each other, as the callers intend)."""
    recipients = sorted({address for address in to if address})
    if recipients:
        _queue(
            OutgoingEmail.objects.create(
                to=recipients, template=template, context=context, language=language
            )
        )


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


def outgoing_email_send(*, email_id: int) -> None:
    """Send the waiting email `email_id` and forget its content (nothing if already sent)."""
    email = OutgoingEmail.objects.filter(pk=email_id).first()
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
            )
    else:
        message = EmailMultiAlternatives(
            subject=one_line(email.subject),
            body=email.text,
            from_email=email.from_email,
            to=email.to,
            headers=email.headers,
        )
        if email.html:
            message.attach_alternative(email.html, "text/html")
        message.send()
    email.delete()


def outgoing_email_discard(*, email_id: int) -> None:
    """Give up on `email_id` (the mail server kept failing): its content goes too."""
    OutgoingEmail.objects.filter(pk=email_id).delete()
