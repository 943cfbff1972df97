"""Complaint categories and outcomes of enforcement figures (issue 19): a list staff manage in
the Wagtail admin (like the Fair Food Standards Council's reports give them), and per report
how many complaints fell in each."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Codes become column names of the figures' CSV and spreadsheet (complaints_<code>,
# outcome_<code>): lower-case letters, digits and underscores.
CODE_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
# complaints_received and complaints_resolved are columns already.
RESERVED_CODES = ("received", "resolved")
RESERVED_MESSAGE = _(
    "The codes “received” and “resolved” are taken: the files have the columns "
    "complaints_received and complaints_resolved already. Choose another code."
)


def code_not_reserved(value: str) -> None:
    """On the code field, so the admin's form names the field (the check constraint says
    the same to the database)."""
    if value in RESERVED_CODES:
        raise ValidationError(RESERVED_MESSAGE, code="reserved")


class ComplaintCategoryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def ordered(self):
        return self.order_by("kind", "sort_order", "code")


class ComplaintCategory(models.Model):
    class Kind(models.TextChoices):
        CATEGORY = "category", _("Complaint category")
        OUTCOME = "outcome", _("Complaint outcome")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    code = models.CharField(
        _("code"),
        max_length=40,
        validators=[
            RegexValidator(
                CODE_PATTERN,
                _("Lower-case letters, digits and underscores, starting with a letter."),
            ),
            code_not_reserved,
        ],
        help_text=_(
            "Stable: it names the column of the CSV and spreadsheet files "
            "(complaints_<code> or outcome_<code>). Do not change it once figures use it."
        ),
    )
    name_en = models.CharField(_("name in English"), max_length=120)
    name_es = models.CharField(_("name in Spanish"), max_length=120, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive ones stay on figures already reported but are not offered."),
    )

    objects = ComplaintCategoryQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "sort_order", "code"]
        verbose_name = _("complaint category or outcome")
        verbose_name_plural = _("complaint categories and outcomes")
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="unique_complaint_category"),
            models.CheckConstraint(
                condition=~models.Q(code__in=RESERVED_CODES),
                name="complaint_code_not_reserved",
                violation_error_message=RESERVED_MESSAGE,
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name}"

    @property
    def name(self) -> str:
        """The name in the reader's language (English where no Spanish is given)."""
        if (get_language() or "en").startswith("es") and self.name_es:
            return self.name_es
        return self.name_en

    @property
    def column(self) -> str:
        prefix = "complaints" if self.kind == self.Kind.CATEGORY else "outcome"
        return f"{prefix}_{self.code}"


class ComplaintCount(models.Model):
    report = models.ForeignKey(
        "assistance.EnforcementReport", on_delete=models.CASCADE, related_name="complaint_counts"
    )
    category = models.ForeignKey(ComplaintCategory, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(_("complaints"))

    class Meta:
        ordering = ["category__kind", "category__sort_order", "category__code"]
        verbose_name = _("complaint count")
        verbose_name_plural = _("complaint counts")
        constraints = [
            models.UniqueConstraint(fields=["report", "category"], name="unique_complaint_count")
        ]

    def __str__(self):
        return f"{self.category.code}: {self.count}"
