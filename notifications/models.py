"""Notifications, preferences and the record of every email handed to the mail server."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS, Mode


def kind_choices():
    return [(kind.key, kind.label) for kind in KINDS.values()]


class Notification(models.Model):
    """Something that happened for one person. Its words are the app's email subject,
    rendered in the reader's language when shown; its target is re-checked against the
    target's `visible_to(user)` whenever it is shown or sent."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=40, choices=kind_choices)
    template = models.CharField(max_length=120)
    context = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=500, blank=True)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(_("created"), db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # Extra headers of its immediate email, e.g. a case's Reply-To and thread (issue 19).
    headers = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_recent"),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notif_recipient_unread",
            ),
            models.Index(fields=["kind", "created_at"], name="notif_kind_created"),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient_id}"


class Preference(models.Model):
    """A person's choice for one kind; no row means the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=40, choices=kind_choices)
    mode = models.CharField(max_length=10, choices=Mode.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notif_preference_once"),
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind}: {self.mode}"


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class DigestSchedule(models.Model):
    """When a person's digests go out, in the time zone of their profile."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_schedule"
    )
    daily_hour = models.PositiveSmallIntegerField(
        _("hour of the daily digest"), default=7, validators=[MaxValueValidator(23)]
    )
    weekly_day = models.PositiveSmallIntegerField(
        _("day of the weekly digest"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    weekly_hour = models.PositiveSmallIntegerField(
        _("hour of the weekly digest"), default=7, validators=[MaxValueValidator(23)]
    )
    # Narrowing of digest sections beyond the profile's sectors and countries, per section:
    # {"resource_published": {"kinds": ["toolkit"], "principles": ["worker-driven"]}}.
    section_filters = models.JSONField(default=dict, blank=True)

    def __str__(self):
        return (
            f"{self.user_id} daily {self.daily_hour}h, weekly {self.weekly_day}/{self.weekly_hour}h"
        )


class Delivery(models.Model):
    """One email to one recipient for one period. The unique constraint is what makes a
    repeated beat, a retried task or two workers unable to send the same email twice."""

    class Kind(models.TextChoices):
        IMMEDIATE = "immediate", _("Notification")
        DAILY = "daily", _("Daily digest")
        WEEKLY = "weekly", _("Weekly digest")
        NEWSLETTER = "newsletter", _("Newsletter")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RETRYING = "retrying", _("Retrying")
        SENT = "sent", _("Sent")
        EMPTY = "empty", _("Nothing new")
        FAILED = "failed", _("Failed")
        SUPPRESSED = "suppressed", _("Not sent: address suppressed")

    FINAL = (Status.SENT, Status.EMPTY, Status.FAILED, Status.SUPPRESSED)

    # "u<user id>" for people with an account, "s<subscriber id>" for newsletter readers.
    recipient = models.CharField(_("recipient"), max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    # "2026-11-26" (daily), "2026-W48" (weekly, ISO week), "n<notification id>" (immediate).
    period = models.CharField(_("period"), max_length=40)
    window_start = models.DateTimeField(null=True, blank=True)
    window_end = models.DateTimeField(null=True, blank=True)
    email = models.EmailField(_("address"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    item_count = models.PositiveIntegerField(_("items"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "period"], name="notif_delivery_once"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="notif_delivery_status"),
            models.Index(fields=["kind", "period"], name="notif_delivery_period"),
        ]

    def __str__(self):
        return f"{self.kind} {self.period} → {self.recipient} ({self.status})"

    @property
    def message_id(self) -> str:
        """The same Message-ID on every attempt, so a receiving server can drop a copy."""
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">").strip() or "wsr.test"
        return f"<wsr-{self.kind}-{self.period}-{self.recipient}@{domain}>"


class Suppression(models.Model):
    """An address the mail server refused for good: nothing more goes to it until staff
    clear it or the person confirms a new address."""

    email = models.EmailField(_("address"), unique=True)
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self):
        return self.email


class ScheduleRun(models.Model):
    """One run of a schedule (daily, weekly, newsletter, immediate retries): what it planned."""

    schedule = models.CharField(_("schedule"), max_length=20)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    planned = models.PositiveIntegerField(_("planned"), default=0)
    already_done = models.PositiveIntegerField(_("already done"), default=0)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"

    def __str__(self):
        return f"{self.schedule} {self.started_at:%Y-%m-%d %H:%M}"


class OutgoingEmail(models.Model):
    """An email waiting for a worker (issue 16): only its id goes through the broker, so no
    link with a key, and no body, is stored there or written to the logs. Either a template
    and its context, rendered when sent, or an email rendered in the request (allauth's).
    The row is deleted once sent."""

    to = models.JSONField(_("recipients"))
    language = models.CharField(_("language"), max_length=10, blank=True)
    template = models.CharField(_("template"), max_length=200, blank=True)
    context = models.JSONField(_("context"), default=dict, encoder=DjangoJSONEncoder)
    subject = models.TextField(_("subject"), blank=True)
    text = models.TextField(_("text"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    from_email = models.CharField(_("sender"), max_length=254, blank=True)
    headers = models.JSONField(_("headers"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # When the sweep last handed this email to the broker again (its task was lost).
    redispatched_at = models.DateTimeField(_("sent to the workers again"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")

    def __str__(self):
        return f"outgoing email {self.pk}"


class PendingTask(models.Model):
    """A task the broker could not take after a write (issue 18, `wsr.dispatch`): sent when
    the broker is back, then deleted. Its arguments are ids, as every task's are."""

    name = models.CharField(_("task"), max_length=200)
    kwargs = models.JSONField(_("arguments"), default=dict)
    available_at = models.DateTimeField(_("due"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["available_at"], name="pendingtask_due")]
        verbose_name = _("pending task")
        verbose_name_plural = _("pending tasks")

    def __str__(self):
        return self.name
