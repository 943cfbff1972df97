"""The shared registry of companies (buyers and brands) that every app links to:
initiatives' participating buyers, campaign targets, companies named in articles."""

from django.db import models
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

    @property
    def alias_list(self) -> list[str]:
        return _lines(self.aliases)

    @property
    def brand_list(self) -> list[str]:
        return _lines(self.brands)
