"""Who read which confidential record, and when (issue 16): cases (page, history, files),
confidential assessment evidence and unpublished assessments. One cheap row per read, kept
for ASSISTANCE_ACCESS_LOG_DAYS and then pruned (`assistance.tasks.prune_access_records`)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessRecord(models.Model):
    class Kind(models.TextChoices):
        CASE = "case", _("Case page")
        CASE_HISTORY = "case_history", _("Case history")
        CASE_FILE = "case_file", _("Case file")
        ASSESSMENT = "assessment", _("Unpublished assessment")
        EVIDENCE_FILE = "evidence_file", _("Confidential evidence file")

    # Explicit keys rather than a generic relation: the two records logged are known, the
    # log of one record is one indexed query, and a deleted case takes its log with it.
    case = models.ForeignKey(
        "assistance.Case",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="access_records",
    )
    assessment = models.ForeignKey(
        "assistance.Assessment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="access_records",
    )
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    # The file or evidence read (its id only: a file's name may identify people).
    object_id = models.PositiveIntegerField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who"),
    )
    view_name = models.CharField(_("from which view"), max_length=80)
    accessed_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-accessed_at", "-pk"]
        verbose_name = _("access record")
        verbose_name_plural = _("access log")
        constraints = [
            models.CheckConstraint(
                condition=Q(case__isnull=False, assessment__isnull=True)
                | Q(case__isnull=True, assessment__isnull=False),
                name="access_record_one_target",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.accessed_at:%Y-%m-%d %H:%M}"
