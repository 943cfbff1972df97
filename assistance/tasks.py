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
def send_reply_reminders() -> int:
    """Daily (celery-beat): remind lead organizations 7 days and 1 day before an
    assessment's reply deadline, once each, unless they replied (issue 19)."""
    from .services.responses import reply_reminders_send

    return reply_reminders_send()


@shared_task(ignore_result=True)
def prune_access_records() -> int:
    """Daily (celery-beat): drop access records older than ASSISTANCE_ACCESS_LOG_DAYS."""
    return services.access_records_prune()


# On the `heavy` queue (settings.CELERY_TASK_ROUTES). 4,000 rows take seconds; the soft limit
# ends a stuck import with a message (nothing is half-saved), the hard one its process.
@shared_task(ignore_result=True, soft_time_limit=240, time_limit=300)
def import_enforcement_reports(import_id: int) -> None:
    """A large enforcement-figures CSV, checked and saved whole (or refused with its rows)."""
    from .services.imports import report_import_run

    report_import_run(import_id=import_id)


@shared_task(ignore_result=True)
def fetch_case_mail() -> dict:
    """Every few minutes when CASE_MAIL_IMAP_URL is set: store the mailbox's new replies to
    case emails (issue 19). No argument: the mailbox's address stays in the settings."""
    from django.conf import settings

    from .mail.imap import fetch_case_mail as fetch

    if not settings.CASE_MAIL_IMAP_URL:
        return {}
    return fetch(settings.CASE_MAIL_IMAP_URL)


@shared_task(ignore_result=True)
def escalate_response_targets() -> dict:
    """Every ten minutes (celery-beat): warn before a case's awaited response is missed and
    escalate once it is (services/service_levels.py `escalate`)."""
    from .services.service_levels import escalate

    return escalate()
