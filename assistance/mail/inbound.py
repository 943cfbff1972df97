"""What becomes of an email sent to a case address (issue 19). Every message is kept: it
lands on its case as a shared timeline entry when it comes from someone on the case, and
is held for staff otherwise. The same Message-ID is processed once per case address."""

import hashlib
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsr.members.models import Affiliation
from wsr.site.uploads import check_upload

from ..models import Case, CaseAssignment, CaseStatus, InboundMessage, TimelineEntry
from . import text as mailtext
from .addresses import AddressError, is_case_domain, reference_from

logger = logging.getLogger(__name__)
User = get_user_model()

Reason = InboundMessage.Reason
Status = InboundMessage.Status


class Side:
    REQUESTER = "requester"
    EXPERT = "expert"
    NOTE = "note"


def _message_id(message, raw: bytes) -> str:
    found = mailtext._header(message, "Message-ID")  # noqa: SLF001 (same package)
    if found:
        return found[:255]
    # No Message-ID: the content names it, so the same message delivered twice is one.
    return f"<sha256-{hashlib.sha256(raw).hexdigest()}@{settings.CASE_MAIL_DOMAIN}>"


def _case_addresses(addresses) -> list[str]:
    """The distinct addresses on our case domain, in order."""
    return list(dict.fromkeys(a.strip().lower() for a in addresses if is_case_domain(a)))


def _requester_admin(case: Case, sender: str):
    """The active admin of the case's organization whose account address is `sender`: they
    receive the case's emails and write on it as the requester's side (services.cases
    `_requester_side`)."""
    if not case.organization_id:
        return None
    return (
        User.objects.filter(
            affiliations__organization_id=case.organization_id,
            affiliations__role=Affiliation.Role.ADMIN,
            is_active=True,
            email__iexact=sender,
        )
        .order_by("pk")
        .first()
    )


def _sender_side(case: Case, sender: str):
    """(side, account) when `sender` is the requester's verified address (their account's,
    or the contact address they confirmed), the account address of an admin of the case's
    organization (the requester's side, as on the site), or an accepted expert's account
    address."""
    if not sender:
        return None, None
    requester = case.requester
    if requester is not None and requester.is_active:
        if requester.email.lower() == sender:
            return Side.REQUESTER, requester
        if case.email_confirmed_at and case.contact_email.lower() == sender:
            return Side.REQUESTER, requester
    admin = _requester_admin(case, sender)
    if admin is not None:
        return Side.REQUESTER, admin
    assignment = (
        CaseAssignment.objects.filter(
            case=case,
            status=CaseAssignment.Status.ACCEPTED,
            expert__email__iexact=sender,
            expert__is_active=True,
        )
        .select_related("expert")
        .first()
    )
    if assignment is not None:
        return Side.EXPERT, assignment.expert
    return None, None


def _uploads(parsed) -> tuple[list, list[dict]]:
    """Attachments that pass the upload check of case files, and those refused (name and
    why), in the order they came."""
    accepted, refused = [], []
    for attachment in parsed.attachments:
        upload = SimpleUploadedFile(
            attachment.name, attachment.content, content_type=attachment.content_type
        )
        try:
            accepted.append(check_upload(upload))
        except ValidationError as error:
            refused.append({"name": attachment.name, "error": " ".join(error.messages)})
    return accepted, refused


def _requester_replied(case: Case, at) -> None:
    """Starts the next-response clock (service levels, issue 19), when that part exists."""
    try:
        from ..services import service_levels
    except ImportError:  # pragma: no cover - until service levels exist
        return
    if hasattr(service_levels, "requester_replied"):
        service_levels.requester_replied(case, at)


def _land(inbound: InboundMessage, parsed, *, side: str, author) -> TimelineEntry:
    """Put `parsed` on its case: a shared reply (requester's side), a shared message (an
    accepted expert), or an internal note (staff chose it); attachments as case files."""
    from ..services.cases import _email, _file_store, _working_side, case_post

    case = inbound.case
    uploads, refused = _uploads(parsed)
    params = {"via": "email", "sender": inbound.sender}
    if refused:
        params["refused"] = [item["name"] for item in refused]
    first = uploads[0] if uploads else None
    is_shared = side != Side.NOTE
    if author is not None and side in (Side.REQUESTER, Side.EXPERT):
        # The same path as the case page: notifications, first response, service levels.
        entry = case_post(case=case, author=author, body=parsed.text, is_shared=True, upload=first)
    else:
        kind = TimelineEntry.Kind.REPLY if side == Side.REQUESTER else TimelineEntry.Kind.NOTE
        entry = TimelineEntry.objects.create(
            case=case, kind=kind, author=author, body=parsed.text, is_shared=is_shared
        )
        if first is not None:
            _file_store(case=case, author=author, upload=first, is_shared=is_shared, entry=entry)
        if side == Side.REQUESTER:
            _requester_replied(case, entry.created_at)
            _email(
                template="assistance/email/reply",
                to=_working_side(case),
                case=case,
                context={
                    "reference": case.reference,
                    "case_url": case.get_absolute_url(),
                    "author": inbound.sender,
                    "body": entry.body,
                },
                language=settings.LANGUAGE_CODE,
            )
    entry.params = {**entry.params, **params}
    TimelineEntry.objects.filter(pk=entry.pk).update(params=entry.params)
    for upload in uploads[1:]:
        _file_store(case=case, author=author, upload=upload, is_shared=is_shared)
    inbound.entry = entry
    inbound.refused_attachments = refused
    return entry


def _hold(inbound: InboundMessage, reason: str) -> InboundMessage:
    inbound.status = Status.HELD
    inbound.reason = reason
    inbound.save()
    logger.info("case mail %s held: %s", inbound.pk, reason)
    return inbound


@transaction.atomic
def inbound_receive(
    *, raw: bytes, recipients: list[str] | None = None, envelope_sender: str | None = None
) -> list[InboundMessage]:
    """Keep the email `raw` and land it on its case or hold it for staff, once for each case
    address it was sent to: those of the envelope (`recipients`, SMTP RCPT TO), else those
    of the headers; a message to no case address is kept once, held. `envelope_sender`:
    SMTP MAIL FROM ("" for a bounce's "<>"), None when unknown. A (Message-ID, address)
    seen before returns the message kept then, unchanged."""
    if envelope_sender is not None:  # "<>" (a bounce) becomes ""
        envelope_sender = envelope_sender.strip().strip("<>").strip().lower()
    too_large = len(raw) > settings.CASE_MAIL_MAX_BYTES
    message = mailtext.parse(raw[:65536] if too_large else raw)
    message_id = _message_id(message, raw)
    addresses = _case_addresses(recipients or []) or _case_addresses(
        mailtext.recipients_of(message)
    )
    parsed = None if too_large else mailtext.read(raw)
    if not addresses:
        # Kept once, under the addresses it named, so staff can see where it went.
        named = [a.lower() for a in (recipients or [])] + mailtext.recipients_of(message)
        return [
            _receive_one(
                raw,
                message,
                parsed,
                message_id=message_id,
                recipient="",
                named=", ".join(dict.fromkeys(named)),
                envelope_sender=envelope_sender,
            )
        ]
    return [
        _receive_one(
            raw,
            message,
            parsed,
            message_id=message_id,
            recipient=address,
            named=address,
            envelope_sender=envelope_sender,
        )
        for address in addresses
    ]


def _receive_one(
    raw: bytes, message, parsed, *, message_id, recipient, named, envelope_sender
) -> InboundMessage:
    """The message as it reached one case address (`recipient`, "" for none)."""
    named = named[:254]
    existing = InboundMessage.objects.filter(message_id=message_id, recipient=named).first()
    if existing is not None:
        return existing
    senders, single_sender = mailtext.from_addresses(message)
    inbound = InboundMessage(
        message_id=message_id,
        recipient=named,
        sender=(senders[0] if single_sender else ", ".join(senders))[:254],
        subject=" ".join(mailtext._header(message, "Subject").split())[:300],  # noqa: SLF001
        size=len(raw),
    )
    inbound.raw.save("message.eml", ContentFile(raw), save=False)
    try:
        with transaction.atomic():
            inbound.status = Status.HELD  # until decided below
            inbound.save()
    except IntegrityError:  # the same message, delivered at the same moment
        inbound.raw.delete(save=False)
        return InboundMessage.objects.get(message_id=message_id, recipient=named)
    if parsed is None:
        return _hold(inbound, Reason.TOO_LARGE)
    inbound.body = parsed.text
    if not recipient:
        return _hold(inbound, Reason.UNKNOWN_RECIPIENT)
    try:
        reference = reference_from(recipient)
    except AddressError:
        return _hold(inbound, Reason.FORGED_ADDRESS)
    case = Case.objects.filter(reference__iexact=reference).select_related("requester").first()
    if case is None:
        return _hold(inbound, Reason.UNKNOWN_CASE)
    inbound.case = case
    automatic = "bounce" if envelope_sender == "" else mailtext.is_automatic(message)
    if automatic:
        return _hold(inbound, Reason.BOUNCE if automatic == "bounce" else Reason.AUTOMATIC)
    # Several senders, or a From read differently by different mail programs: whose is it?
    if not single_sender:
        return _hold(inbound, Reason.SEVERAL_SENDERS)
    side, author = _sender_side(case, inbound.sender)
    inbound.sender_user = author
    if side is None:
        return _hold(inbound, Reason.UNKNOWN_SENDER)
    if _spoofed(message, inbound.sender, envelope_sender):
        return _hold(inbound, Reason.UNAUTHENTICATED)
    if case.status == CaseStatus.CLOSED or case.anonymized_at is not None:
        return _hold(inbound, Reason.CLOSED_CASE)
    if not parsed.text and not parsed.attachments:
        return _hold(inbound, Reason.EMPTY)
    _land(inbound, parsed, side=side, author=author)
    inbound.status = Status.ACCEPTED
    inbound.save()
    logger.info("case mail %s added to case %s", inbound.pk, case.pk)
    return inbound


def _spoofed(message, sender: str, envelope_sender: str | None) -> bool:
    """A From address is easy to write. Held: our server's Authentication-Results say it
    failed (DMARC, or SPF without a DKIM signature of the From domain); or the envelope
    sender is of another domain than the From address and our server's results do not show
    that the From domain sent it (DMARC or its DKIM signature passed)."""
    authserv_id = settings.CASE_MAIL_AUTHSERV_ID
    domain = mailtext.domain_of(sender)
    if mailtext.sender_unverified(message, authserv_id, domain):
        return True
    envelope_domain = mailtext.domain_of(envelope_sender or "")
    if envelope_sender and not mailtext.related_domains(envelope_domain, domain):
        return not mailtext.sender_verified(message, authserv_id, domain)
    return False


def _reread(inbound: InboundMessage):
    with inbound.raw.open("rb") as handle:
        return mailtext.read(handle.read())


@transaction.atomic
def inbound_release(*, inbound: InboundMessage, actor, case: Case, as_note: bool) -> TimelineEntry:
    """Staff put a held email on `case`: as the requester side's reply (shared, the working
    side is told) or as an internal note."""
    inbound = InboundMessage.objects.select_for_update().get(pk=inbound.pk)
    if inbound.status != Status.HELD:
        raise ValidationError(_("This email was already dealt with."))
    inbound.case = case
    found_side, author = _sender_side(case, inbound.sender)
    if as_note:
        side = Side.NOTE
    else:
        # Only the requester's own account writes as itself; anyone else by address.
        side = Side.REQUESTER
        author = author if found_side == Side.REQUESTER else None
    parsed = _reread(inbound)
    entry = _land(inbound, parsed, side=side, author=author)
    inbound.status = Status.RELEASED
    inbound.decided_at = timezone.now()
    inbound.decided_by = actor
    inbound.save()
    return entry


@transaction.atomic
def inbound_discard(*, inbound: InboundMessage, actor) -> InboundMessage:
    """Staff decided a held email belongs nowhere; it is kept, marked discarded."""
    inbound = InboundMessage.objects.select_for_update().get(pk=inbound.pk)
    if inbound.status != Status.HELD:
        raise ValidationError(_("This email was already dealt with."))
    inbound.status = Status.DISCARDED
    inbound.decided_at = timezone.now()
    inbound.decided_by = actor
    inbound.save()
    return inbound


def held_messages():
    """Held emails, newest first, with their case."""
    return InboundMessage.objects.filter(status=Status.HELD).select_related("case")


def held_count() -> int:
    return InboundMessage.objects.filter(status=Status.HELD).count()
