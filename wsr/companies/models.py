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


class CompanyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Every company is public: its list and its page are open to everyone. What the site
        holds about it (claims, agreements, events) follows those records' own rules."""
        return self.all()


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

    objects = CompanyQuerySet.as_manager()
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


class CompanyEventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A public event is public; the others are for staff (issue 20)."""
        from wsr.members.roles import is_staff

        if user is not None and is_staff(user):
            return self.all()
        return self.filter(is_public=True)


class CompanyEvent(models.Model):
    """A dated item staff enter on a company's timeline (issue 20): news, an allegation, a
    critique published elsewhere, with its source."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        ALLEGATION = "allegation", _("Allegation")
        CRITIQUE = "critique", _("Critique")
        OTHER = "other", _("Other")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="events")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.NEWS)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True, max_length=2000)
    source_title = models.CharField(_("source"), max_length=300, blank=True)
    source_url = models.URLField(_("source link"), blank=True, max_length=500)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Only staff see an event that is not public.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CompanyEventQuerySet.as_manager()
    history = HistoricalRecords(related_name="+")

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("company event")
        verbose_name_plural = _("company events")

    def __str__(self):
        return f"{self.company}: {self.title} ({self.date})"


# Requests for response (issue 20) ------------------------------------------------------------


class ResponseRequestQuerySet(models.QuerySet):
    def published(self):
        """Requests shown on company pages: published, not withdrawn."""
        return self.filter(is_published=True).exclude(status=ResponseRequest.Status.WITHDRAWN)

    def visible_to(self, user):
        """Everyone sees the published requests; staff see them all."""
        from wsr.members.roles import is_staff

        if user is not None and is_staff(user):
            return self.all()
        return self.published()


class ResponseRequest(models.Model):
    """Staff ask a company to respond to a critique, an allegation or a campaign ask, through
    a link that needs no account (issue 20). Only the link's sha256 is stored; the link
    accepts one submission, and staff may issue a new one. Non-response is read from the
    deadline: a sent request without a response after its deadline did not respond."""

    class Subject(models.TextChoices):
        CRITIQUE = "critique", _("Critique")
        ALLEGATION = "allegation", _("Allegation")
        CAMPAIGN_ASK = "campaign_ask", _("Campaign ask")

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        RESPONDED = "responded", _("Responded")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="response_requests")
    subject = models.CharField(_("about"), max_length=15, choices=Subject.choices)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(
        _("what the company is asked to respond to"),
        max_length=20000,
        help_text=_("Markdown. Shown to the company and, once published, on its page."),
    )
    source_title = models.CharField(_("public source"), max_length=300, blank=True)
    source_url = models.URLField(_("public source link"), max_length=500, blank=True)
    # The company's contact: a person without an account. Cleared by
    # `response_contacts_forget` once the link has long expired (docs: retention).
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    sent_by = models.ForeignKey(
        "members.User",
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    deadline = models.DateTimeField(_("deadline"))
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    token_expires_at = models.DateTimeField(_("link valid until"), null=True, blank=True)
    token_used_at = models.DateTimeField(_("link used"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SENT
    )
    is_published = models.BooleanField(
        _("published on the company page"),
        default=True,
        help_text=_("The request, its dates and the response (or its absence) are public."),
    )
    contact_forgotten_at = models.DateTimeField(_("contact cleared"), null=True, blank=True)

    objects = ResponseRequestQuerySet.as_manager()
    # Staff may correct a request after the company replied: what it said then stays. The
    # contact (cleared after its retention) and the link's hash are not copied.
    history = HistoricalRecords(
        related_name="+", excluded_fields=["contact_name", "contact_email", "token_hash"]
    )

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("request for response")
        verbose_name_plural = _("requests for response")
        indexes = [models.Index(fields=["status", "deadline"], name="responserequest_due")]

    def __str__(self):
        return f"{self.company}: {self.title}"

    def get_absolute_url(self):
        return f"{self.company.get_absolute_url()}#request-{self.pk}"


class CompanyResponseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)


class CompanyResponse(models.Model):
    """What the company sent through its link. One published response per request (a later
    submission through a new link replaces it); staff may take one down (unlawful content),
    which leaves a dated note in its place."""

    request = models.ForeignKey(ResponseRequest, on_delete=models.CASCADE, related_name="responses")
    responder_name = models.CharField(_("your name"), max_length=200)
    responder_role = models.CharField(_("your role at the company"), max_length=200, blank=True)
    text = models.TextField(_("the company's response"), max_length=40000)
    submitted_at = models.DateTimeField(_("received"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("taken down"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        "members.User",
        verbose_name=_("taken down by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_reason = models.CharField(_("why it was taken down"), max_length=500, blank=True)

    objects = CompanyResponseQuerySet.as_manager()
    history = HistoricalRecords(related_name="+")

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("company response")
        verbose_name_plural = _("company responses")
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=models.Q(published_at__isnull=False),
                name="one_published_response_per_request",
            )
        ]

    def __str__(self):
        return f"{self.request.company}: response of {self.submitted_at:%Y-%m-%d}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None
