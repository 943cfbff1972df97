from celery import shared_task
from django.core.management import call_command


@shared_task(ignore_result=True)
def publish_scheduled_pages() -> None:
    """Every minute (celery-beat): Wagtail publishes pages whose time has come, such as a
    press release under embargo, and takes down those that expire."""
    call_command("publish_scheduled")
