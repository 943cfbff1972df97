"""Rendering and sending of the platform's transactional emails."""

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


def email_send(*, template: str, to: list[str], context: dict, language: str = "en") -> None:
    """Render `<template>_subject.txt`, `.txt` and `.html` in `language` and send them."""
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", {**context, "text_version": text_version(text)})
    message = EmailMultiAlternatives(
        subject=one_line(subject),
        body=text,
        to=to,
        from_email=settings.DEFAULT_FROM_EMAIL,
    )
    message.attach_alternative(html, "text/html")
    message.send()
