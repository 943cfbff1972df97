"""The registry of initiatives that call themselves (or may be) worker-driven, their
assessments against the framework, and the enforcement figures they report."""

import secrets
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from wsr.members import roles
from wsr.members.models import unique_slug

from .cases import get_private_storage
from .frameworks import Determination, FrameworkVersion, Score, determine


class InitiativeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Listed initiatives to everyone; unlisted ones (being prepared) to staff."""
        if roles.is_staff(user):
            return self.all()
        return self.filter(is_listed=True)


class Initiative(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, blank=True)
    lead_organizations = models.ManyToManyField(
        "members.Organization",
        verbose_name=_("lead worker organizations"),
        related_name="initiatives_led",
        help_text=_("They see draft assessments at the right-of-reply stage and report figures."),
    )
    participating_organizations = models.ManyToManyField(
        "members.Organization",
        verbose_name=_("other participating organizations"),
        related_name="initiatives_joined",
        blank=True,
    )
    sectors = models.ManyToManyField("members.Sector", verbose_name=_("sectors"), blank=True)
    countries = CountryField(_("countries"), multiple=True, blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, validators=[MinValueValidator(1900)]
    )
    buyers_count = models.PositiveIntegerField(_("participating buyers"), null=True, blank=True)
    workers_covered = models.PositiveIntegerField(_("workers covered"), null=True, blank=True)
    has_binding_agreements = models.BooleanField(_("binding agreements with buyers"), default=False)
    calls_itself_wsr = models.BooleanField(_("calls itself worker-driven (WSR)"), default=False)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description (English)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    is_listed = models.BooleanField(
        _("listed in the public registry"),
        default=True,
        help_text=_("Unlisted initiatives are seen by staff only."),
    )
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Figures were invented for the demo site.")
    )
    # Kept by assessment_publish: the registry filters on it without a join per row.
    determination = models.CharField(
        _("determination"), max_length=10, choices=Determination.choices, blank=True, editable=False
    )
    latest_assessment = models.ForeignKey(
        "Assessment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], related_name="+")
    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Initiative, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("assistance:initiative-detail", kwargs={"slug": self.slug})

    def organizations(self):
        """Its lead and participating organizations: their people never assess it."""
        from wsr.members.models import Organization

        leading = Initiative.lead_organizations.through.objects.filter(initiative_id=self.pk)
        joined = Initiative.participating_organizations.through.objects.filter(
            initiative_id=self.pk
        )
        return Organization.objects.filter(
            Q(pk__in=leading.values("organization_id")) | Q(pk__in=joined.values("organization_id"))
        )

    @property
    def display_description(self) -> str:
        if get_language() == "es" and self.description_es:
            return self.description_es
        return self.description


class InitiativeBuyer(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="buyers")
    company = models.ForeignKey(
        "companies.Company", on_delete=models.PROTECT, related_name="initiative_memberships"
    )
    joined_year = models.PositiveSmallIntegerField(_("joined in"), null=True, blank=True)
    is_public = models.BooleanField(
        _("name is public"),
        default=True,
        help_text=_("Some agreements keep a buyer's name confidential: it is then only counted."),
    )

    class Meta:
        ordering = ["company__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "company"], name="unique_initiative_buyer"
            )
        ]

    def __str__(self):
        return f"{self.company} in {self.initiative}"


class Stage(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    REPLY = "reply", _("Right of reply")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


# The only moves; services refuse any other. A return to draft always needs a note.
STAGE_MOVES: dict[str, tuple[str, ...]] = {
    Stage.DRAFT: (Stage.REVIEW,),
    Stage.REVIEW: (Stage.REPLY, Stage.DRAFT),
    Stage.REPLY: (Stage.APPROVED, Stage.DRAFT),
    Stage.APPROVED: (Stage.PUBLISHED, Stage.DRAFT),
    Stage.PUBLISHED: (),
}


class AssessmentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(stage=Stage.PUBLISHED, initiative__is_listed=True)

    def visible_to(self, user):
        """Published scorecards to everyone; drafts and reviews to their assessors and staff;
        the right-of-reply stage also to the people of the initiative's lead organizations."""
        if not roles.is_signed_in(user):
            return self.published()
        if roles.is_staff(user):
            return self.all()
        from wsr.members.models import Affiliation

        assessing = AssessmentAssignment.objects.filter(person=user).values("assessment_id")
        my_orgs = Affiliation.objects.filter(user=user).values("organization_id")
        replying = Initiative.lead_organizations.through.objects.filter(
            organization_id__in=my_orgs
        ).values("initiative_id")
        return self.filter(
            Q(stage=Stage.PUBLISHED, initiative__is_listed=True)
            | Q(pk__in=assessing)
            | Q(stage=Stage.REPLY, initiative_id__in=replying)
        )


class Assessment(models.Model):
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("initiative"),
    )
    version = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("framework version"),
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.DRAFT)
    summary = models.TextField(_("summary for the scorecard"), blank=True, max_length=4000)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    reply_due = models.DateField(_("reply due"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    override = models.CharField(
        _("determination override"), max_length=10, choices=Determination.choices, blank=True
    )
    override_reason = models.TextField(_("reason for the override"), blank=True, max_length=4000)
    # Fixed at publication: the scorecard shows what was decided, whatever happens later.
    determination = models.CharField(
        _("determination"), max_length=10, choices=Determination.choices, blank=True
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at"], related_name="+", cascade_delete_history=True
    )
    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        indexes = [models.Index(fields=["initiative", "stage", "published_at"])]

    def __str__(self):
        return f"{self.initiative} ({self.version}, {self.get_stage_display()})"

    def get_absolute_url(self):
        return reverse("assistance:assessment-detail", kwargs={"pk": self.pk})

    def get_scorecard_url(self):
        return reverse("assistance:scorecard", kwargs={"slug": self.initiative.slug, "pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.stage == Stage.DRAFT

    def computed_determination(self, scores=None) -> str | None:
        """What the version's rule gives for the current scores (None if any is missing)."""
        scores = list(scores if scores is not None else self.scores.select_related("criterion"))
        return determine([s.criterion for s in scores], {s.criterion.key: s.score for s in scores})

    def final_determination(self, scores=None) -> str | None:
        if self.determination:
            return self.determination
        return self.override or self.computed_determination(scores)


class AssessmentAssignment(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="assignments")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    # The assessor's declaration of interests, made before the evidence opens to them; a
    # declared conflict takes them off the work (assistance.permissions).
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    has_conflict = models.BooleanField(_("declared a conflict of interest"), default=False)
    conflict = models.TextField(_("the conflict declared"), blank=True, max_length=2000)

    class Meta:
        ordering = ["assigned_at"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "person"], name="unique_assessor")
        ]

    def __str__(self):
        return f"{self.person} on {self.assessment_id}"


class CriterionScore(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        "assistance.Criterion", on_delete=models.PROTECT, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(
        _("score"),
        choices=Score.choices,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(3)],
    )
    rationale = models.TextField(_("rationale"), blank=True, max_length=6000)
    # What the initiative could do to score higher; published with the scorecard.
    recommendation = models.TextField(
        _("recommendation for improvement"), blank=True, max_length=4000
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(related_name="+", cascade_delete_history=True)

    class Meta:
        ordering = ["criterion__sort_order", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="unique_score"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=3),
                name="score_in_scale",
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"


def evidence_file_name(instance, filename: str) -> str:
    extension = Path(filename).suffix.lower()[:10]
    return f"assessments/{instance.assessment_id}/{secrets.token_hex(16)}{extension}"


class Evidence(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        LINK = "link", _("Link")
        INTERVIEW = "interview", _("Interview notes")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(
        "assistance.Criterion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("criterion"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), blank=True, max_length=500)
    file = models.FileField(
        storage=get_private_storage, upload_to=evidence_file_name, max_length=200, blank=True
    )
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=10000)
    is_confidential = models.BooleanField(
        _("confidential"),
        default=True,
        help_text=_("Confidential evidence is seen by assessors and staff only, never published."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name_plural = _("evidence")
        constraints = [
            # Interview notes may name workers: they are confidential, always.
            models.CheckConstraint(
                condition=~Q(kind="interview") | Q(is_confidential=True),
                name="interview_notes_confidential",
            )
        ]

    def __str__(self):
        return self.title


class AssessmentEvent(models.Model):
    """The assessment's trail: each stage move, with who and why."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")
    stage = models.CharField(max_length=10, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.assessment_id} → {self.stage}"


class InitiativeReply(models.Model):
    """The lead organization's response, published with the scorecard."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="reply")
    organization = models.ForeignKey(
        "members.Organization", on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("your response"), max_length=8000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords(related_name="+", cascade_delete_history=True)

    def __str__(self):
        return f"Reply of {self.organization} on {self.assessment_id}"


class Currency(models.TextChoices):
    # The currencies the member initiatives pay premiums in; a full ISO 4217 list is a
    # dependency (django-money, babel) for a field that holds a handful of values.
    USD = "USD", "USD"
    EUR = "EUR", "EUR"
    GBP = "GBP", "GBP"
    BDT = "BDT", "BDT"
    PKR = "PKR", "PKR"
    INR = "INR", "INR"
    MXN = "MXN", "MXN"
    THB = "THB", "THB"
    QAR = "QAR", "QAR"


class EnforcementReportQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=EnforcementReport.Status.VERIFIED, initiative__is_listed=True)

    def visible_to(self, user):
        """Verified figures to everyone; submitted ones to the lead organizations and staff."""
        if not roles.is_signed_in(user):
            return self.verified()
        if roles.is_staff(user):
            return self.all()
        from wsr.members.models import Affiliation

        my_orgs = Affiliation.objects.filter(user=user).values("organization_id")
        reporting = Initiative.lead_organizations.through.objects.filter(
            organization_id__in=my_orgs
        ).values("initiative_id")
        return self.filter(
            Q(status=EnforcementReport.Status.VERIFIED, initiative__is_listed=True)
            | Q(initiative_id__in=reporting)
        )


class EnforcementReport(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Returned for correction")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="enforcement_reports"
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    workers_covered = models.PositiveIntegerField(_("workers covered"))
    complaints_received = models.PositiveIntegerField(_("complaints received"))
    complaints_resolved = models.PositiveIntegerField(_("complaints resolved"))
    median_days_to_resolution = models.DecimalField(
        _("median days to resolution"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    audits = models.PositiveIntegerField(_("audits or inspections"))
    suppliers_suspended = models.PositiveIntegerField(_("suppliers suspended"))
    suppliers_corrective_action = models.PositiveIntegerField(
        _("suppliers under corrective action")
    )
    premium_paid = models.DecimalField(
        _("premium paid to workers"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    premium_currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, blank=True
    )
    education_sessions = models.PositiveIntegerField(_("worker-education sessions"))
    source_note = models.CharField(_("source"), max_length=300, blank=True)
    # What happened in the period, in the initiative's words (issue 19): plain text, shown
    # escaped beside the numbers and written in the downloads.
    narrative = models.TextField(
        _("narrative"),
        max_length=4000,
        blank=True,
        help_text=_("Optional: what happened in the period, in a few sentences (plain text)."),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    status_note = models.TextField(_("note from staff"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords(related_name="+", cascade_delete_history=True)
    objects = EnforcementReportQuerySet.as_manager()

    class Meta:
        ordering = ["period_start"]
        verbose_name = _("enforcement report")
        verbose_name_plural = _("enforcement reports")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "period_start", "period_end"], name="unique_report_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="period_in_order"
            ),
            models.CheckConstraint(
                condition=Q(complaints_resolved__lte=models.F("complaints_received")),
                name="resolved_within_received",
            ),
            models.CheckConstraint(
                condition=Q(premium_paid__isnull=True) | ~Q(premium_currency=""),
                name="premium_has_currency",
            ),
        ]

    def __str__(self):
        return f"{self.initiative}: {self.period_start} – {self.period_end}"

    @property
    def period_label(self) -> str:
        start, end = self.period_start, self.period_end
        if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31:
            return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
        return f"{start:%Y-%m} – {end:%Y-%m}"
