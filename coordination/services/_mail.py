from django.db import transaction

from wsr.members.tasks import send_email


def email(
    *, template: str, to, context: dict, language: str = "en", kind=None, target=None, url=""
) -> None:
    """With a `kind`: a notification to each person (preferences and the target's audience
    apply when it is sent). Without: the email itself, after the transaction commits."""
    if kind is not None:
        from notifications.services import tell

        tell(
            to=to,
            kind=kind,
            template=template,
            context=context,
            target=target,
            url=url,
            language=language,
        )
        return
    recipients = sorted({address for address in to if address})
    if recipients:
        transaction.on_commit(
            lambda: send_email.delay(
                template=template, to=recipients, context=context, language=language
            )
        )
