"""The initiative's answer criterion by criterion, at the right-of-reply stage: a text per
criterion (published beside the criterion on the scorecard, like the overall reply) and files
(kept private: the assessors, staff and the initiative's side see them, never the public)."""

import secrets
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cases import get_private_storage


class CriterionResponse(models.Model):
    assessment = models.ForeignKey(
        "assistance.Assessment", on_delete=models.CASCADE, related_name="criterion_responses"
    )
    criterion = models.ForeignKey(
        "assistance.Criterion", on_delete=models.PROTECT, related_name="responses"
    )
    text = models.TextField(_("your response on this criterion"), blank=True, max_length=6000)
    organization = models.ForeignKey(
        "members.Organization", on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["criterion__sort_order", "criterion__pk"]
        verbose_name = _("response on a criterion")
        verbose_name_plural = _("responses on criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="unique_criterion_response"
            )
        ]

    def __str__(self):
        return f"Response of {self.organization_id} on {self.criterion_id} ({self.assessment_id})"


def response_file_name(instance, filename: str) -> str:
    extension = Path(filename).suffix.lower()[:10]
    return f"responses/{secrets.token_hex(16)}{extension}"


class CriterionResponseFile(models.Model):
    response = models.ForeignKey(CriterionResponse, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(
        storage=get_private_storage, upload_to=response_file_name, max_length=200
    )
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class ReplyReminder(models.Model):
    """A reminder of the reply deadline sent to the initiative's lead organizations: one for
    each number of days before each deadline (a new deadline, after a return to draft, is
    reminded again)."""

    assessment = models.ForeignKey(
        "assistance.Assessment", on_delete=models.CASCADE, related_name="reply_reminders"
    )
    days_before = models.PositiveSmallIntegerField()
    reply_due = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "days_before", "reply_due"], name="unique_reply_reminder"
            )
        ]

    def __str__(self):
        return f"{self.assessment_id}: {self.days_before} days before {self.reply_due}"
