"""Requests for assistance, handled as confidential cases."""

import secrets
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from wsr.site.storage import private_storage as shared_private_storage


class HelpKind(models.TextChoices):
    STRATEGY = "strategy", _("Strategy for a new sector or location")
    AGREEMENT = "agreement", _("Agreement, code of conduct or standards drafting")
    MONITORING = "monitoring", _("Monitoring and enforcement design")
    COMPLAINTS = "complaints", _("Complaint mechanism")
    EDUCATION = "education", _("Worker education program")
    CAMPAIGN = "campaign", _("Campaign strategy")
    EVALUATION = "evaluation", _("Evaluation of an existing program")
    OTHER = "other", _("Other")


class Urgency(models.TextChoices):
    LOW = "low", _("Within a few months")
    NORMAL = "normal", _("Within a few weeks")
    HIGH = "high", _("Within days")
    URGENT = "urgent", _("Urgent: workers are at risk now")


class CaseStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    TRIAGE = "triage", _("In triage")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    REFERRED = "referred", _("Referred elsewhere")
    IN_PROGRESS = "in_progress", _("In progress")
    ON_HOLD = "on_hold", _("On hold")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")


S = CaseStatus
# The only paths a case may take; services refuse any other move.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.SUBMITTED: (S.TRIAGE, S.DECLINED, S.REFERRED),
    S.TRIAGE: (S.ACCEPTED, S.DECLINED, S.REFERRED),
    S.ACCEPTED: (S.IN_PROGRESS, S.ON_HOLD, S.REFERRED),
    S.IN_PROGRESS: (S.ON_HOLD, S.RESOLVED),
    S.ON_HOLD: (S.IN_PROGRESS, S.RESOLVED, S.CLOSED),
    S.RESOLVED: (S.CLOSED, S.REOPENED),
    S.DECLINED: (S.REOPENED, S.CLOSED),
    S.REFERRED: (S.CLOSED, S.REOPENED),
    S.CLOSED: (S.REOPENED,),
    S.REOPENED: (S.TRIAGE, S.IN_PROGRESS),
}
OPEN_STATUSES = (S.SUBMITTED, S.TRIAGE, S.ACCEPTED, S.IN_PROGRESS, S.ON_HOLD, S.REOPENED)
NEEDS_REASON_STATUSES = (S.DECLINED, S.REFERRED, S.ON_HOLD, S.REOPENED)


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one rule: staff see every case; otherwise the requester, the admins of the
        requesting organization and the experts who accepted. An invited expert sees only a
        summary until they accept (`CaseAssignment.objects.visible_to`); a request whose
        address is not confirmed has no requester yet, so only staff see it."""
        from wsr.members import roles

        if not roles.is_signed_in(user):
            return self.none()
        if roles.is_staff(user):
            return self.all()
        from wsr.members.models import Affiliation

        admin_of = Affiliation.objects.filter(user=user, role=Affiliation.Role.ADMIN).values(
            "organization_id"
        )
        in_organizations = Affiliation.objects.filter(user=user).values("organization_id")
        expert_on = CaseAssignment.objects.filter(
            expert=user, status=CaseAssignment.Status.ACCEPTED
        ).values("case_id")
        # A requester follows a case filed for an organization only while they are in it:
        # someone removed from it keeps no window on its casework (issue 15).
        as_requester = Q(requester=user) & (
            Q(organization__isnull=True) | Q(organization_id__in=in_organizations)
        )
        return self.filter(as_requester | Q(organization_id__in=admin_of) | Q(pk__in=expert_on))

    def unverified(self):
        """Requests from visitors whose address is not confirmed yet."""
        return self.filter(requester__isnull=True, anonymized_at__isnull=True)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


def case_reference() -> str:
    """WSR-2026-7KQ4M: readable on the phone, unguessable enough not to enumerate."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    code = "".join(secrets.choice(alphabet) for _ in range(6))
    return f"WSR-{timezone.localdate().year}-{code}"


class Case(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True, default=case_reference)
    # Empty until staff link the case to a real organization, or the requester (signed in)
    # filed for one of their own: a typed name never creates or joins an organization.
    organization = models.ForeignKey(
        "members.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assistance_cases",
        verbose_name=_("organization"),
    )
    organization_name = models.CharField(
        _("organization name (as typed)"), max_length=200, blank=True
    )
    # Empty while a visitor's request waits for its address to be confirmed (issue 15).
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        # Handed over to the organization's admin (or staff) when the requester deletes their
        # account; empty only when nobody is left to take it (issue 16).
        on_delete=models.SET_NULL,
        related_name="assistance_requests",
        verbose_name=_("requester"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("email (as typed)"), blank=True)
    email_confirmed_at = models.DateTimeField(_("address confirmed"), null=True, blank=True)
    contact_phone = models.CharField(_("phone (optional)"), max_length=40, blank=True)
    kind = models.CharField(_("kind of help"), max_length=20, choices=HelpKind.choices)
    sector = models.ForeignKey(
        "members.Sector",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sector"),
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    description = models.TextField(_("what you need"), max_length=8000)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    # What the requester allows beyond their own case (issue 16): sharing it with outside
    # experts and drawing anonymized lessons from it. A requester always hears about their
    # own case, whatever this says.
    consent_to_share = models.BooleanField(
        _("consent to share with experts and in anonymized lessons"), default=False
    )
    status = models.CharField(
        _("status"), max_length=15, choices=CaseStatus.choices, default=CaseStatus.SUBMITTED
    )
    status_reason = models.TextField(_("reason"), blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_cases",
        verbose_name=_("staff lead"),
        limit_choices_to={"is_staff": True, "is_active": True},
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    first_response_due = models.DateField(_("first response due"))
    # When the response the case awaits is due (service levels, issue 19): the queue sorts by
    # it; empty when nothing is awaited. Kept by services/service_levels.py.
    response_due_at = models.DateTimeField(_("response due"), null=True, blank=True, db_index=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    lesson_drawn_at = models.DateTimeField(_("lesson drawn"), null=True, blank=True)
    lesson_page_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Set when a closed case's names, contact details, typed text and files were removed
    # (issue 16); the statistics (kind, sector, countries, dates, status) stay.
    anonymized_at = models.DateTimeField(_("anonymized"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at"], related_name="+", cascade_delete_history=True
    )
    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            # The staff queue: open cases, the response due first (issue 19).
            models.Index(
                fields=["status", "response_due_at", "submitted_at"], name="case_queue_order"
            ),
        ]

    def __str__(self):
        return f"{self.reference} ({self.organization_label})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("assistance:case-detail", kwargs={"reference": self.reference})

    @property
    def is_unverified(self) -> bool:
        """A visitor's request whose address was not confirmed: it belongs to nobody yet."""
        return self.requester_id is None and self.anonymized_at is None

    @property
    def organization_label(self) -> str:
        """The linked organization's name, else the name as the requester typed it."""
        if self.organization_id:
            return self.organization.name
        return self.organization_name

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        """No first response yet and the deadline has passed."""
        return self.first_response_at is None and timezone.localdate() > self.first_response_due

    @property
    def next_statuses(self) -> list[CaseStatus]:
        return [CaseStatus(s) for s in TRANSITIONS.get(self.status, ())]


# Why an expert was suggested: stored as codes and values, worded in the reader's language
# when shown (issue 17), e.g. {"code": "countries", "countries": ["MX", "US"]}.
EXPERT_REASONS = {
    "expertise": _("expertise: %(topics)s"),
    "sector": _("works in %(sector)s"),
    "countries": _("knows %(countries)s"),
    "language": _("speaks the requester's language"),
    "load": _("%(n)s open case(s) already"),
    "staff": _("staff"),
}


def expert_reason_text(reason: dict) -> str:
    """One reason, in the active language."""
    from django.utils.translation import get_language
    from django_countries import countries

    wording = EXPERT_REASONS.get(reason.get("code"))
    if wording is None:
        return ""
    values = {
        "topics": ", ".join(reason.get("topics", [])),
        "sector": (reason.get("sector") or {}).get(get_language())
        or (reason.get("sector") or {}).get("en", ""),
        "countries": ", ".join(
            sorted(str(countries.name(code)) or code for code in reason.get("countries", []))
        ),
        "n": reason.get("n", 0),
    }
    return str(wording) % values


def expert_reasons_text(reasons: list) -> str:
    return "; ".join(text for text in map(expert_reason_text, reasons or []) if text)


class CaseAssignmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An expert sees their own invitations (the case's summary); staff see all."""
        from wsr.members import roles

        if not roles.is_signed_in(user):
            return self.none()
        if roles.is_staff(user):
            return self.all()
        return self.filter(expert=user)

    def open(self):
        return self.filter(status=CaseAssignment.Status.INVITED)


class CaseAssignment(models.Model):
    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_assignments"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    reason = models.CharField(_("why this expert"), max_length=300, blank=True)
    # The suggestion's reasons, as codes (EXPERT_REASONS): worded for each reader.
    reasons = models.JSONField(default=list, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(related_name="+", cascade_delete_history=True)
    objects = CaseAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["invited_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "expert"], name="unique_case_expert")
        ]

    def __str__(self):
        return f"{self.expert} on {self.case.reference}"

    @property
    def reason_display(self) -> str:
        """Why this expert, in the active language (what staff typed, else the reasons)."""
        return self.reason or expert_reasons_text(self.reasons)


# What the system writes in a case's timeline, by event: stored as a code and its values,
# worded in the reader's language when shown (issue 17). Entries written before have
# their text in `body`, in the language of whoever acted then.
TIMELINE_EVENTS = {
    "email_confirmed": _("The requester confirmed their email address."),
    "organization_linked": _("The case is linked to the organization %(name)s."),
    "organization_unlinked": _("The case is no longer linked to an organization."),
    "lead_assigned": _("%(name)s leads this case."),
    "consent_given": _(
        "The requester agreed to share this case with experts and to anonymized lessons."
    ),
    "consent_withdrawn": _("The requester withdrew their consent to share this case."),
    "expert_invited": _("%(name)s was asked to work on this case as an expert."),
    "expert_accepted": _("%(name)s accepted to work on this case."),
    "expert_declined": _("%(name)s declined to work on this case."),
    "task_added": _("Task “%(title)s” for %(owner)s, due %(due)s."),
    "task_done": _("Task “%(title)s” done."),
    "lesson_started": _("A lesson-learned draft was started for the repository."),
    "requester_replaced": _("The requester deleted their account; the case passes to %(person)s."),
    "requester_gone": _("The requester deleted their account; nobody took the case over."),
    "anonymized": _("The case was anonymized: names, contact details, texts and files removed."),
    "response_due_soon": _("The response due %(due)s is about to be missed; the lead was told."),
    "response_missed": _(
        "The response due %(due)s was missed; the lead and staff leads were told."
    ),
    # The case page's desk (issue 19): corrections, links and merges.
    "entry_unshared": _(
        "An entry by %(name)s was made internal; the requester's side was told that a message "
        "was withdrawn."
    ),
    "case_linked": _("Linked to %(reference)s."),
    "merged_into": _(
        "This case was merged into %(reference)s: its shared messages and files were copied there."
    ),
    "merged_from": _(
        "%(reference)s was merged into this case: %(entries)s entries and %(files)s files were "
        "copied, %(tasks)s open tasks moved."
    ),
}


def _event_values(params: dict) -> dict:
    """The values of an event, dates in the reader's format."""
    from datetime import date

    from django.utils.formats import date_format

    values = dict(params)
    for key, value in params.items():
        if key == "due" and isinstance(value, str):
            try:
                values[key] = date_format(date.fromisoformat(value))
            except ValueError:
                pass
    return values


class TimelineEntry(models.Model):
    class Kind(models.TextChoices):
        NOTE = "note", _("Note")
        MESSAGE = "message", _("Message to the requester")
        REPLY = "reply", _("Reply from the requester")
        STATUS = "status", _("Status change")
        ASSIGNMENT = "assignment", _("Assignment")
        FILE = "file", _("File")
        TASK = "task", _("Task")
        LESSON = "lesson", _("Lesson drawn")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    status = models.CharField(
        _("new status"),
        max_length=15,
        choices=CaseStatus.choices,
        blank=True,
        help_text=_("For a status change: the status the case moved to."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_shared = models.BooleanField(
        _("shared with the requester"),
        default=False,
        help_text=_("Shared entries are seen by the requester and their organization's admins."),
    )
    body = models.TextField(_("text"), blank=True, max_length=10000)
    # A system entry: the event's code (TIMELINE_EVENTS) and its values, e.g. a name.
    event = models.CharField(max_length=40, blank=True)
    params = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = _("timeline entries")

    def __str__(self):
        return f"{self.get_kind_display()} on {self.case.reference}"

    def get_kind_display(self) -> str:
        """The kind as pages name it: a message to the requester that was made internal
        afterwards (issue 19) says so rather than still reading as a message."""
        if self.kind == self.Kind.MESSAGE and not self.is_shared:
            return str(_("Internal note (was a message to the requester)"))
        return self._get_FIELD_display(self._meta.get_field("kind"))

    @property
    def text(self) -> str:
        """What the entry says, in the active language: a system event is worded now; what
        people wrote (and entries from before events had codes) is shown as written."""
        wording = TIMELINE_EVENTS.get(self.event)
        if wording is None:
            return self.body
        try:
            return str(wording) % _event_values(self.params)
        except (KeyError, TypeError, ValueError):
            return self.body or str(wording)


private_storage = shared_private_storage("cases")


def get_private_storage():
    """A callable, so migrations name it rather than freeze a path."""
    return private_storage


def case_file_name(instance, filename: str) -> str:
    extension = Path(filename).suffix.lower()[:10]
    return f"{instance.case_id}/{secrets.token_hex(16)}{extension}"


class CaseFile(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="files")
    entry = models.OneToOneField(
        TimelineEntry, null=True, on_delete=models.CASCADE, related_name="file"
    )
    file = models.FileField(storage=get_private_storage, upload_to=case_file_name, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name


class CaseTask(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task or milestone"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="case_tasks",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due"))
    is_shared = models.BooleanField(_("shared with the requester"), default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords(related_name="+", cascade_delete_history=True)

    class Meta:
        ordering = ["done_at", "due_on", "pk"]

    def __str__(self):
        return self.title
