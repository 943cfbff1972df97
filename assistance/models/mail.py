"""Email that arrived for a case (issue 19): every message is kept, with its raw bytes in
private storage, and either landed on its case or waits for staff (held) until they attach
it to a case or discard it. Nothing that reached the receiver is dropped."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsr.site.storage import private_storage

from .cases import Case, TimelineEntry

mail_storage = private_storage("mail")


def get_mail_storage():
    """A callable, so migrations name it rather than freeze a path."""
    return mail_storage


def raw_message_name(instance, filename: str) -> str:
    return f"{timezone.now():%Y/%m}/{secrets.token_hex(16)}.eml"


class InboundMessage(models.Model):
    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("Added to the case")
        HELD = "held", _("Held for review")
        RELEASED = "released", _("Added to a case by staff")
        DISCARDED = "discarded", _("Discarded by staff")

    class Reason(models.TextChoices):
        NONE = "", _("None")
        UNKNOWN_RECIPIENT = "unknown_recipient", _("Not addressed to a case")
        FORGED_ADDRESS = "forged_address", _("The case address is not valid (forged or mistyped)")
        UNKNOWN_CASE = "unknown_case", _("No such case")
        UNKNOWN_SENDER = "unknown_sender", _("The sender is not on the case")
        SEVERAL_SENDERS = (
            "several_senders",
            _("The sender is not one readable address (several, or none)"),
        )
        UNAUTHENTICATED = (
            "unauthenticated",
            _("The receiving mail server could not verify the sender (SPF, DKIM, DMARC)"),
        )
        AUTOMATIC = "auto_reply", _("An automatic reply or a mailing list")
        BOUNCE = "bounce", _("Returned mail (a bounce)")
        CLOSED_CASE = "closed_case", _("The case is closed")
        TOO_LARGE = "too_large", _("The message is too large")
        EMPTY = "empty", _("Nothing to read in the message")

    # One row per case address a message reached (recipient "" when it named none).
    message_id = models.CharField(_("Message-ID"), max_length=255)
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="inbound_messages"
    )
    recipient = models.CharField(_("sent to"), max_length=254, blank=True)
    sender = models.CharField(_("sender"), max_length=254, blank=True)
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    raw = models.FileField(
        storage=get_mail_storage, upload_to=raw_message_name, max_length=200, blank=True
    )
    size = models.PositiveIntegerField(_("size"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    # Attachments refused by the upload check: [{"name": …, "error": …}]
    refused_attachments = models.JSONField(default=list, blank=True)
    entry = models.OneToOneField(
        TimelineEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="email"
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("email received")
        verbose_name_plural = _("emails received")
        indexes = [models.Index(fields=["status", "-received_at"], name="inbound_status_recent")]
        constraints = [
            models.UniqueConstraint(
                fields=["message_id", "recipient"], name="inbound_once_per_address"
            )
        ]

    def __str__(self):
        return f"email {self.pk} ({self.status})"
