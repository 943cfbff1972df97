"""Writes of promotion: speaker requests (a staff task, answered by email), newsletter
subscriptions (double opt-in), download counts, and the journalists' personal data
(exported and erased on request)."""

from importlib import import_module

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import email_queue
from wsr.members.services import staff_emails

from . import permissions
from .models import JournalistContact, PublicationPage, SpeakerRequest, Subscriber


@transaction.atomic
def speaker_request_submit(*, data: dict, language: str) -> SpeakerRequest:
    request = SpeakerRequest.objects.create(language=language, **data)
    context = {
        "organization": request.organization,
        "event": request.event,
        "date": request.event_date.isoformat(),
        "queue_url": reverse("promotion:speaker-requests"),
        "site_url": settings.SITE_URL,
    }
    email_queue(
        template="promotion/email/speaker_request_staff", to=staff_emails(), context=context
    )
    email_queue(
        template="promotion/email/speaker_request_received",
        to=[request.email],
        context=context,
        language=language,
    )
    return request


@transaction.atomic
def speaker_request_answer(*, request: SpeakerRequest, actor, accept: bool, reply: str):
    if not permissions.can_answer_speaker_request(actor, request):
        raise PermissionDenied
    if not reply.strip():
        raise ValidationError(_("Write the reply."))
    request.status = SpeakerRequest.Status.ACCEPTED if accept else SpeakerRequest.Status.DECLINED
    request.reply = reply.strip()
    request.replied_by, request.replied_at = actor, timezone.now()
    request.save()
    email_queue(
        template="promotion/email/speaker_request_answer",
        to=[request.email],
        context={"event": request.event, "reply": request.reply, "accepted": accept},
        language=request.language,
    )
    return request


@transaction.atomic
def subscriber_signup(*, email: str, language: str) -> Subscriber:
    """Ask for confirmation by email; nothing is sent to the address until it confirms.
    Signing up again re-sends the confirmation (and re-subscribes after an unsubscribe)."""
    subscriber, _created = Subscriber.objects.get_or_create(
        email=email.strip().lower(), defaults={"language": language}
    )
    if subscriber.is_active:
        return subscriber
    subscriber.language = language
    subscriber.unsubscribed_at = None
    subscriber.save(update_fields=["language", "unsubscribed_at"])
    email_queue(
        template="promotion/email/newsletter_confirm",
        to=[subscriber.email],
        context={
            "confirm_url": reverse("promotion:newsletter-confirm", args=[subscriber.token]),
            "site_url": settings.SITE_URL,
        },
        language=language,
    )
    return subscriber


def subscriber_confirm(*, token: str) -> Subscriber | None:
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is not None and subscriber.confirmed_at is None:
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
    return subscriber


def subscriber_unsubscribe(*, token: str) -> Subscriber | None:
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is not None and subscriber.unsubscribed_at is None:
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["unsubscribed_at"])
    return subscriber


def publication_downloaded(*, page: PublicationPage) -> None:
    PublicationPage.objects.filter(pk=page.pk).update(download_count=F("download_count") + 1)


def journalist_export(*, contact: JournalistContact, actor) -> dict:
    """Everything held about a journalist, for a subject access request."""
    if not permissions.can_manage_journalists(actor, contact):
        raise PermissionDenied
    fields = ["name", "outlet", "email", "phone", "beats", "languages", "countries", "notes"]
    data = {name: getattr(contact, name) for name in fields}
    data["last_contacted"] = contact.last_contacted.isoformat() if contact.last_contacted else None
    data["pitches"] = [
        {"date": p.pitched_on.isoformat(), "outcome": p.outcome, "notes": p.notes}
        for p in contact.pitches.all()
    ]
    return data


@transaction.atomic
def journalist_erase(*, contact: JournalistContact, actor) -> None:
    """Erase a journalist on request: the contact, its pitches and its history rows."""
    if not permissions.can_manage_journalists(actor, contact):
        raise PermissionDenied
    pk = contact.pk
    contact.delete()
    # history keeps a copy of every version, and the deletion itself: erase them all
    JournalistContact.history.filter(id=pk).delete()


EDITORS, APPROVERS = "Editors", "Approvers"


@transaction.atomic
def editorial_workflow_ensure(*, index_pages) -> None:
    """Two steps before anything is published under the articles index: an editor reviews,
    then an approver signs off (Wagtail workflow, with its own group approval tasks).
    Editors may write and submit; only approvers may publish (and schedule) pages."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import (
        GroupApprovalTask,
        GroupPagePermission,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    admin_access = Permission.objects.get(codename="access_admin")
    groups = {}
    for name in (EDITORS, APPROVERS):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(admin_access)
        groups[name] = group
    workflow = Workflow.objects.filter(name="Editorial review", active=True).first()
    if workflow is None:
        workflow = Workflow.objects.create(name="Editorial review")
        for order, (task_name, group) in enumerate(
            (("Editor review", groups[EDITORS]), ("Approver sign-off", groups[APPROVERS]))
        ):
            task = GroupApprovalTask.objects.create(name=task_name)
            task.groups.set([group])
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    page_permissions = {
        EDITORS: ("add_page", "change_page"),
        APPROVERS: ("add_page", "change_page", "publish_page", "unlock_page"),
    }
    _editorial_groups_narrow()
    for page in index_pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
        for name, codenames in page_permissions.items():
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=groups[name],
                    page=page,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    ),
                )


def _editorial_groups_narrow() -> None:
    """Editors and Approvers lose Wagtail's default rights over the whole tree and every
    document (the data migration's rule, applied again for a new install's groups)."""
    from django.apps import apps

    narrowing = import_module("promotion.migrations.0003_editorial_groups_narrowed")
    narrowing.narrow(apps, None)
