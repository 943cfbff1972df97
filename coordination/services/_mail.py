from notifications.services import email_queue


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
    email_queue(template=template, to=to, context=context, language=language)
