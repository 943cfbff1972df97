"""Writes of requests for response (issue 20): staff send a company a secure link, the company
answers once through it, staff take down what must not stay public.

The link carries a random token; only its sha256 is stored, and the token exists only in the
email's outbox row (deleted once sent): never in a task's arguments, a notification or a log
line."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.services import email_queue
from wsr.members.services import language_of

from .models import Company, CompanyResponse, ResponseRequest
from .permissions import can_request_response, can_take_down_response

logger = logging.getLogger(__name__)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def grace() -> timedelta:
    return timedelta(days=settings.WSR_COMPANY_RESPONSE_GRACE_DAYS)


# A deadline is at most this far ahead (a year, leap day included): the link's expiry is the
# deadline plus the grace, which must stay a date (9999-12-31 would overflow).
MAX_DEADLINE_AHEAD = timedelta(days=366)


def deadline_check(deadline, *, now=None) -> None:
    """ValidationError unless `deadline` is in the future and no more than a year ahead."""
    now = now or timezone.now()
    if deadline <= now:
        raise ValidationError(_("The deadline must be in the future."))
    if deadline > now + MAX_DEADLINE_AHEAD:
        raise ValidationError(_("The deadline must be no more than a year ahead."))


def response_request_for_token(token: str) -> ResponseRequest | None:
    """The request whose link holds `token`, or None. Every token, right or wrong, costs one
    hash and one indexed lookup of the hash (the token itself is never compared)."""
    digest = token_digest(token or "")
    return ResponseRequest.objects.select_related("company").filter(token_hash=digest).first()


def link_state(response_request: ResponseRequest, *, now=None) -> str:
    """ "open", "received" (used once), "expired" or "closed" (withdrawn)."""
    now = now or timezone.now()
    if response_request.status == ResponseRequest.Status.WITHDRAWN:
        return "closed"
    if response_request.token_used_at is not None:
        return "received"
    if response_request.token_expires_at is None or response_request.token_expires_at <= now:
        return "expired"
    return "open"


@transaction.atomic
def response_request_create(
    *,
    company: Company,
    actor,
    subject: str,
    title: str,
    text: str,
    deadline,
    contact_name: str,
    contact_email: str,
    source_title: str = "",
    source_url: str = "",
    is_published: bool = True,
) -> ResponseRequest:
    """Staff ask `company` to respond, and the link is emailed to its contact at once."""
    if not can_request_response(actor, company):
        raise PermissionDenied(_("Only staff ask companies to respond."))
    deadline_check(deadline)
    response_request = ResponseRequest.objects.create(
        company=company,
        subject=subject,
        title=title,
        text=text,
        deadline=deadline,
        contact_name=contact_name,
        contact_email=contact_email,
        source_title=source_title,
        source_url=source_url,
        is_published=is_published,
    )
    response_request_send(response_request=response_request, actor=actor)
    return response_request


@transaction.atomic
def response_request_send(*, response_request: ResponseRequest, actor) -> None:
    """Email a new link to the company's contact (the first, or a new one after the last was
    used or expired): any earlier link stops working. It stays valid until the deadline (or
    now, when sent after it) plus the grace."""
    if not can_request_response(actor, response_request.company):
        raise PermissionDenied(_("Only staff ask companies to respond."))
    if response_request.status == ResponseRequest.Status.WITHDRAWN:
        raise ValidationError(_("This request was withdrawn."))
    if not response_request.contact_email:
        raise ValidationError(_("The request has no contact email."))
    now = timezone.now()
    if response_request.deadline > now + MAX_DEADLINE_AHEAD:
        raise ValidationError(_("The deadline must be no more than a year ahead."))
    token = secrets.token_urlsafe(32)
    response_request.token_hash = token_digest(token)
    response_request.token_expires_at = max(response_request.deadline, now) + grace()
    response_request.token_used_at = None
    response_request.sent_at = response_request.sent_at or now
    response_request.sent_by = actor
    response_request.save()
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        respond_url = reverse("companies:request-respond", kwargs={"token": token})
        subject_label = str(response_request.get_subject_display())
    email_queue(
        template="companies/email/response_request",
        to=[response_request.contact_email],
        context={
            "contact_name": response_request.contact_name,
            "company": response_request.company.name,
            "subject": subject_label,
            "title": response_request.title,
            "text": response_request.text,
            "source_title": response_request.source_title,
            "source_url": response_request.source_url,
            "deadline": response_request.deadline.isoformat(),
            "expires_at": response_request.token_expires_at.isoformat(),
            "respond_url": respond_url,
            "is_published": response_request.is_published,
        },
        language=language,
    )
    logger.info("Request for response %s sent", response_request.pk)


@transaction.atomic
def response_request_withdraw(*, response_request: ResponseRequest, actor) -> None:
    """Staff withdraw a request: its link stops working and it leaves the company page.
    Not once the company answered: the answer and its record stay (a response that must not
    stay public is taken down, which leaves a dated note)."""
    if not can_request_response(actor, response_request.company):
        raise PermissionDenied(_("Only staff withdraw requests."))
    if response_request.status == ResponseRequest.Status.RESPONDED:
        raise ValidationError(
            _("The company already responded: take the response down instead of withdrawing.")
        )
    # The hash stays, so the link says clearly that the request is closed (410).
    response_request.status = ResponseRequest.Status.WITHDRAWN
    response_request.save(update_fields=["status"])


@transaction.atomic
def response_submit(
    *, response_request: ResponseRequest, responder_name: str, responder_role: str, text: str
) -> CompanyResponse:
    """The company answers through its link: published at once (staff may take it down), in
    place of any earlier response, and the link accepts nothing more."""
    locked = ResponseRequest.objects.select_for_update().get(pk=response_request.pk)
    now = timezone.now()
    if link_state(locked, now=now) != "open":
        raise ValidationError(_("This link accepts no more responses."))
    locked.responses.filter(published_at__isnull=False).update(published_at=None)
    response = CompanyResponse.objects.create(
        request=locked,
        responder_name=responder_name,
        responder_role=responder_role,
        text=text,
        submitted_at=now,
        published_at=now,
    )
    locked.token_used_at = now
    locked.status = ResponseRequest.Status.RESPONDED
    locked.save(update_fields=["token_used_at", "status"])
    if locked.sent_by is not None and locked.sent_by.email:
        email_queue(
            template="companies/email/response_received",
            to=[locked.sent_by.email],
            context={
                "company": locked.company.name,
                "title": locked.title,
                "url": locked.get_absolute_url(),
                "is_published": locked.is_published,
            },
            language=language_of(locked.sent_by),
        )
    logger.info("Response %s received for request %s", response.pk, locked.pk)
    return response


@transaction.atomic
def response_take_down(*, response: CompanyResponse, actor, reason: str) -> None:
    """Staff take a response down (unlawful content): a dated note with the reason stays."""
    if not can_take_down_response(actor, response):
        raise PermissionDenied(_("Only staff take down responses."))
    if not reason.strip():
        raise ValidationError(_("Say why the response is taken down."))
    # Once only: a second take-down would overwrite the public reason and date.
    current = CompanyResponse.objects.select_for_update().only("withdrawn_at").get(pk=response.pk)
    if current.withdrawn_at is not None:
        raise ValidationError(_("This response was already taken down."))
    response.withdrawn_at = timezone.now()
    response.withdrawn_by = actor
    response.withdrawn_reason = reason.strip()
    response.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])


def response_contacts_forget(*, now=None) -> int:
    """Clear the contact's name and email from requests whose link expired more than
    WSR_COMPANY_RESPONSE_CONTACT_RETENTION_DAYS ago (they are people without an account)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.WSR_COMPANY_RESPONSE_CONTACT_RETENTION_DAYS)
    return (
        ResponseRequest.objects.filter(token_expires_at__lt=cutoff, contact_forgotten_at=None)
        .exclude(contact_email="", contact_name="")
        .update(contact_name="", contact_email="", contact_forgotten_at=now)
    )
