"""Writes of the assistance desk: every change of a case goes through here, is recorded in
the case's timeline (who, when) and, through django-simple-history, in its field history."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wsr.members.models import Affiliation
from wsr.members.services import language_of, profile_ensure, staff_emails

from .. import permissions
from ..models import (
    NEEDS_REASON_STATUSES,
    TRANSITIONS,
    Case,
    CaseAssignment,
    CaseFile,
    CaseStatus,
    CaseTask,
    TimelineEntry,
)
from . import service_levels

User = get_user_model()


def working_days_after(start: date, days: int) -> date:
    """The date `days` working days (Monday to Friday, not a holiday) after `start`."""
    return service_levels.working_days_after(start, days)


def _email(
    *, template: str, to: list[str], context: dict, language: str, case: Case | None = None
) -> None:
    """About a case: a notification to each person with an account (their preferences
    apply; the case's audience is checked again when it is sent); to other addresses (a
    requester's contact address, the staff mailbox) the email itself."""
    from notifications.services import email_queue

    from ..mail.addresses import case_mail_headers

    email_queue(
        template=template,
        to=to,
        context=context,
        language=language,
        kind="case_update" if case is not None else None,
        target=case,
        url=_case_url(case) if case is not None else "",
        # Replies go to the case and clients thread its emails (issue 19).
        headers=case_mail_headers(case) if case is not None else None,
    )


def _case_url(case: Case) -> str:
    return reverse("assistance:case-detail", kwargs={"reference": case.reference})


def _requester_side(case: Case) -> list:
    """The people on the requesting side: the requester and the linked organization's
    admins (nobody for an unconfirmed request without an organization)."""
    people = [case.requester] if case.requester_id else []
    if case.organization_id:
        admins = User.objects.filter(
            affiliations__organization_id=case.organization_id,
            affiliations__role=Affiliation.Role.ADMIN,
            is_active=True,
        )
        people += [a for a in admins if a.pk != case.requester_id]
    return people


def _tell_requester_side(case: Case, template: str, context: dict) -> None:
    """Email the requester's side about their own case, always: consent governs sharing,
    not whether people hear about their request (issue 16). An address nobody confirmed is
    told nothing more than the receipt (it is on nobody's side yet)."""
    for person in _requester_side(case):
        _email(
            template=template,
            to=[person.email],
            case=case,
            context={"reference": case.reference, "case_url": _case_url(case), **context},
            language=case.preferred_language,
        )


def _working_side(case: Case) -> list[str]:
    """The lead and the experts who accepted (or the staff list when no lead yet)."""
    emails = [
        a.expert.email for a in case.assignments.select_related("expert") if a.status == "accepted"
    ]
    if case.lead_id:
        emails.append(case.lead.email)
    return emails or staff_emails()


def _entry(
    *, case, kind, author, body="", is_shared=False, status="", event="", params=None
) -> TimelineEntry:
    """A timeline entry: what someone wrote (`body`), or a system `event` (a code of
    TIMELINE_EVENTS and its `params`), worded in each reader's language when shown."""
    return TimelineEntry.objects.create(
        case=case,
        kind=kind,
        author=author,
        body=body,
        is_shared=is_shared,
        status=status,
        event=event,
        params=params or {},
    )


def _first_response(case: Case, actor) -> None:
    """The first time someone from the Collaborative answers, the clock stops."""
    if (
        case.first_response_at is None
        and actor is not None
        and permissions.can_see_whole_case(actor, case)
    ):
        case.first_response_at = timezone.now()


def _save(case: Case, actor, fields: list[str]) -> None:
    case._history_user = actor  # noqa: SLF001 (django-simple-history's documented hook)
    case.save(update_fields=[*fields, "updated_at"])


# Requests --------------------------------------------------------------------------------

# The link that proves a visitor's address: signed with its own salt, bound to the case and
# the address, and valid for ASSISTANCE_CONFIRM_MAX_AGE (a week unless set).
CONFIRM_SALT = "assistance.request-confirm"


def confirm_max_age() -> timedelta:
    return getattr(settings, "ASSISTANCE_CONFIRM_MAX_AGE", timedelta(days=7))


def _account_for(*, email: str, name: str, language: str):
    """The account of `email`, created (without a password) when there is none."""
    from allauth.account.models import EmailAddress

    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    user = User.objects.create_user(email=email, password=None)
    first, _sep, last = name.partition(" ")
    user.first_name, user.last_name = first[:150], last[:150]
    user.save(update_fields=["first_name", "last_name"])
    profile = profile_ensure(user=user)
    profile.display_name = name[:120]
    profile.preferred_language = language
    profile.save(update_fields=["display_name", "preferred_language"])
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    return user, True


def set_password_url(user) -> str:
    """allauth's link to choose a password, for an account made from a request."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    return reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )


def request_confirm_token(case: Case) -> str:
    """The signed token of the confirmation link of `case` (made when the email is sent)."""
    return signing.dumps({"c": case.pk, "e": case.contact_email.lower()}, salt=CONFIRM_SALT)


class ConfirmLinkError(Exception):
    """A confirmation link that was altered, belongs to nothing, or has expired."""

    def __init__(self, *, expired: bool):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def request_confirm_read(token: str) -> Case:
    """The case a confirmation token stands for; ConfirmLinkError when the token was not
    made here, was altered, has expired, or no longer matches the case's address."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=confirm_max_age())
    except signing.SignatureExpired:
        raise ConfirmLinkError(expired=True) from None
    except signing.BadSignature:
        raise ConfirmLinkError(expired=False) from None
    if not isinstance(data, dict) or not isinstance(data.get("c"), int):
        raise ConfirmLinkError(expired=False)
    case = Case.objects.filter(pk=data["c"]).first()
    if case is None or case.contact_email.lower() != data.get("e"):
        raise ConfirmLinkError(expired=False)
    return case


@transaction.atomic
def request_confirm(*, case: Case):
    """The person who typed a visitor's request proved the address: the case becomes
    theirs (an account is made for the address if there is none). Returns the account, or
    None when the case was already confirmed (a second click changes nothing). No
    organization is made or joined: staff link the case to one."""
    from allauth.account.models import EmailAddress

    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case.is_unverified:
        return None
    user, _created = _account_for(
        email=case.contact_email, name=case.contact_name, language=case.preferred_language
    )
    EmailAddress.objects.filter(user=user, email__iexact=case.contact_email).update(verified=True)
    case.requester = user
    case.email_confirmed_at = timezone.now()
    _save(case, user, ["requester", "email_confirmed_at"])
    # What was filed before the address was proved is the requester's own.
    case.timeline.filter(author__isnull=True, is_shared=True).update(author=user)
    case.files.filter(uploaded_by__isnull=True).update(uploaded_by=user)
    _entry(
        case=case,
        kind=TimelineEntry.Kind.NOTE,
        author=user,
        event="email_confirmed",
        is_shared=True,
    )
    return user


@transaction.atomic
def request_submit(*, user, data: dict, uploads=()) -> Case:
    """A request for assistance becomes a case. A signed-in person files as themselves,
    for one of their organizations or naming another; a visitor's request (`user` None)
    belongs to nobody until the address is confirmed by the emailed link (issue 15). A typed
    organization name is kept as text: it never creates or joins an organization."""
    signed_in = user is not None and user.is_authenticated
    organization = data.get("organization") if signed_in else None
    if (
        organization is not None
        and not Affiliation.objects.filter(user=user, organization=organization).exists()
    ):
        raise PermissionDenied("Not affiliated with this organization.")
    case = Case(
        organization=organization,
        organization_name="" if organization else data.get("organization_name", "")[:200],
        requester=user if signed_in else None,
        contact_name=data["contact_name"],
        contact_email=data.get("contact_email") or (user.email if signed_in else ""),
        contact_phone=data.get("contact_phone", ""),
        kind=data["kind"],
        sector=data.get("sector"),
        countries=list(data.get("countries", [])),
        description=data["description"],
        urgency=data["urgency"],
        preferred_language=data["preferred_language"],
        consent_to_share=data.get("consent_to_share", False),
        first_response_due=working_days_after(
            timezone.localdate(), settings.ASSISTANCE_FIRST_RESPONSE_DAYS
        ),
    )
    # The first-response target by urgency (service levels, issue 19) replaces the default.
    case.response_due_at = service_levels.first_due(case.urgency, case.submitted_at)
    case.first_response_due = timezone.localdate(case.response_due_at)
    author = user if signed_in else None
    case._history_user = author  # noqa: SLF001
    case.save()
    service_levels.start_first(case)
    _entry(
        case=case,
        kind=TimelineEntry.Kind.STATUS,
        author=author,
        is_shared=True,
        status=CaseStatus.SUBMITTED,
    )
    for upload in uploads:
        _file_store(case=case, author=author, upload=upload, is_shared=True)
    # The receipt (with the confirmation link) waits in the outbox: only its id is queued.
    request_receipt_send(case=case)
    _email(
        template="assistance/email/request_received_staff",
        to=staff_emails(),
        context={
            "reference": case.reference,
            "organization": case.organization_label,
            "contact_name": case.contact_name,
            "is_unverified": case.is_unverified,
            "kind": case.kind,  # codes: worded in each reader's language
            "urgency": case.urgency,
            "case_url": _case_url(case),
        },
        language=settings.LANGUAGE_CODE,
    )
    return case


def request_receipt_send(*, case: Case) -> None:
    """Email the receipt of `case`: to a visitor's address with the link that confirms it;
    to a signed-in requester (and the contact address they gave) with the case's link."""
    context = {
        "reference": case.reference,
        "case_url": _case_url(case),
        "due": case.first_response_due.isoformat(),
    }
    if case.is_unverified:
        recipients = [case.contact_email]
        context.update(
            confirm_url=reverse(
                "assistance:request-confirm", kwargs={"token": request_confirm_token(case)}
            ),
            confirm_days=confirm_max_age().days,
        )
    else:
        recipients = [case.contact_email, case.requester.email]
    from notifications.services import email_queue

    from ..mail.addresses import case_mail_headers

    for address in sorted({address.lower() for address in recipients if address}):
        email_queue(
            template="assistance/email/request_received",
            to=[address],
            context=context,
            language=case.preferred_language,
            headers=case_mail_headers(case),
        )


# Lifecycle -------------------------------------------------------------------------------


@transaction.atomic
def case_transition(*, case: Case, actor, to_status: str, reason: str = "") -> Case:
    """Move `case` along an allowed path; a decline, referral, hold or reopening says why."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if to_status not in TRANSITIONS.get(case.status, ()):
        raise ValidationError(
            _("A case that is “%(current)s” cannot become “%(next)s”.")
            % {
                "current": case.get_status_display(),
                "next": CaseStatus(to_status).label
                if to_status in CaseStatus.values
                else to_status,
            }
        )
    reason = reason.strip()
    if to_status in NEEDS_REASON_STATUSES and not reason:
        raise ValidationError(_("Say why: the requester will read it."))
    previous = case.status
    case.status = to_status
    case.status_reason = reason
    now = timezone.now()
    fields = ["status", "status_reason"]
    if to_status == CaseStatus.RESOLVED:
        case.resolved_at = now
        fields.append("resolved_at")
    if to_status == CaseStatus.CLOSED:
        case.closed_at = now
        fields.append("closed_at")
    if to_status == CaseStatus.REOPENED:
        case.resolved_at = case.closed_at = None
        fields += ["resolved_at", "closed_at"]
    if case.first_response_at is None:
        _first_response(case, actor)
        fields.append("first_response_at")
    _save(case, actor, fields)
    service_levels.responded(case, actor, now)  # a shared status change answers
    if not case.is_open:
        service_levels.closed(case)
    _entry(
        case=case,
        kind=TimelineEntry.Kind.STATUS,
        author=actor,
        body=reason,
        is_shared=True,
        status=to_status,
    )
    _tell_requester_side(
        case,
        "assistance/email/status_changed",
        {"previous": previous, "status": case.status, "reason": reason},
    )
    return case


@transaction.atomic
def case_update(*, case: Case, actor, data: dict) -> Case:
    """Staff correct the classification or the lead; the history keeps the old values."""
    changed = [name for name, value in data.items() if getattr(case, name) != value]
    if not changed:
        return case
    for name in changed:
        setattr(case, name, data[name])
    _save(case, actor, changed)
    if "urgency" in changed:
        service_levels.retarget(case)
    if "organization" in changed:
        _entry(
            case=case,
            kind=TimelineEntry.Kind.NOTE,
            author=actor,
            event="organization_linked" if case.organization_id else "organization_unlinked",
            params={"name": case.organization.name} if case.organization_id else {},
        )
    if "lead" in changed and case.lead is not None:
        _entry(
            case=case,
            kind=TimelineEntry.Kind.ASSIGNMENT,
            author=actor,
            event="lead_assigned",
            params={"name": case.lead.display_name},
        )
        _email(
            template="assistance/email/lead_assigned",
            to=[case.lead.email],
            case=case,
            context={"reference": case.reference, "case_url": _case_url(case)},
            language=language_of(case.lead),
        )
    return case


# Timeline --------------------------------------------------------------------------------


def _file_store(*, case, author, upload, is_shared, entry=None) -> CaseFile:
    if entry is None:
        entry = _entry(case=case, kind=TimelineEntry.Kind.FILE, author=author, is_shared=is_shared)
    return CaseFile.objects.create(
        case=case,
        entry=entry,
        file=upload,
        original_name=upload.name[:255],
        content_type=getattr(upload, "detected_type", "application/octet-stream"),
        size=upload.size,
        uploaded_by=author,
    )


@transaction.atomic
def case_post(*, case: Case, author, body: str, is_shared: bool, upload=None) -> TimelineEntry:
    """A note (internal or shared), a message to the requester, or the requester's reply,
    with an optional file. The requester's side can only post shared replies."""
    working = permissions.can_see_whole_case(author, case)
    if not working:
        kind, is_shared = TimelineEntry.Kind.REPLY, True
    elif is_shared:
        kind = TimelineEntry.Kind.MESSAGE
    else:
        kind = TimelineEntry.Kind.NOTE
    entry = _entry(case=case, kind=kind, author=author, body=body.strip(), is_shared=is_shared)
    if upload is not None:
        _file_store(case=case, author=author, upload=upload, is_shared=is_shared, entry=entry)
    if working and is_shared and case.first_response_at is None:
        _first_response(case, author)
        _save(case, author, ["first_response_at"])
    if working and is_shared:
        service_levels.responded(case, author, entry.created_at)
    elif not working:
        service_levels.requester_replied(case, entry.created_at)
    if kind == TimelineEntry.Kind.MESSAGE:
        _tell_requester_side(
            case, "assistance/email/message", {"author": author.display_name, "body": entry.body}
        )
    elif kind == TimelineEntry.Kind.REPLY:
        _email(
            template="assistance/email/reply",
            to=_working_side(case),
            case=case,
            context={
                "reference": case.reference,
                "case_url": _case_url(case),
                "author": author.display_name,
                "body": entry.body,
            },
            language=settings.LANGUAGE_CODE,
        )
    return entry


@transaction.atomic
def case_consent_set(*, case: Case, actor, consent: bool) -> Case:
    """The requester agrees, after filing, to share the case with experts and in anonymized
    lessons (the box they left unticked on the form), or takes that back: as easy to
    withdraw as to give. Experts already working keep what they were shown."""
    if not permissions.can_give_consent_to_share(actor, case):
        raise PermissionDenied
    if case.consent_to_share == consent:
        return case
    case.consent_to_share = consent
    _save(case, actor, ["consent_to_share"])
    _entry(
        case=case,
        kind=TimelineEntry.Kind.NOTE,
        author=actor,
        event="consent_given" if consent else "consent_withdrawn",
        is_shared=True,
    )
    return case


# Experts ---------------------------------------------------------------------------------


def _require_consent_to_share(case: Case, message: str) -> None:
    if not case.consent_to_share:
        raise ValidationError(message)


@transaction.atomic
def expert_invite(
    *, case: Case, actor, expert, reason: str = "", reasons: list | None = None
) -> CaseAssignment:
    """Ask `expert` to work on `case`: only when the requester agreed to share it. `reason`
    is what staff typed; `reasons` the suggestion's (codes, worded for each reader)."""
    _require_consent_to_share(
        case,
        _(
            "The requester did not agree to share this case with experts. Ask them in a "
            "message: they can agree from their case page."
        ),
    )
    if CaseAssignment.objects.filter(case=case, expert=expert).exists():
        raise ValidationError(_("This person was already asked to work on this case."))
    assignment = CaseAssignment(
        case=case, expert=expert, reason=reason[:300], reasons=reasons or [], invited_by=actor
    )
    assignment._history_user = actor  # noqa: SLF001
    assignment.save()
    _entry(
        case=case,
        kind=TimelineEntry.Kind.ASSIGNMENT,
        author=actor,
        event="expert_invited",
        params={"name": expert.display_name},
    )
    from notifications.services import tell

    # About the assignment, not the case: until they accept, the expert is not in the
    # case's audience, only in their invitation's.
    tell(
        to=[expert.email],
        kind="case_update",
        template="assistance/email/expert_invited",
        target=assignment,
        url=_case_url(case),
        context={
            "reference": case.reference,
            "case_url": _case_url(case),
            "kind": case.kind,
            "reason": assignment.reason,
            "reasons": assignment.reasons,
        },
        language=language_of(expert),
    )
    return assignment


@transaction.atomic
def assignment_respond(*, assignment: CaseAssignment, expert, accept: bool) -> CaseAssignment:
    if assignment.expert_id != expert.pk:
        raise PermissionDenied
    if assignment.status != CaseAssignment.Status.INVITED:
        raise ValidationError(_("You already answered this invitation."))
    assignment.status = CaseAssignment.Status.ACCEPTED if accept else CaseAssignment.Status.DECLINED
    assignment.responded_at = timezone.now()
    assignment._history_user = expert  # noqa: SLF001
    assignment.save(update_fields=["status", "responded_at"])
    _entry(
        case=assignment.case,
        kind=TimelineEntry.Kind.ASSIGNMENT,
        author=expert,
        event="expert_accepted" if accept else "expert_declined",
        params={"name": expert.display_name},
    )
    case = assignment.case
    _email(
        template="assistance/email/expert_answered",
        to=[case.lead.email] if case.lead_id else staff_emails(),
        case=case,
        context={
            "reference": case.reference,
            "case_url": _case_url(case),
            "expert": expert.display_name,
            "accepted": accept,
        },
        language=settings.LANGUAGE_CODE,
    )
    return assignment


# Tasks and milestones --------------------------------------------------------------------


@transaction.atomic
def case_task_add(
    *, case: Case, actor, title: str, owner, due_on: date, is_shared: bool = False
) -> CaseTask:
    task = CaseTask(
        case=case, title=title, owner=owner, due_on=due_on, is_shared=is_shared, created_by=actor
    )
    task._history_user = actor  # noqa: SLF001
    task.save()
    _entry(
        case=case,
        kind=TimelineEntry.Kind.TASK,
        author=actor,
        event="task_added",
        params={"title": title, "owner": owner.display_name, "due": due_on.isoformat()},
        is_shared=is_shared,
    )
    return task


@transaction.atomic
def case_task_complete(*, task: CaseTask, actor) -> CaseTask:
    if task.done_at is None:
        task.done_at = timezone.now()
        task._history_user = actor  # noqa: SLF001
        task.save(update_fields=["done_at"])
        _entry(
            case=task.case,
            kind=TimelineEntry.Kind.TASK,
            author=actor,
            event="task_done",
            params={"title": task.title},
            is_shared=task.is_shared,
        )
    return task


def task_reminders_send(*, today: date | None = None) -> int:
    """Email the owner of each open task due today or overdue, once a day. Returns how many."""
    today = today or timezone.localdate()
    due = (
        CaseTask.objects.filter(
            done_at__isnull=True,
            due_on__lte=today,
            case__status__in=[
                s for s in CaseStatus.values if s not in ("closed", "declined", "referred")
            ],
        )
        .exclude(reminded_on=today)
        .select_related("owner", "case")
    )
    sent = 0
    for task in due:
        with transaction.atomic():
            _email(
                template="assistance/email/task_due",
                to=[task.owner.email],
                case=task.case,
                context={
                    "reference": task.case.reference,
                    "case_url": _case_url(task.case),
                    "title": task.title,
                    "due": task.due_on.isoformat(),
                    "overdue": task.due_on < today,
                },
                language=language_of(task.owner),
            )
            CaseTask.objects.filter(pk=task.pk).update(reminded_on=today)
        sent += 1
    return sent


# From casework to knowledge --------------------------------------------------------------


@transaction.atomic
def lesson_start(*, case: Case, actor, title: str, summary: str):
    """Start a lesson-learned resource from a resolved case: a draft in the repository's
    moderation workflow, written by staff, carrying only the kind of help, the sector and
    the countries; nothing of the case's notes, names or files, and no link back to it."""
    from repository.services import lesson_draft_create

    if not permissions.can_draw_lesson_from_case(actor, case):
        raise PermissionDenied
    _require_consent_to_share(
        case, _("The requester did not agree to lessons drawn from this case.")
    )
    if case.status not in (CaseStatus.RESOLVED, CaseStatus.CLOSED) or case.resolved_at is None:
        raise ValidationError(_("A lesson is drawn from a resolved case."))
    if case.lesson_drawn_at is not None:
        raise ValidationError(_("A lesson was already drawn from this case."))
    page = lesson_draft_create(
        user=actor,
        title=title,
        summary=summary,
        sector=case.sector,
        countries=list(case.countries),
        topic=case.get_kind_display(),
    )
    case.lesson_drawn_at = timezone.now()
    case.lesson_page_id = page.pk
    _save(case, actor, ["lesson_drawn_at", "lesson_page_id"])
    _entry(
        case=case,
        kind=TimelineEntry.Kind.LESSON,
        author=actor,
        event="lesson_started",
    )
    return page
