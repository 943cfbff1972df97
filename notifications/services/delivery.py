"""Handing email to the mail server exactly once per (recipient, kind, period).

Each send happens inside a transaction that holds the delivery's row lock
(`SELECT … FOR UPDATE SKIP LOCKED`): a second worker skips a row being sent, a worker killed
mid-send rolls its row back to "waiting" for the next run, and a row marked sent is never
sent again. The one window left is between the server's "250 OK" and the commit (a kill
there sends twice); the Message-ID is the same on every attempt so a receiving server can
drop that copy.
"""

import logging
import random
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from wsr.dispatch import dispatch_on_commit
from wsr.members.emails import email_message

from ..models import Delivery, Suppression

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6


@dataclass
class Message:
    to: str
    subject: str
    text: str
    html: str
    headers: dict = field(default_factory=dict)
    item_count: int = 0


class Outcome:
    SENT = "sent"
    EMPTY = "empty"
    SKIPPED = "skipped"  # done already, or another worker holds it
    RETRYING = "retrying"
    FAILED = "failed"
    SUPPRESSED = "suppressed"


def classify(error: Exception) -> str:
    """Permanent when the server refused the address for good (the address is then
    suppressed); rejected when it refused this message for good (a 5xx after DATA is
    usually about the content, not the address: not retried, not suppressed); else
    transient."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return "permanent" if codes and all(500 <= code < 600 for code in codes) else "transient"
    if isinstance(error, smtplib.SMTPSenderRefused):
        return "transient"
    if isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600:
        return "rejected"
    return "transient"


def backoff_seconds(attempts: int) -> int:
    base = min(60 * 2 ** max(attempts - 1, 0), 3600)
    return base + random.randint(0, base // 4)  # noqa: S311 (jitter, not security)


def is_suppressed(email: str) -> bool:
    return Suppression.objects.filter(email__iexact=email).exists()


def suppressed_among(emails) -> set[str]:
    emails = [email.lower() for email in emails if email]
    return set(Suppression.objects.filter(email__in=emails).values_list("email", flat=True))


def delivery_claim(*, recipient: str, user_id, kind: str, period: str, **window) -> Delivery:
    """The delivery row for (recipient, kind, period), created on first sight."""
    try:
        with transaction.atomic():
            delivery, _ = Delivery.objects.get_or_create(
                recipient=recipient,
                kind=kind,
                period=period,
                defaults={"user_id": user_id, **window},
            )
    except IntegrityError:  # two workers created it at once: the other one won
        delivery = Delivery.objects.get(recipient=recipient, kind=kind, period=period)
    return delivery


def deliveries_claim(*, users, kind: str, period: str, **window) -> dict[int, Delivery]:
    """`delivery_claim` for a batch of people: two queries, whoever created rows first."""
    Delivery.objects.bulk_create(
        [
            Delivery(recipient=f"u{user.pk}", user_id=user.pk, kind=kind, period=period, **window)
            for user in users
        ],
        ignore_conflicts=True,
    )
    return {
        delivery.user_id: delivery
        for delivery in Delivery.objects.filter(
            kind=kind, period=period, recipient__in=[f"u{user.pk}" for user in users]
        )
    }


class Connection:
    """One SMTP connection for a batch, reopened after a failure."""

    def __init__(self):
        self._connection = None

    def send(self, email: EmailMultiAlternatives) -> None:
        if self._connection is None:
            self._connection = get_connection(fail_silently=False)
            self._connection.open()
        email.connection = self._connection
        try:
            email.send()
        except Exception:
            self.close()
            raise

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            except Exception:  # noqa: BLE001 (the server may already be gone)
                logger.debug("closing a broken mail connection", exc_info=True)
            self._connection = None


def _email(message: Message, delivery: Delivery) -> EmailMultiAlternatives:
    return email_message(
        subject=message.subject,
        text=message.text,
        html=message.html,
        to=[message.to],
        headers={"Message-ID": delivery.message_id, **message.headers},
    )


def deliver(
    delivery: Delivery,
    *,
    build: Callable[[], Message | None],
    connection: Connection,
    retry: bool = True,
    suppressed: bool | None = None,
) -> str:
    """`suppressed`: whether the address is suppressed, when the caller checked a whole
    batch at once (None: check it here)."""
    # Build and send `delivery` unless it is done or being sent elsewhere.
    with transaction.atomic():
        locked = (
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(pk=delivery.pk, status__in=[Delivery.Status.PENDING, Delivery.Status.RETRYING])
            .first()
        )
        if locked is None:
            return Outcome.SKIPPED
        delivery = locked
        try:
            with transaction.atomic():
                message = build()
        except Exception as error:  # noqa: BLE001
            # A broken template or section must not stop the batch: this one is recorded
            # as failed, with the error, and the others go on.
            logger.exception("building delivery %s failed", delivery.pk)
            delivery.status = Delivery.Status.FAILED
            delivery.attempts += 1
            delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
            delivery.save(update_fields=["status", "attempts", "last_error"])
            return Outcome.FAILED
        if message is None:
            delivery.status = Delivery.Status.EMPTY
            delivery.save(update_fields=["status"])
            return Outcome.EMPTY
        delivery.email = message.to
        delivery.item_count = message.item_count
        delivery.attempts += 1
        if suppressed if suppressed is not None else is_suppressed(message.to):
            delivery.status = Delivery.Status.SUPPRESSED
            delivery.save(update_fields=["status", "email", "item_count", "attempts"])
            return Outcome.SUPPRESSED
        try:
            connection.send(_email(message, delivery))
        except (smtplib.SMTPException, OSError) as error:
            return _failed(delivery, error, retry=retry)
        except Exception as error:  # noqa: BLE001 (a bad header, an encoding error)
            logger.exception("sending delivery %s failed", delivery.pk)
            return _failed(delivery, error, retry=False)
        delivery.status = Delivery.Status.SENT
        delivery.sent_at = timezone.now()
        delivery.last_error = ""
        delivery.save(
            update_fields=["status", "sent_at", "email", "item_count", "attempts", "last_error"]
        )
        return Outcome.SENT


def _failed(delivery: Delivery, error: Exception, *, retry: bool) -> str:
    kind = classify(error)
    delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
    fields = ["status", "email", "item_count", "attempts", "last_error"]
    if kind == "permanent":
        delivery.status = Delivery.Status.FAILED
        delivery.save(update_fields=fields)
        Suppression.objects.get_or_create(
            email=delivery.email.lower(), defaults={"reason": delivery.last_error}
        )
        logger.warning("permanent failure for delivery %s: %s", delivery.pk, error)
        return Outcome.FAILED
    if kind == "rejected" or delivery.attempts >= MAX_ATTEMPTS or not retry:
        delivery.status = Delivery.Status.FAILED
        delivery.save(update_fields=fields)
        logger.warning("giving up on delivery %s: %s", delivery.pk, error)
        return Outcome.FAILED
    delivery.status = Delivery.Status.RETRYING
    delivery.save(update_fields=fields)
    countdown = backoff_seconds(delivery.attempts)
    pk = delivery.pk

    from ..tasks import retry_delivery

    dispatch_on_commit(retry_delivery, countdown=countdown, delivery_id=pk)
    return Outcome.RETRYING


def stale_retries(now=None):
    """Retrying deliveries whose retry task was lost (a broker restart): the hourly run
    picks them up again."""
    now = now or timezone.now()
    return Delivery.objects.filter(
        status=Delivery.Status.RETRYING, created_at__lt=now - timedelta(hours=2)
    )
