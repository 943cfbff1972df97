"""Second factors of accounts with admin powers (staff, and anyone a group lets into
Wagtail's admin). allauth lets a signed-in person set up an authenticator app after
re-entering their password; on such an account that alone would turn a stolen password into
staff powers. So the new authenticator waits for a link we email to the account's address:
the password and the mailbox together, then the code, make staff."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from .models import FactorConfirmation

SALT = "wsr.members.factor-confirmation"
MAX_AGE = 60 * 60 * 24  # a day


def needs_confirmation(user) -> bool:
    return bool(user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def factor_confirmation_start(*, authenticator) -> FactorConfirmation | None:
    """Hold a new authenticator of an account with admin powers and email its owner."""
    user = authenticator.user
    if authenticator.type != authenticator.Type.TOTP or not needs_confirmation(user):
        return None
    confirmation, _created = FactorConfirmation.objects.get_or_create(authenticator=authenticator)
    factor_confirmation_send(confirmation=confirmation)
    return confirmation


def factor_confirmation_send(*, confirmation: FactorConfirmation) -> None:
    """Email the link after the transaction commits. The link is a secret: it waits in the
    outbox's row, as allauth's links do, and only the row's id goes to the task queue."""
    from notifications.services import email_queue

    from .services import language_of

    user = confirmation.authenticator.user
    token = signing.dumps({"a": confirmation.authenticator_id, "u": user.pk}, salt=SALT)
    email_queue(
        template="members/email/factor_confirm",
        to=[user.email],
        context={
            "name": user.get_full_name() or user.email,
            "url": settings.SITE_URL.rstrip("/") + reverse("members:factor-confirm", args=[token]),
        },
        language=language_of(user),
    )
    confirmation.last_sent_at = timezone.now()
    confirmation.save(update_fields=["last_sent_at"])


def factor_confirmation_resend(*, confirmation: FactorConfirmation) -> bool:
    """Send the link again, at most once a minute."""
    last = confirmation.last_sent_at
    if last is not None and (timezone.now() - last).total_seconds() < 60:
        return False
    factor_confirmation_send(confirmation=confirmation)
    return True


def factor_confirmation_for_token(token: str) -> FactorConfirmation | None:
    """The waiting confirmation a token names, or None (bad, expired or already used)."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    return (
        FactorConfirmation.objects.select_related("authenticator__user")
        .filter(authenticator_id=data.get("a"), authenticator__user_id=data.get("u"))
        .first()
    )


def factor_confirm(*, confirmation: FactorConfirmation) -> FactorConfirmation:
    if confirmation.confirmed_at is None:
        confirmation.confirmed_at = timezone.now()
        confirmation.save(update_fields=["confirmed_at"])
    return confirmation


def pending_confirmation_of(user) -> FactorConfirmation | None:
    return (
        FactorConfirmation.objects.filter(authenticator__user=user, confirmed_at__isnull=True)
        .select_related("authenticator")
        .first()
    )
