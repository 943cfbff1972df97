"""Efforts (campaigns and programs that member organizations run), their target companies,
followers, and the short updates members post to them."""

import secrets
from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from wsr.members.models import unique_slug
from wsr.site.storage import private_storage

from .audience import AudienceQuerySet, HasAudience, reach_q

_update_storage = private_storage("coordination")


def get_update_storage():
    """A callable, so migrations name it rather than freeze a path."""
    return _update_storage


class Effort(HasAudience):
    class Kind(models.TextChoices):
        CAMPAIGN = "campaign", _("Campaign")
        PROGRAM = "program", _("Program")

    class Status(models.TextChoices):
        PLANNING = "planning", _("Planning")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        WON = "won", _("Won")
        ENDED = "ended", _("Ended")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CAMPAIGN)
    summary = models.TextField(_("summary"), blank=True, max_length=4000)
    lead_organizations = models.ManyToManyField(
        "members.Organization", related_name="efforts_led", verbose_name=_("lead organizations")
    )
    partners = models.ManyToManyField(
        "members.Organization",
        related_name="efforts_joined",
        blank=True,
        verbose_name=_("partners"),
    )
    sectors = models.ManyToManyField("members.Sector", blank=True, verbose_name=_("sectors"))
    countries = CountryField(_("countries"), multiple=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    # Empty only when the owner deleted their account and nobody could take it over.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="efforts_owned",
        verbose_name=_("owner"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(default=False)

    history = HistoricalRecords(related_name="+")
    objects = AudienceQuerySet.as_manager()

    class Meta(HasAudience.Meta):
        ordering = ["name"]
        verbose_name = _("effort")
        verbose_name_plural = _("efforts")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Effort, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("coordination:effort-detail", kwargs={"slug": self.slug})


class EffortTarget(models.Model):
    effort = models.ForeignKey(Effort, on_delete=models.CASCADE, related_name="targets")
    company = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="targeted_by"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["company__name"]
        constraints = [
            models.UniqueConstraint(fields=["effort", "company"], name="unique_effort_target")
        ]

    def __str__(self):
        return f"{self.effort} → {self.company}"


class EffortFollow(models.Model):
    effort = models.ForeignKey(Effort, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="effort_follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["effort", "user"], name="unique_effort_follow")
        ]

    def __str__(self):
        return f"{self.user_id} follows {self.effort_id}"


class UpdateQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An update is seen by whoever may see its effort."""
        return self.filter(reach_q(user, prefix="effort__"))


def update_file_name(instance, filename: str) -> str:
    extension = Path(filename).suffix.lower()[:10]
    return f"coordination/{instance.effort_id}/{secrets.token_hex(16)}{extension}"


class Update(models.Model):
    class Ask(models.TextChoices):
        NONE = "", _("No ask")
        HELP = "help", _("Help wanted")
        EXPERTISE = "expertise", _("Expertise needed")
        DATE = "date", _("A date to hold")

    effort = models.ForeignKey(Effort, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("update"), max_length=4000)
    links = models.TextField(_("links"), blank=True, help_text=_("One per line."))
    attachment = models.FileField(
        _("attachment"),
        storage=get_update_storage,
        upload_to=update_file_name,
        blank=True,
        max_length=200,
    )
    attachment_name = models.CharField(max_length=255, blank=True)
    ask = models.CharField(_("ask"), max_length=10, choices=Ask.choices, blank=True)
    ask_detail = models.CharField(_("what you ask"), max_length=300, blank=True)
    ask_date = models.DateField(_("date to hold"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Set when the author changes it: readers see "edited" (issue 20).
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = UpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["effort", "-created_at"]),
            # the feed walks this backwards and stops after a page
            models.Index(fields=["-created_at", "-id"], name="update_feed_idx"),
        ]

    def __str__(self):
        return f"Update {self.pk} on {self.effort_id}"

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class FeedVisit(models.Model):
    """When a person last read the coordination feed: what came after is "new"."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_visit"
    )
    seen_at = models.DateTimeField()

    def __str__(self):
        return f"{self.user_id} read the feed at {self.seen_at}"
