from celery import shared_task

from . import services


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_funding_reminders() -> int:
    """Daily: email owners of pipeline applications whose deadline comes in 14 or 3 days."""
    return services.funding_reminders_send()


@shared_task(ignore_result=True)
def send_proposal_closing_notices() -> int:
    """Hourly: tell group members, once, that a proposal closes within two days."""
    return services.proposals_closing_notify()


@shared_task(ignore_result=True)
def send_meeting_reminders() -> int:
    """Hourly: remind who answered yes or maybe, once, of a meeting starting within a day."""
    return services.meeting_reminders_send()
