"""Corrections of a case's timeline (issue 19): edit with history, redact, make internal; and
canned responses filled for a case.

- Edit: the earlier text becomes a TimelineRevision (who, when, why); the working side
  reads them on the entry's page.
- Redact: the text, every earlier text and the entry's file (row and stored file) are
  removed, and so is the text kept in notifications and in the outbox; a TimelineRedaction
  says who removed it, when and why. Nothing keeps the content: TimelineEntry and CaseFile
  have no field history (django-simple-history), and the search of the queue reads `body`.
- Make internal: the entry leaves the requester's side's view; that side (which was emailed
  about shared messages) is told that a message was withdrawn, without its content; an
  internal event records it."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..models import (
    CANNED_PLACEHOLDERS,
    CannedResponse,
    Case,
    TimelineEntry,
    TimelineRedaction,
    TimelineRevision,
)
from .cases import _entry, _tell_requester_side

# Canned responses -----------------------------------------------------------------------


def canned_values(case: Case) -> dict[str, str]:
    """What each placeholder stands for on `case` (plain text: escaped when shown)."""
    return {
        "reference": case.reference,
        "name": case.contact_name,
        "organization": case.organization_label,
        "lead": case.lead.display_name if case.lead_id else "",
    }


def canned_fill(text: str, values: dict[str, str]) -> str:
    """Replace the known {placeholders} only: no format(), so braces or attribute lookups
    typed in a canned response do nothing."""
    for name in CANNED_PLACEHOLDERS:
        text = text.replace("{" + name + "}", values.get(name, ""))
    return text


def canned_text(*, response: CannedResponse, case: Case) -> tuple[str, bool]:
    """The canned response in the case's preferred language, filled for the case, and
    whether it fell back to English (no text in that language)."""
    text, fell_back = response.text_for(case.preferred_language)
    return canned_fill(text, canned_values(case)), fell_back


def canned_insert(*, typed: str, text: str) -> str:
    """What the reply box holds after inserting `text`: what was typed is kept, first."""
    typed = typed.rstrip()
    return f"{typed}\n\n{text}" if typed else text


# Corrections ----------------------------------------------------------------------------


def _locked(entry: TimelineEntry) -> TimelineEntry:
    return TimelineEntry.objects.select_for_update().select_related("case").get(pk=entry.pk)


@transaction.atomic
def timeline_entry_edit(
    *, entry: TimelineEntry, actor, body: str, reason: str = ""
) -> TimelineEntry:
    """Replace an entry's text; the earlier one is kept as a revision."""
    entry = _locked(entry)
    if not permissions.can_edit_timeline_entry(actor, entry):
        raise PermissionDenied
    body = body.strip()
    if not body:
        raise ValidationError(_("Write the corrected text, or redact the entry instead."))
    if body == entry.body:
        return entry
    TimelineRevision.objects.create(
        entry=entry, body=entry.body, edited_by=actor, reason=reason.strip()[:300]
    )
    entry.body = body
    entry.save(update_fields=["body"])
    return entry


def _forget_in_notifications(case: Case, text: str) -> None:
    """The text of an entry may wait in the outbox or sit in notifications' context (the
    message emails carry it): blank it there too."""
    if not text:
        return
    from notifications.models import Notification, OutgoingEmail

    for notification in Notification.objects.filter(
        target_type=ContentType.objects.get_for_model(Case), target_id=case.pk, context__body=text
    ):
        notification.context = {**notification.context, "body": ""}
        notification.save(update_fields=["context"])
    for email in OutgoingEmail.objects.filter(
        context__reference=case.reference, context__body=text
    ):
        email.context = {**email.context, "body": ""}
        email.save(update_fields=["context"])


@transaction.atomic
def timeline_entry_redact(*, entry: TimelineEntry, actor, reason: str) -> TimelineRedaction:
    """Remove an entry's text and file for good, leaving who did it, when and why."""
    entry = _locked(entry)
    if not permissions.can_redact_timeline_entry(actor, entry):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the entry is redacted: the marker shows it."))
    texts = [entry.body, *entry.revisions.values_list("body", flat=True)]
    entry.revisions.all().delete()
    files = list(entry.case.files.filter(entry=entry))
    names = [stored.file.name for stored in files if stored.file]
    storage = entry.case.files.model._meta.get_field("file").storage
    for stored in files:
        stored.delete()
    entry.body = ""
    entry.params = {}
    entry.save(update_fields=["body", "params"])
    for text in texts:
        _forget_in_notifications(entry.case, text)
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
    return TimelineRedaction.objects.create(
        entry=entry, redacted_by=actor, reason=reason[:300], redacted_at=timezone.now()
    )


@transaction.atomic
def timeline_entry_unshare(*, entry: TimelineEntry, actor) -> TimelineEntry:
    """A shared entry becomes internal; the requester's side is told a message was
    withdrawn (nothing of what it said) and an internal event records it."""
    entry = _locked(entry)
    if not permissions.can_unshare_timeline_entry(actor, entry):
        raise PermissionDenied
    entry.is_shared = False
    entry.save(update_fields=["is_shared"])
    case = entry.case
    _entry(
        case=case,
        kind=TimelineEntry.Kind.NOTE,
        author=actor,
        event="entry_unshared",
        params={"name": entry.author.display_name if entry.author_id else ""},
    )
    _tell_requester_side(case, "assistance/email/message_withdrawn", {})
    return entry
