"""Writes on the repository: indexing resources and extracting attachment text."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.users.models import UserProfile

from wsr.dispatch import dispatch_on_commit

from .extraction import Extracted, pdf_text
from .indexing import resource_reindex
from .models import DocumentText, ResourcePage

logger = logging.getLogger(__name__)


def document_extract_text(*, document_id: int) -> DocumentText | None:
    """Extract the text of a PDF or plain-text document and re-index the resources using it."""
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return None
    extension = document.file_extension.lower()
    extracted, error = Extracted(text="", pages_read=0), ""
    try:
        with document.file.open("rb") as file:
            if extension == "pdf":
                extracted = pdf_text(file)
            elif extension in ("txt", "csv"):
                limit = settings.WSR_EXTRACT_MAX_CHARS
                extracted.text = file.read(limit).decode("utf-8", errors="replace")
    except Exception as exc:  # a broken upload must not stop the worker; keep why
        logger.warning("could not extract text of document %s: %s", document_id, exc)
        error = str(exc)[:300]
    if extracted.stopped:
        logger.info("text of document %s is partial: %s", document_id, extracted.stopped)
    record, _created = DocumentText.objects.update_or_create(
        document=document,
        defaults={
            "text": extracted.text,
            "error": error or extracted.stopped[:300],
            "is_partial": bool(extracted.stopped),
            "pages_read": extracted.pages_read,
        },
    )
    for resource in ResourcePage.objects.filter(attachments__document=document).distinct():
        resource_reindex(resource)
    return record


def document_schedule_extraction(*, document) -> None:
    """Extract the document's text after the upload commits, in the background."""
    from .tasks import extract_document_text

    dispatch_on_commit(extract_document_text, document_id=document.pk)


@transaction.atomic
def resource_save_toggle(*, resource: ResourcePage, user) -> bool:
    """Bookmark `resource` for `user`, or remove the bookmark. Returns whether it is saved."""
    from .models import SavedResource

    deleted, _rows = SavedResource.objects.filter(user=user, resource=resource).delete()
    if deleted:
        return False
    SavedResource.objects.create(user=user, resource=resource)
    return True


def _paragraphs(text: str) -> list:
    from django.utils.html import escape

    return [
        ("paragraph", f"<p>{escape(chunk.strip())}</p>")
        for chunk in text.replace("\r\n", "\n").split("\n\n")
        if chunk.strip()
    ]


@transaction.atomic
def resource_propose(*, user, index, data: dict, attachment=None):
    """Turn a member's proposal into a draft resource submitted to moderation."""
    from django.conf import settings
    from django.core.files.base import ContentFile
    from wagtail.models import Locale

    from notifications.services import email_queue
    from wsr.members.services import staff_emails

    from .models import Contribution, ResourceAttachment, ResourceCountry

    locale = Locale.objects.get(language_code=data["language"])
    parent = index.get_translation_or_none(locale) or index
    page = ResourcePage(
        title=data["title"],
        summary=data["summary"],
        body=_paragraphs(data.get("body", "")),
        kind=data["kind"],
        audience=data["audience"],
        live=False,
        owner=user,
    )
    parent.add_child(instance=page)
    page.sectors.set(data.get("sectors", []))
    page.principles.set(data.get("principles", []))
    for code in data.get("countries", []):
        page.country_links.add(ResourceCountry(country=code))
    if attachment is not None:
        document = get_document_model().objects.create(
            title=data["title"],
            file=ContentFile(attachment.read(), name=attachment.name),
            uploaded_by_user=user,
        )
        page.attachments.add(ResourceAttachment(document=document))
    # Store the draft's relations now, not only in its revision: the attachment must be
    # known as this (non-live) resource's, or it would count as a free-standing document.
    page.save()
    page.save_revision(user=user, log_action=True)
    # The contributor hears from us (in their language, with the outcome), not from
    # Wagtail's editor notifications, which speak of workflows and admin screens.
    profile = UserProfile.get_for_user(user)
    profile.approved_notifications = profile.rejected_notifications = False
    profile.save(update_fields=["approved_notifications", "rejected_notifications"])
    workflow = page.get_workflow()
    # A workflow without tasks would publish at once, as the contributor: never do that.
    if workflow is not None and workflow.tasks.filter(active=True).exists():
        workflow.start(page, user)
    contribution = Contribution.objects.create(page=page, contributor=user)
    recipients = staff_emails()
    context = {
        "title": page.title,
        "contributor": user.email,
        "review_url": f"/cms/pages/{page.pk}/edit/",
    }
    email_queue(
        template="repository/email/contribution_received_staff",
        to=recipients,
        context=context,
        language=settings.LANGUAGE_CODE,
    )
    return contribution


@transaction.atomic
def lesson_draft_create(
    *, user, title: str, summary: str, sector=None, countries=(), topic: str = ""
) -> ResourcePage:
    """A staff member starts a lesson-learned resource (from casework, in assistance/): a
    members-only draft in the moderation workflow, with only what the caller passes."""
    from wagtail.models import Locale

    from .models import RepositoryIndexPage, ResourceCountry, ResourceKind

    index = (
        RepositoryIndexPage.objects.filter(locale=Locale.get_default()).first()
        or RepositoryIndexPage.objects.first()
    )
    if index is None:
        raise ValueError("The repository has no index page yet.")
    page = ResourcePage(
        title=title,
        summary=summary,
        kind=ResourceKind.LESSON_LEARNED,
        audience="members",
        live=False,
        owner=user,
    )
    index.add_child(instance=page)
    if sector is not None:
        page.sectors.set([sector])
    for code in countries:
        page.country_links.add(ResourceCountry(country=code))
    if topic:
        page.tags.add(topic[:100])
    page.save()
    page.save_revision(user=user, log_action=True)
    workflow = page.get_workflow()
    if workflow is not None and workflow.tasks.filter(active=True).exists():
        workflow.start(page, user)
    return page


def _notify_contributor(contribution, template: str) -> None:
    from django.utils import translation

    from notifications.services import email_queue
    from wsr.members.services import language_of

    contributor = contribution.contributor
    if contributor is None:
        return
    language = language_of(contributor)
    with translation.override(language):
        url = contribution.page.url if contribution.page.live else ""
    context = {"title": contribution.page.title, "url": url, "comment": contribution.comment}
    email_queue(template=template, to=[contributor.email], context=context, language=language)


def contribution_published(*, page) -> None:
    """Tell the contributor their resource is published (once)."""
    from django.utils import timezone

    from .models import Contribution

    contribution = Contribution.objects.filter(page=page).select_related("contributor").first()
    if contribution is None or contribution.outcome == Contribution.Outcome.PUBLISHED:
        return
    contribution.outcome = Contribution.Outcome.PUBLISHED
    contribution.decided_at = timezone.now()
    contribution.save(update_fields=["outcome", "decided_at"])
    _notify_contributor(contribution, "repository/email/contribution_published")


def contribution_returned(*, page, comment: str) -> None:
    """Tell the contributor their resource was sent back, with the reviewer's comment."""
    from django.utils import timezone

    from .models import Contribution

    contribution = Contribution.objects.filter(page=page).select_related("contributor").first()
    if contribution is None:
        return
    contribution.outcome = Contribution.Outcome.RETURNED
    contribution.comment = comment
    contribution.decided_at = timezone.now()
    contribution.save(update_fields=["outcome", "comment", "decided_at"])
    _notify_contributor(contribution, "repository/email/contribution_returned")


def _event_email(*, registration, template: str, kind: str | None = None) -> None:
    from django.utils import translation

    from notifications.services import email_queue
    from wsr.members.services import language_of

    user = registration.user
    event = registration.event
    language = language_of(user)
    with translation.override(language):
        shown = event.localized  # the event's page in the reader's language, if there is one
        url = shown.url
    context = {
        "title": shown.title,
        "url": url,
        # shown in the recipient's zone, beside the event's own (issue 17)
        "starts_at": event.starts_at.isoformat(),
        "time_zone": event.time_zone,
    }
    if kind is not None:
        from notifications.services import notify

        notify(users=[user], kind=kind, template=template, context=context, target=event, url=url)
        return
    email_queue(template=template, to=[user.email], context=context, language=language)


@transaction.atomic
def event_register(*, event, user):
    """Register `user`, or put them on the waitlist when the event is full."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from .models import EventPage, Registration

    # Lock the event: two people taking the last seat at once must not both get it.
    # Every language's page of the event shares its seats (issue 17).
    event = EventPage.objects.select_for_update().get(pk=event.registration_event.pk)
    if not event.registration_open or event.is_past:
        raise ValidationError(_("Registration for this event is closed."))
    existing = Registration.objects.filter(event=event, user=user).first()
    if existing and existing.status != Registration.Status.CANCELLED:
        return existing
    taken = Registration.objects.filter(event=event, status=Registration.Status.REGISTERED).count()
    full = event.capacity is not None and taken >= event.capacity
    status = Registration.Status.WAITLISTED if full else Registration.Status.REGISTERED
    if existing:
        existing.status = status
        existing.created_at = timezone.now()  # back of the queue
        existing.save(update_fields=["status", "created_at", "updated_at"])
        registration = existing
    else:
        registration = Registration.objects.create(event=event, user=user, status=status)
    _event_email(
        registration=registration,
        template="repository/email/event_registered"
        if not full
        else "repository/email/event_waitlisted",
    )
    return registration


@transaction.atomic
def event_cancel(*, registration):
    """Cancel a registration; a freed seat goes to the first person on the waitlist."""
    from .models import EventPage, Registration

    EventPage.objects.select_for_update().get(pk=registration.event_id)
    registration.refresh_from_db()
    was_registered = registration.status == Registration.Status.REGISTERED
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    if not was_registered:
        return None
    waiting = (
        Registration.objects.filter(
            event_id=registration.event_id, status=Registration.Status.WAITLISTED
        )
        .select_related("user", "event")
        .order_by("created_at", "pk")
        .first()
    )
    if waiting is not None:
        waiting.status = Registration.Status.REGISTERED
        waiting.save(update_fields=["status", "updated_at"])
        _event_email(
            registration=waiting, template="repository/email/event_promoted", kind="event_waitlist"
        )
    return waiting


def event_reminders_send(*, now=None, ahead=timedelta(hours=24)) -> int:
    """Remind each registered person, once, of an event starting within a day (hourly by
    celery-beat; the notification record is what makes "once")."""
    from django.contrib.contenttypes.models import ContentType

    from notifications.models import Notification

    from .models import EventPage, Registration

    now = now or timezone.now()
    event_type = ContentType.objects.get_for_model(EventPage)
    registrations = (
        Registration.objects.filter(
            status=Registration.Status.REGISTERED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + ahead,
        )
        .exclude(
            user_id__in=Notification.objects.filter(
                kind="event_reminder",
                target_type=event_type,
                target_id=models.OuterRef("event_id"),
            ).values("recipient_id")
        )
        .select_related("user__profile", "event")
    )
    sent = 0
    for registration in registrations:
        _event_email(
            registration=registration,
            template="repository/email/event_reminder",
            kind="event_reminder",
        )
        sent += 1
    return sent
