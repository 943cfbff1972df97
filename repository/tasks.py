from celery import shared_task
from django.conf import settings

from . import services


# On the `heavy` queue (settings.CELERY_TASK_ROUTES). Extraction stops itself after
# WSR_EXTRACT_SECONDS; the soft limit is the backstop (the text so far is kept, marked
# partial) and the hard limit kills a process stuck where no Python runs (issue 18).
@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_kwargs={"max_retries": 3},
    soft_time_limit=settings.WSR_EXTRACT_SECONDS + 30,
    time_limit=settings.WSR_EXTRACT_SECONDS + 60,
)
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
