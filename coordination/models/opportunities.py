"""The opportunity map: places and sectors where the worker-driven model could grow."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from .audience import AudienceQuerySet, HasAudience


class Region(models.TextChoices):
    NORTH_AMERICA = "north_america", _("North America")
    LATIN_AMERICA = "latin_america", _("Latin America and the Caribbean")
    EUROPE = "europe", _("Europe")
    AFRICA = "africa", _("Africa")
    MIDDLE_EAST = "middle_east", _("Middle East")
    SOUTH_ASIA = "south_asia", _("South Asia")
    EAST_ASIA = "east_asia", _("East and Southeast Asia")
    OCEANIA = "oceania", _("Oceania")


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    RESEARCH = "research", _("Research")
    ORGANIZING = "organizing", _("Organizing")
    NEGOTIATING = "negotiating", _("Negotiating")
    WON = "won", _("Agreement won")
    DORMANT = "dormant", _("Dormant")


class Opportunity(HasAudience):
    title = models.CharField(_("title"), max_length=200)
    sector = models.ForeignKey(
        "members.Sector", on_delete=models.PROTECT, related_name="+", verbose_name=_("sector")
    )
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("A state, a district, a port…")
    )
    supply_chain = models.TextField(_("supply chain"), blank=True, max_length=6000)
    worker_organizations = models.ManyToManyField(
        "members.Organization",
        blank=True,
        related_name="opportunities",
        verbose_name=_("worker organizations active there"),
    )
    buyers = models.ManyToManyField(
        "companies.Company",
        blank=True,
        related_name="opportunities",
        verbose_name=_("buyers that source from it"),
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.IDEA)
    # Empty only when the owner deleted their account and nobody could take it over.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="opportunities_owned",
        verbose_name=_("owner"),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Proposed by a member for the public (issue 20): kept to members until staff approve.
    public_requested = models.BooleanField(default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    history = HistoricalRecords(related_name="+", excluded_fields=["updated_at"])
    objects = AudienceQuerySet.as_manager()

    class Meta(HasAudience.Meta):
        ordering = ["title"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        indexes = [models.Index(fields=["audience", "stage"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("coordination:opportunity-detail", kwargs={"pk": self.pk})
