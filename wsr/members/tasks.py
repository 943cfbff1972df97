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
