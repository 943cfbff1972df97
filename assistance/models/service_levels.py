"""Service levels by urgency (issue 19, item 2): how soon the working side answers a case,
the holidays that do not count as working days, and each response a case waits for."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .cases import Urgency


class TimeUnit(models.TextChoices):
    HOURS = "hours", _("hours (round the clock)")
    WORKING_DAYS = "working_days", _("working days")


class ServiceLevel(models.Model):
    """One row per urgency: the first-response and next-response targets."""

    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, unique=True)
    first_response = models.PositiveIntegerField(
        _("first response within"), validators=[MinValueValidator(1)]
    )
    first_response_unit = models.CharField(
        _("unit"), max_length=15, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAYS
    )
    next_response = models.PositiveIntegerField(
        _("next response within"), validators=[MinValueValidator(1)]
    )
    next_response_unit = models.CharField(
        _("unit"), max_length=15, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAYS
    )
    warn_percent = models.PositiveSmallIntegerField(
        _("warn when this share of the target is left (%)"),
        default=25,
        validators=[MinValueValidator(0), MaxValueValidator(99)],
    )

    class Meta:
        ordering = ["urgency"]
        verbose_name = _("service level")
        verbose_name_plural = _("service levels")

    def __str__(self):
        return str(Urgency(self.urgency).label)


class Holiday(models.Model):
    """A day that is not a working day (weekends never are)."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name (English)"), max_length=120)
    name_es = models.CharField(_("name (Spanish)"), max_length=120, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self):
        return f"{self.date.isoformat()} {self.localized_name}"

    @property
    def localized_name(self) -> str:
        if (get_language() or "").startswith("es") and self.name_es:
            return self.name_es
        return self.name


class ResponseTarget(models.Model):
    """A response the requester side waits for: the first after the request, the next after
    each reply of theirs. Met when the working side answers (a shared message or a status
    change); warned and escalated at most once each."""

    class Kind(models.TextChoices):
        FIRST = "first", _("first response")
        NEXT = "next", _("next response")

    case = models.ForeignKey(
        "assistance.Case", on_delete=models.CASCADE, related_name="response_targets"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    started_at = models.DateTimeField(_("started"), db_index=True)
    due_at = models.DateTimeField(_("due"), db_index=True)
    # When "about to be missed" begins (due_at less the urgency's warn share).
    warn_at = models.DateTimeField(_("warn from"))
    met_at = models.DateTimeField(_("met"), null=True, blank=True)
    responder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
    )
    # The case's lead at the time (when it started, refreshed when met or escalated): the
    # person the compliance report counts it for.
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lead at the time"),
    )
    warned_at = models.DateTimeField(_("warned"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)

    class Meta:
        ordering = ["started_at", "pk"]
        verbose_name = _("response target")
        verbose_name_plural = _("response targets")
        indexes = [models.Index(fields=["met_at", "due_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.case_id} due {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def is_met_on_time(self) -> bool:
        return self.met_at is not None and self.met_at <= self.due_at
