from celery import shared_task

from . import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_kwargs={"max_retries": 3})
def extract_document_text(document_id: int) -> None:
    services.document_extract_text(document_id=document_id)


@shared_task(ignore_result=True)
def warm_search_counts() -> None:
    from .search import search_counts_warm

    search_counts_warm()


@shared_task(ignore_result=True)
def send_event_reminders() -> int:
    """Hourly: remind registered people of events starting within a day, once each."""
    return services.event_reminders_send()
