"""A staff member's saved views of the queue: filters and a search under a name (issue 19)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SavedQueueView(models.Model):
    """The query string of a queue (checked through `CaseQueueFilter` when saved), kept
    for one person: nobody else sees, renames or deletes it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_queue_views",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(_("filters and search"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("saved queue view")
        verbose_name_plural = _("saved queue views")
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_queue_view_unique_name")
        ]

    def __str__(self):
        return self.name
