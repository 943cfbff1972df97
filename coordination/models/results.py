"""Follow-through of decisions (issue 20, like Decidim's accountability component): an
adopted proposal becomes one or more tracked results, each with an owner from the group, a
status, a progress figure and dated progress updates."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audience import reach_q
from .groups import Proposal


class ResultQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A result is seen by whoever may see its proposal."""
        return self.filter(reach_q(user, prefix="proposal__"))


class Result(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    # "results" is taken on Proposal (when the vote's tally is shown).
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="tracked_results")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description (Markdown)"), blank=True, max_length=8000)
    # Empty when the owner left and nobody took it over yet.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordination_results_owned",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="coordination_result_progress_max"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("coordination:result-detail", kwargs={"pk": self.pk})


class ResultUpdate(models.Model):
    """A dated note on a result's progress; `status` and `progress` hold the values it set
    (empty / None when it left them as they were)."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("progress update (Markdown)"), max_length=4000)
    text_html = models.TextField(editable=False)  # rendered and sanitized once, with nh3
    status = models.CharField(
        _("new status"), max_length=12, choices=Result.Status.choices, blank=True
    )
    progress = models.PositiveSmallIntegerField(_("new progress (%)"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Update {self.pk} on result {self.result_id}"
