from smtplib import SMTPException

from celery import shared_task

from .emails import email_send


@shared_task(
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    retry_kwargs={"max_retries": 5},
)
def send_email(template: str, to: list[str], context: dict, language: str = "en") -> None:
    email_send(template=template, to=to, context=context, language=language)


@shared_task(
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    retry_kwargs={"max_retries": 5},
)
def send_rendered_email(
    subject: str, body: str, html: str, to: list[str], from_email: str, headers: dict
) -> None:
    """An email already rendered (allauth's account emails)."""
    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email, to=to, headers=headers
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
