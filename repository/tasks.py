from celery import shared_task

from . import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_kwargs={"max_retries": 3})
def extract_document_text(document_id: int) -> None:
    services.document_extract_text(document_id=document_id)
