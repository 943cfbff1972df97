"""The assessment framework as data: versions of criteria, each scored 0 to 3, and a
determination rule carried by the criteria themselves. A published version never changes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from wsr.members import roles


class Score(models.IntegerChoices):
    ABSENT = 0, _("0 · Absent")
    WEAK = 1, _("1 · Weak")
    PARTIAL = 2, _("2 · Partial")
    STRONG = 3, _("3 · Strong")


class Determination(models.TextChoices):
    MEETS = "meets", _("Meets the WSR criteria")
    PARTLY = "partly", _("Partly meets the WSR criteria")
    DOES_NOT = "does_not", _("Does not meet the WSR criteria")


def _localized(obj, field: str) -> str:
    if get_language() == "es":
        return getattr(obj, f"{field}_es", "") or getattr(obj, field)
    return getattr(obj, field)


class PublishedVersionError(ValidationError):
    pass


class FrameworkVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def current(self):
        """The newest published version: new assessments are made with it."""
        return self.published().order_by("-number").first()

    def visible_to(self, user):
        """Published versions to everyone; drafts (being revised) to staff as well."""
        if roles.is_staff(user):
            return self.all()
        return self.published()


class FrameworkVersion(ClusterableModel):
    number = models.PositiveSmallIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200, default="WSR assessment framework")
    title_es = models.CharField(
        _("title (Spanish)"), max_length=200, blank=True, default="Marco de evaluación de WSR"
    )
    change_note = models.TextField(
        _("what changed"), blank=True, help_text=_("Shown with every scorecard made with it.")
    )
    change_note_es = models.TextField(_("what changed (Spanish)"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = FrameworkVersionQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("title"), FieldPanel("title_es")]),
        FieldPanel("change_note"),
        FieldPanel("change_note_es"),
        InlinePanel("criteria", heading=_("Criteria"), label=_("criterion"), min_num=1),
    ]

    class Meta:
        ordering = ["-number"]
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")

    def __str__(self):
        return f"{self.display_title} v{self.number}"

    @property
    def display_title(self) -> str:
        return _localized(self, "title")

    @property
    def display_change_note(self) -> str:
        return _localized(self, "change_note")

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def save(self, *args, **kwargs):
        if self.pk and FrameworkVersion.objects.filter(pk=self.pk).published().exists():
            raise PublishedVersionError(_("A published framework version never changes."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_published:
            raise PublishedVersionError(_("A published framework version is never deleted."))
        return super().delete(*args, **kwargs)


class Criterion(Orderable):
    """A principle to score. The determination rule is its two thresholds: an initiative
    meets the criteria when every criterion reaches `min_to_meet`; it partly meets them when
    every criterion with a `min_to_partly_meet` reaches that (and not all reach the first)."""

    version = ParentalKey(FrameworkVersion, on_delete=models.CASCADE, related_name="criteria")
    key = models.SlugField(
        _("key"), max_length=60, help_text=_("Stable across versions: used to compare scores.")
    )
    name = models.CharField(_("name (English)"), max_length=160)
    name_es = models.CharField(_("name (Spanish)"), max_length=160, blank=True)
    description = models.TextField(_("description (English)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    indicators = models.TextField(
        _("indicators (English)"), blank=True, help_text=_("One per line.")
    )
    indicators_es = models.TextField(_("indicators (Spanish)"), blank=True)
    guidance_absent = models.TextField(_("what scores 0 (absent)"), blank=True)
    guidance_weak = models.TextField(_("what scores 1 (weak)"), blank=True)
    guidance_partial = models.TextField(_("what scores 2 (partial)"), blank=True)
    guidance_strong = models.TextField(_("what scores 3 (strong)"), blank=True)
    guidance_absent_es = models.TextField(_("what scores 0 (absent), in Spanish"), blank=True)
    guidance_weak_es = models.TextField(_("what scores 1 (weak), in Spanish"), blank=True)
    guidance_partial_es = models.TextField(_("what scores 2 (partial), in Spanish"), blank=True)
    guidance_strong_es = models.TextField(_("what scores 3 (strong), in Spanish"), blank=True)
    min_to_meet = models.PositiveSmallIntegerField(
        _("minimum score to meet the criteria"), choices=Score.choices, default=Score.PARTIAL
    )
    min_to_partly_meet = models.PositiveSmallIntegerField(
        _("minimum score to partly meet them"),
        choices=Score.choices,
        null=True,
        blank=True,
        help_text=_("Leave empty when this criterion does not decide 'partly meets'."),
    )

    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("name"), FieldPanel("name_es")]),
        FieldPanel("description"),
        FieldPanel("description_es"),
        FieldPanel("indicators"),
        FieldPanel("indicators_es"),
        MultiFieldPanel(
            [
                FieldPanel("guidance_absent"),
                FieldPanel("guidance_weak"),
                FieldPanel("guidance_partial"),
                FieldPanel("guidance_strong"),
            ],
            heading=_("Scoring guidance"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("guidance_absent_es"),
                FieldPanel("guidance_weak_es"),
                FieldPanel("guidance_partial_es"),
                FieldPanel("guidance_strong_es"),
            ],
            heading=_("Scoring guidance in Spanish"),
        ),
        FieldRowPanel([FieldPanel("min_to_meet"), FieldPanel("min_to_partly_meet")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="unique_criterion_key")
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return _localized(self, "name")

    @property
    def display_description(self) -> str:
        return _localized(self, "description")

    @property
    def indicator_list(self) -> list[str]:
        return [
            line.strip() for line in _localized(self, "indicators").splitlines() if line.strip()
        ]

    @property
    def guidance(self) -> list[tuple[int, str, str]]:
        texts = tuple(
            _localized(self, f"guidance_{level}")
            for level in ("absent", "weak", "partial", "strong")
        )
        return [(score.value, score.label, text) for score, text in zip(Score, texts, strict=True)]

    def _version_is_published(self) -> bool:
        return FrameworkVersion.objects.filter(pk=self.version_id).published().exists()

    def save(self, *args, **kwargs):
        if self.version_id and self._version_is_published():
            raise PublishedVersionError(_("A published framework version never changes."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._version_is_published():
            raise PublishedVersionError(_("A published framework version never changes."))
        return super().delete(*args, **kwargs)


def determine(criteria, scores: dict) -> str | None:
    """The determination the version's rule gives `scores` ({criterion key: 0..3}), or None
    while any criterion is unscored."""
    if any(scores.get(c.key) is None for c in criteria):
        return None
    if all(scores[c.key] >= c.min_to_meet for c in criteria):
        return Determination.MEETS
    deciding = [c for c in criteria if c.min_to_partly_meet is not None]
    if deciding and all(scores[c.key] >= c.min_to_partly_meet for c in deciding):
        return Determination.PARTLY
    return Determination.DOES_NOT
