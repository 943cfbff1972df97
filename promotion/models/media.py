"""Operational records of promotion: the coverage log, talks, speaker requests, the staff's
journalist contacts and pitches, and newsletter subscribers (double opt-in)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CoverageQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class CoverageEntry(models.Model):
    """Where the Collaborative was cited ("In the news")."""

    outlet = models.CharField(_("outlet"), max_length=200)
    headline = models.CharField(_("headline"), max_length=300)
    published_on = models.DateField(_("date"), db_index=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    reach = models.PositiveIntegerField(_("estimated reach"), null=True, blank=True)
    is_public = models.BooleanField(_("shown in “In the news”"), default=True)
    is_demo = models.BooleanField(default=False)

    objects = CoverageQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "pk"]
        verbose_name = _("coverage entry")
        verbose_name_plural = _("coverage log")

    def __str__(self):
        return f"{self.outlet}: {self.headline}"


class TalkQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def visible_to(self, user):
        """Public talks; every talk to staff (their slides follow the same rule)."""
        from wsr.members import roles

        return self.all() if roles.is_staff(user) else self.public()


# The usual audiences of a talk. An audience is typed by staff; when it is one of these (in
# any of the site's languages) it is shown in the reader's language (issue 17).
TALK_AUDIENCES = [
    _("Practitioners and students"),
    _("Workers and organizers"),
    _("Buyers and brands"),
    _("Policymakers"),
    _("Researchers"),
    _("The general public"),
]


def audience_in_language(audience: str) -> str:
    """`audience` in the active language when it is one of TALK_AUDIENCES, else as typed."""
    from django.conf import settings
    from django.utils import translation

    wanted = audience.strip().casefold()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found = next((w for w in TALK_AUDIENCES if str(w).casefold() == wanted), None)
        if found is not None:
            return str(found)  # in the active language again
    return audience


class Talk(models.Model):
    """A talk, panel or testimony by people of the Collaborative."""

    class Kind(models.TextChoices):
        TALK = "talk", _("Talk")
        PANEL = "panel", _("Panel")
        TESTIMONY = "testimony", _("Testimony")
        WORKSHOP = "workshop", _("Workshop")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TALK)
    title = models.CharField(_("title"), max_length=200)
    event = models.CharField(_("event"), max_length=200)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="America/New_York")
    place = models.CharField(_("place or link"), max_length=300, blank=True)
    speakers = models.ManyToManyField("promotion.Author", blank=True, related_name="talks")
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    slides = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recording_url = models.URLField(_("recording"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    is_demo = models.BooleanField(default=False)

    objects = TalkQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("talk")

    def __str__(self):
        return self.title

    @property
    def is_past(self) -> bool:
        return self.starts_at < timezone.now()

    @property
    def audience_display(self) -> str:
        return audience_in_language(self.audience)

    def local_start(self):
        from zoneinfo import ZoneInfo

        return self.starts_at.astimezone(ZoneInfo(self.time_zone))


class SpeakerRequest(models.Model):
    """A request from the public for a speaker; a task for staff, answered by email."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    organization = models.CharField(_("organization"), max_length=200)
    contact_name = models.CharField(_("your name"), max_length=200)
    email = models.EmailField(_("email"))
    event = models.CharField(_("event"), max_length=200)
    event_date = models.DateField(_("date"))
    audience = models.CharField(_("audience"), max_length=300)
    topic = models.TextField(_("topic"), max_length=2000)
    language = models.CharField(max_length=10, default="en")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    reply = models.TextField(_("reply"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords(related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.organization}: {self.event}"


class JournalistContact(models.Model):
    """Personal data: staff only; exported and erased on request (services)."""

    name = models.CharField(_("name"), max_length=200)
    outlet = models.CharField(_("outlet"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    beats = models.CharField(_("beats"), max_length=300, blank=True)
    languages = models.CharField(_("languages"), max_length=100, blank=True)
    countries = models.CharField(_("countries"), max_length=200, blank=True)
    last_contacted = models.DateField(_("last contacted"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_demo = models.BooleanField(default=False)

    history = HistoricalRecords(related_name="+")

    class Meta:
        ordering = ["name"]
        verbose_name = _("journalist contact")

    def __str__(self):
        return f"{self.name} ({self.outlet})" if self.outlet else self.name


class Pitch(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", _("Waiting")
        COVERED = "covered", _("Covered")
        DECLINED = "declined", _("Declined")
        NO_ANSWER = "no_answer", _("No answer")

    contact = models.ForeignKey(JournalistContact, on_delete=models.CASCADE, related_name="pitches")
    article = models.ForeignKey(
        "promotion.ArticlePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pitched_on = models.DateField(_("pitched on"), default=timezone.localdate)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-pitched_on"]
        verbose_name_plural = _("pitches")

    def __str__(self):
        return f"Pitch to {self.contact}"


class PlannedPublication(models.Model):
    """The media calendar: what the communications team plans to publish, and when."""

    title = models.CharField(_("title"), max_length=200)
    planned_on = models.DateField(_("planned for"), db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["planned_on"]

    def __str__(self):
        return self.title


def subscriber_token() -> str:
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    """A reader of the public newsletter: no account; double opt-in."""

    email = models.EmailField(_("email"), unique=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    token = models.CharField(max_length=64, unique=True, default=subscriber_token)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None
