"""Who is coming to a meeting (issue 20): one answer per person, changeable until it ends."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MeetingResponse(models.Model):
    class Answer(models.TextChoices):
        YES = "yes", _("Yes, I will attend")
        MAYBE = "maybe", _("Maybe")
        NO = "no", _("No, I cannot attend")

    meeting = models.ForeignKey(
        "coordination.Meeting", on_delete=models.CASCADE, related_name="responses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_responses"
    )
    answer = models.CharField(_("answer"), max_length=5, choices=Answer.choices)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_response_per_person")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.meeting_id}: {self.answer}"

    @property
    def is_attending(self) -> bool:
        """Yes or maybe: reminded, and shown a public meeting's online link."""
        return self.answer in (self.Answer.YES, self.Answer.MAYBE)
