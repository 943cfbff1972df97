"""The shared registry of companies (buyers and brands) that every app links to:
initiatives' participating buyers, campaign targets, companies named in articles."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from wsr.members.models import unique_slug


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class Company(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, blank=True)
    aliases = models.TextField(
        _("other names"), blank=True, help_text=_("One per line: former names, legal names.")
    )
    headquarters_country = CountryField(_("headquarters country"), blank=True)
    sectors = models.ManyToManyField(
        "members.Sector", verbose_name=_("sectors"), blank=True, related_name="companies"
    )
    brands = models.TextField(_("brands"), blank=True, help_text=_("One per line."))
    website = models.URLField(_("website"), blank=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Invented for the demo site.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], related_name="+")

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Company, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("companies:company-detail", kwargs={"slug": self.slug})

    @property
    def alias_list(self) -> list[str]:
        return _lines(self.aliases)

    @property
    def brand_list(self) -> list[str]:
        return _lines(self.brands)


class VoluntaryScheme(models.Model):
    """A managed list of the voluntary schemes companies cite: codes of conduct, social-audit
    programs, certifications. What a company claims, beside what binds it."""

    class Kind(models.TextChoices):
        CODE = "code", _("Code of conduct")
        AUDIT = "audit", _("Social-audit program")
        CERTIFICATION = "certification", _("Certification")
        PLEDGE = "pledge", _("Pledge or initiative")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("voluntary scheme")
        verbose_name_plural = _("voluntary schemes")

    def __str__(self):
        return self.name


class CompanyClaimQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A claim whose source is public is public; the others are for staff."""
        from wsr.members.roles import is_staff

        if user is not None and is_staff(user):
            return self.all()
        return self.filter(source_is_public=True)


class CompanyClaim(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="claims")
    scheme = models.ForeignKey(VoluntaryScheme, on_delete=models.PROTECT, related_name="claims")
    statement = models.CharField(_("what the company says"), max_length=400, blank=True)
    source_title = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source link"), blank=True, max_length=500)
    source_is_public = models.BooleanField(_("the source is public"), default=True)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)

    objects = CompanyClaimQuerySet.as_manager()

    class Meta:
        ordering = ["scheme__name"]
        constraints = [
            models.UniqueConstraint(fields=["company", "scheme"], name="unique_company_claim")
        ]

    def __str__(self):
        return f"{self.company} cites {self.scheme}"
