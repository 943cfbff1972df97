from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def send_task_reminders() -> int:
    """Daily (celery-beat): remind owners of case tasks due today or overdue."""
    return services.task_reminders_send()
