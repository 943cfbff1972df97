"""Thin tasks: load by id, call a service. Delivery records make each one safe to repeat."""

from datetime import datetime
from smtplib import SMTPException

from celery import shared_task

from . import services

MAIL_ERRORS = (SMTPException, ConnectionError, TimeoutError)


@shared_task(bind=True, ignore_result=True, max_retries=5)
def send_outgoing_email(self, email_id: int) -> None:
    """One waiting email, by id; retried with backoff while the mail server is away, then
    given up with its content deleted (a reset link must not wait in the database)."""
    try:
        services.outgoing_email_send(email_id=email_id)
    except MAIL_ERRORS as error:
        if self.request.retries >= self.max_retries:
            services.outgoing_email_discard(email_id=email_id)
            raise
        raise self.retry(exc=error, countdown=min(2**self.request.retries * 60, 3600)) from None


@shared_task(ignore_result=True)
def send_notification(notification_id: int) -> str:
    return services.notification_deliver(notification_id=notification_id)


@shared_task(ignore_result=True)
def retry_delivery(delivery_id: int) -> str:
    return services.delivery_retry(delivery_id=delivery_id)


@shared_task(ignore_result=True)
def send_digest_batch(
    kind: str, period: str, window_start: str, window_end: str, user_ids: list[int]
) -> dict:
    return services.digest_deliver_batch(
        kind=kind,
        period=period,
        window_start=datetime.fromisoformat(window_start),
        window_end=datetime.fromisoformat(window_end),
        user_ids=user_ids,
    )


@shared_task(ignore_result=True)
def send_newsletter_batch(
    period: str, window_start: str, window_end: str, subscriber_ids: list[int]
) -> dict:
    return services.newsletter_deliver_batch(
        period=period,
        window_start=datetime.fromisoformat(window_start),
        window_end=datetime.fromisoformat(window_end),
        subscriber_ids=subscriber_ids,
    )


@shared_task(ignore_result=True)
def run_digests() -> dict:
    """Hourly: plan the daily and weekly digests now due in each time zone, and the
    newsletter when due; hand each batch to the workers."""
    planned = {}
    for kind in ("daily", "weekly"):
        batches = services.digest_plan(kind=kind)
        for batch in batches:
            send_digest_batch.delay(
                kind=batch.kind,
                period=batch.period,
                window_start=batch.window_start.isoformat(),
                window_end=batch.window_end.isoformat(),
                user_ids=list(batch.user_ids),
            )
        planned[kind] = sum(len(batch.user_ids) for batch in batches)
    period, start, end, batches = services.newsletter_plan()
    for ids in batches:
        send_newsletter_batch.delay(
            period=period,
            window_start=start.isoformat(),
            window_end=end.isoformat(),
            subscriber_ids=ids,
        )
    planned["newsletter"] = sum(len(ids) for ids in batches)
    for delivery in services.delivery.stale_retries():
        retry_delivery.delay(delivery_id=delivery.pk)
    return planned


@shared_task(ignore_result=True)
def send_pending_tasks() -> dict:
    """Every minute (beat): what the broker could not take, and emails whose task was lost,
    are sent again (issue 18, `wsr.dispatch`)."""
    from wsr.dispatch import pending_tasks_send

    return {"tasks": pending_tasks_send(), "emails": services.outgoing_emails_requeue()}
