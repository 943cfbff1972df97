"""Exchanges and convenings: learning events, with registration and a waitlist."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from wsr.members.audience import PAGE_AUDIENCE_CHOICES, Audience
from wsr.site.mixins import AudiencePageMixin, AudiencePageQuerySet


class EventIndexPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    subpage_types = ["repository.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("events index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = EventPage.objects.visible_to(request.user).descendant_of(self)
        now = timezone.now()
        context["upcoming"] = events.filter(ends_at__gte=now).order_by("starts_at")
        context["past"] = events.filter(ends_at__lt=now).order_by("-starts_at")[:20]
        return context


class EventQuerySet(AudiencePageQuerySet):
    """`visible_to(user)`: live events whose audience includes `user`."""


class EventPage(AudiencePageMixin, Page):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIRTUAL = "virtual", _("Virtual")
        HYBRID = "hybrid", _("Hybrid")

    class Kind(models.TextChoices):
        EXCHANGE = "exchange", _("Exchange")
        CONVENING = "convening", _("Convening")
        TRAINING = "training", _("Training")
        WEBINAR = "webinar", _("Webinar")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.EXCHANGE)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    summary = models.TextField(_("summary"), max_length=600)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    # No choices: the list of zones changes with tzdata; clean() checks the name instead.
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="America/New_York",
        help_text=_("For example America/New_York or Asia/Dhaka."),
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_link = models.URLField(
        _("online link"), blank=True, help_text=_("Shown only to registered participants.")
    )
    agenda = RichTextField(_("agenda"), blank=True)
    audience = models.CharField(
        _("audience"),
        max_length=10,
        choices=PAGE_AUDIENCE_CHOICES,
        default=Audience.MEMBERS,
        db_index=True,
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    outcomes = RichTextField(
        _("outcomes"), blank=True, help_text=_("After the event: what was decided and learned.")
    )

    objects = PageManager.from_queryset(EventQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("format"),
                FieldPanel("starts_at"),
                FieldPanel("ends_at"),
                FieldPanel("time_zone"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel([FieldPanel("place"), FieldPanel("online_link")], heading=_("Where")),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("capacity"), FieldPanel("registration_open")],
            heading=_("Registration"),
        ),
        FieldPanel("outcomes"),
        InlinePanel("outcome_resources", label=_("Lessons-learned resources it produced")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("agenda"),
        index.FilterField("audience"),
    ]
    parent_page_types = ["repository.EventIndexPage"]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})
        if self.time_zone not in zoneinfo.available_timezones():
            raise ValidationError({"time_zone": _("Enter a time zone such as America/New_York.")})
        if self.format != self.Format.VIRTUAL and not self.place:
            raise ValidationError({"place": _("Say where people meet.")})

    def get_context(self, request, *args, **kwargs):
        from .. import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.event_context(event=self, user=request.user))
        return context

    # The event's own wall clock, for the .ics (with its TZID). Pages and emails show
    # `starts_at|when:time_zone` instead: the reader's time beside the event's (issue 17);
    # `|date` on these would convert them back to the active zone.
    @property
    def local_starts_at(self):
        return timezone.localtime(self.starts_at, zoneinfo.ZoneInfo(self.time_zone))

    @property
    def local_ends_at(self):
        return timezone.localtime(self.ends_at, zoneinfo.ZoneInfo(self.time_zone))

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @cached_property
    def registration_event(self) -> "EventPage":
        """The page that holds the registrations: an event and its translations share their
        seats and waitlist (issue 17), kept on the default language's version (else the
        first made), whichever page people register from."""
        versions = list(
            EventPage.objects.filter(translation_key=self.translation_key)
            .select_related("locale")
            .order_by("pk")
        )
        default = [e for e in versions if e.locale.language_code == settings.LANGUAGE_CODE]
        return (default or versions or [self])[0]


class EventOutcomeResource(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="outcome_resources")
    resource = models.ForeignKey(
        "repository.ResourcePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("resource"),
    )

    panels = [FieldPanel("resource")]


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="unique_registration")
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.user} — {self.event} ({self.get_status_display()})"
