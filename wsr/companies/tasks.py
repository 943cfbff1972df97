from celery import shared_task

from . import response_services


@shared_task(ignore_result=True)
def forget_response_contacts() -> int:
    """Daily: clear the contact name and email of requests whose link long expired."""
    return response_services.response_contacts_forget()
