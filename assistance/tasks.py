from smtplib import SMTPException

from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def send_task_reminders() -> int:
    """Daily (celery-beat): remind owners of case tasks due today or overdue."""
    return services.task_reminders_send()


@shared_task(
    ignore_result=True,
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    retry_kwargs={"max_retries": 5},
)
def send_request_receipt(case_id: int) -> None:
    """The receipt of a request, for tasks queued before issue 18: a request now puts its
    receipt in the outbox itself (`request_receipt_send`), which sends it by id."""
    from .models import Case
    from .services.cases import request_receipt_send

    case = Case.objects.filter(pk=case_id).first()
    if case is not None:
        request_receipt_send(case=case)


@shared_task(ignore_result=True)
def prune_access_records() -> int:
    """Daily (celery-beat): drop access records older than ASSISTANCE_ACCESS_LOG_DAYS."""
    return services.access_records_prune()
