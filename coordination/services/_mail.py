from django.db import transaction

from wsr.members.tasks import send_email


def email(*, template: str, to, context: dict, language: str = "en") -> None:
    """Send after the transaction commits, through Celery (nothing sent if it rolls back)."""
    recipients = sorted({address for address in to if address})
    if recipients:
        transaction.on_commit(
            lambda: send_email.delay(
                template=template, to=recipients, context=context, language=language
            )
        )
