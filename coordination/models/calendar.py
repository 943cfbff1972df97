"""Dated items of the coordination app that no other record holds (actions, hearings,
shareholder meetings), and each person's secret calendar-feed token."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audience import AudienceQuerySet, HasAudience


class CalendarItem(HasAudience):
    class Kind(models.TextChoices):
        ACTION = "action", _("Action")
        DEADLINE = "deadline", _("Deadline")
        SHAREHOLDER = "shareholder", _("Shareholder meeting")
        HEARING = "hearing", _("Hearing")
        CONVENING = "convening", _("Convening")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    all_day = models.BooleanField(_("all day"), default=False)
    place = models.CharField(_("place or link"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    effort = models.ForeignKey(
        "coordination.Effort", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Added by a member (issue 20): a public audience waits for staff review, kept to
    # members meanwhile (public_requested), so every visibility queryset stays as it is.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    public_requested = models.BooleanField(default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    objects = AudienceQuerySet.as_manager()

    class Meta(HasAudience.Meta):
        ordering = ["starts_at"]

    def __str__(self):
        return self.title


def feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarToken(models.Model):
    """The secret in a person's private iCalendar feed URL; resetting it kills old URLs."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True, default=feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Calendar token of {self.user_id}"
