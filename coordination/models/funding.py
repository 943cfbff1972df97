"""Funding streams: funders and their opportunities (for members), and the staff-only
pipeline of applications with deadline reminders."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from .audience import AudienceQuerySet, HasAudience


class Currency(models.TextChoices):
    # The currencies funders here grant in; a full ISO 4217 list is a dependency for a
    # handful of values (the registry's figures make the same choice).
    USD = "USD", "USD"
    EUR = "EUR", "EUR"
    GBP = "GBP", "GBP"
    CAD = "CAD", "CAD"
    MXN = "MXN", "MXN"


class Funder(HasAudience):
    class Kind(models.TextChoices):
        FOUNDATION = "foundation", _("Foundation")
        GOVERNMENT = "government", _("Government")
        DAF = "daf", _("Donor-advised fund")
        INDIVIDUAL = "individual", _("Individual")
        CORPORATE = "corporate", _("Corporate")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_demo = models.BooleanField(default=False)

    objects = AudienceQuerySet.as_manager()

    class Meta(HasAudience.Meta):
        ordering = ["name"]

    def __str__(self):
        return self.name


class FundingOpportunity(HasAudience):
    funder = models.ForeignKey(Funder, on_delete=models.CASCADE, related_name="opportunities")
    program = models.CharField(_("program"), max_length=200)
    amount_min = models.DecimalField(
        _("from"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    amount_max = models.DecimalField(
        _("to"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default="USD"
    )
    deadline = models.DateField(_("deadline"), db_index=True)
    eligibility = models.TextField(_("eligibility"), blank=True)
    sectors = models.ManyToManyField("members.Sector", blank=True, verbose_name=_("sectors"))
    countries = CountryField(_("countries"), multiple=True, blank=True)
    link = models.URLField(_("link"), blank=True)
    is_demo = models.BooleanField(default=False)

    objects = AudienceQuerySet.as_manager()

    class Meta(HasAudience.Meta):
        ordering = ["deadline"]
        verbose_name_plural = _("funding opportunities")
        constraints = [
            *HasAudience.Meta.constraints,
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True)
                | Q(amount_max__isnull=True)
                | Q(amount_min__lte=models.F("amount_max")),
                name="funding_amount_range",
            ),
        ]

    def __str__(self):
        return f"{self.funder}: {self.program}"

    def get_absolute_url(self):
        return reverse("coordination:funding-list") + f"#funding-{self.pk}"


class FundingApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Funder relations are staff business, whatever else a member may see."""
        from wsr.members.roles import is_staff

        return self.all() if user is not None and is_staff(user) else self.none()


class FundingApplication(models.Model):
    class Status(models.TextChoices):
        PROSPECT = "prospect", _("Prospect")
        DRAFTING = "drafting", _("Drafting")
        SUBMITTED = "submitted", _("Submitted")
        AWARDED = "awarded", _("Awarded")
        DECLINED = "declined", _("Declined")
        REPORTING = "reporting", _("Reporting")

    funder = models.ForeignKey(Funder, on_delete=models.PROTECT, related_name="applications")
    opportunity = models.ForeignKey(
        FundingOpportunity,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    title = models.CharField(_("title"), max_length=200)
    # Empty only when the owner deleted their account and no staff could take it over.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="funding_applications",
        limit_choices_to={"is_staff": True},
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROSPECT
    )
    amount_asked = models.DecimalField(
        _("amount asked"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    amount_awarded = models.DecimalField(
        _("amount awarded"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default="USD"
    )
    deadline = models.DateField(_("next deadline"), null=True, blank=True, db_index=True)
    deadline_note = models.CharField(_("what is due"), max_length=200, blank=True)
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(related_name="+", excluded_fields=["updated_at"])
    objects = FundingApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "title"]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.DECLINED,)
