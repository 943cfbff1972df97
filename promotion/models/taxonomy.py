"""Topics and authors of what the Collaborative publishes (snippets, shared by articles and
publications)."""

from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


class Topic(models.Model):
    name = models.CharField(_("name (English)"), max_length=80)
    name_es = models.CharField(_("name (Spanish)"), max_length=80, blank=True)
    slug = models.SlugField(unique=True)

    panels = [FieldPanel("name"), FieldPanel("name_es"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")

    def __str__(self):
        return self.name_es if get_language() == "es" and self.name_es else self.name


class Author(index.Indexed, models.Model):
    """A person or an organization that signs articles and publications."""

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(max_length=180, unique=True, blank=True)
    is_organization = models.BooleanField(_("an organization"), default=False)
    organization = models.ForeignKey(
        "members.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("member organization"),
    )
    role = models.CharField(_("role or affiliation"), max_length=200, blank=True)
    bio = models.TextField(_("short biography"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("is_organization"),
        FieldPanel("organization"),
        FieldPanel("role"),
        FieldPanel("bio"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:180] or "author"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("promotion:author", kwargs={"slug": self.slug})


register_snippet(Topic)
register_snippet(Author)
