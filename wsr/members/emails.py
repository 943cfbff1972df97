"""Putting emails together and sending them: used by the outbox's worker
(`notifications.services.outbox`), the one way an email of the project is sent."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def text_version(text: str) -> str:
    """The text part, for an HTML template that shows it (`{{ text_version }}`). A rendered
    template is marked safe, but the text part holds what people wrote, unescaped: as a
    plain string it is escaped like any other value (issue 16)."""
    return "".join([text])


def one_line(subject: str) -> str:
    """A subject on one line: no CR or LF from a name or title can add a header."""
    return " ".join(subject.split())


def email_message(
    *, subject: str, text: str, html: str, to: list[str], from_email: str = "", headers=None
) -> EmailMultiAlternatives:
    """The one place an email is put together (issue 18): a one-line subject, the text part
    and, when there is one, the HTML part."""
    message = EmailMultiAlternatives(
        subject=one_line(subject),
        body=text,
        to=to,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        headers=headers or {},
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message


def email_render(
    *, template: str, to: list[str], context: dict, language: str = "en", headers=None
) -> EmailMultiAlternatives:
    """`<template>_subject.txt`, `.txt` and `.html` rendered in `language`."""
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", {**context, "text_version": text_version(text)})
    return email_message(subject=subject, text=text, html=html, to=to, headers=headers)


def email_send(
    *, template: str, to: list[str], context: dict, language: str = "en", headers=None
) -> None:
    """Render and send now: the worker's half of the outbox. Apps never call this: they
    call `notifications.services.email_queue`, which keeps the email in the database and
    sends it after the transaction commits, broker or not."""
    email_render(
        template=template, to=to, context=context, language=language, headers=headers
    ).send()
