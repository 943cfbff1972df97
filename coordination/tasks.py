from celery import shared_task

from . import services


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_funding_reminders() -> int:
    """Daily: email owners of pipeline applications whose deadline comes in 14 or 3 days."""
    return services.funding_reminders_send()
