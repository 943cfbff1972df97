"""The case page's desk (issue 19): canned responses kept in Wagtail, corrections of timeline
entries (the earlier texts of an edited entry; the marker left by a redaction) and links
between cases (related, duplicate of)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cases import Case, HelpKind, TimelineEntry

# The placeholders a canned response may hold; each is filled from the case, nothing else.
CANNED_PLACEHOLDERS = ("reference", "name", "organization", "lead")


class CannedResponse(models.Model):
    """A ready answer staff insert into a message, in the case's language. Two text fields
    rather than Wagtail's TranslatableMixin: the site has two languages, staff write both
    side by side in one form, and a missing Spanish text falls back to English with a note
    (a translated copy per locale would need its own sync and could drift)."""

    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(
        _("kind of help"),
        max_length=20,
        choices=HelpKind.choices,
        blank=True,
        help_text=_("Offered first on cases of this kind; empty for every case."),
    )
    body = models.TextField(
        _("text in English"),
        max_length=5000,
        help_text=_(
            "Placeholders filled from the case: {reference}, {name} (the contact person), "
            "{organization}, {lead} (the staff lead)."
        ),
    )
    body_es = models.TextField(_("text in Spanish"), max_length=5000, blank=True)
    is_active = models.BooleanField(_("offered on case pages"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("canned response")
        verbose_name_plural = _("canned responses")

    def __str__(self):
        return self.title

    def text_for(self, language: str) -> tuple[str, bool]:
        """The text in `language` and whether it fell back to English."""
        if language == "es" and self.body_es.strip():
            return self.body_es, False
        return self.body, language != "en"


class TimelineRevision(models.Model):
    """An earlier text of an edited timeline entry, kept so the working side sees what it
    said. A redaction deletes every revision of its entry."""

    entry = models.ForeignKey(TimelineEntry, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField(_("earlier text"), blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("edited by"),
    )
    edited_at = models.DateTimeField(_("edited"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["-edited_at", "-pk"]
        verbose_name = _("timeline entry revision")
        verbose_name_plural = _("timeline entry revisions")

    def __str__(self):
        return f"revision of entry {self.entry_id}"


class TimelineRedaction(models.Model):
    """Where a redacted entry's text was: who removed it, when and why. The text itself is
    kept nowhere."""

    entry = models.OneToOneField(TimelineEntry, on_delete=models.CASCADE, related_name="redaction")
    redacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("redacted by"),
    )
    redacted_at = models.DateTimeField(_("redacted"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        verbose_name = _("timeline entry redaction")
        verbose_name_plural = _("timeline entry redactions")

    def __str__(self):
        return f"redaction of entry {self.entry_id}"


class CaseLink(models.Model):
    class Kind(models.TextChoices):
        RELATED = "related", _("Related")
        DUPLICATE = "duplicate", _("Duplicate of")

    from_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_from")
    to_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_to")
    kind = models.CharField(_("link"), max_length=10, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("case link")
        verbose_name_plural = _("case links")
        constraints = [
            models.UniqueConstraint(fields=["from_case", "to_case"], name="unique_case_link"),
            models.CheckConstraint(
                condition=~Q(from_case=F("to_case")), name="case_link_not_to_itself"
            ),
        ]

    def __str__(self):
        return f"{self.from_case_id} {self.kind} {self.to_case_id}"
