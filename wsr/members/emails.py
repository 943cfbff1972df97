"""Rendering and sending of the platform's transactional emails."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def email_send(*, template: str, to: list[str], context: dict, language: str = "en") -> None:
    """Render `<template>_subject.txt`, `.txt` and `.html` in `language` and send them."""
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        text = render_to_string(f"{template}.txt", context)
        # An HTML template may simply show the text version (escaped): {{ text_version }}
        html = render_to_string(f"{template}.html", {**context, "text_version": text})
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=to,
        from_email=settings.DEFAULT_FROM_EMAIL,
    )
    message.attach_alternative(html, "text/html")
    message.send()
