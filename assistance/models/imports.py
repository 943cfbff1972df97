"""A large enforcement-figures CSV imported in the background (issue 18): the upload waits in
private storage, a task on the `heavy` queue checks every row and saves all of them or none,
and the person who sent it follows its progress on a page of its own."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsr.site.storage import private_storage

import_storage = private_storage("imports")


def get_import_storage():
    """A callable, so migrations name it rather than freeze a path."""
    return import_storage


def import_file_name(instance, filename: str) -> str:
    return f"figures/{secrets.token_hex(16)}.csv"


class ReportImport(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting to start")
        RUNNING = "running", _("Checking the rows")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")

    initiative = models.ForeignKey(
        "assistance.Initiative", on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Emptied once the import has finished: the figures are in the database by then.
    file = models.FileField(
        storage=get_import_storage, upload_to=import_file_name, max_length=200, blank=True
    )
    # The sender's language: the task writes its messages in it.
    language = models.CharField(max_length=10)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    saved = models.PositiveIntegerField(default=0)
    # What was wrong, row by row, in the sender's language.
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        indexes = [models.Index(fields=["created_by", "-created_at"])]

    def __str__(self):
        return f"Figures import {self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0
