"""Private conversations (issue 20): "I can help" on an ask opens one between the offering
organization and the effort; members write to members directly. Every message goes
through the one write limit and the Markdown sanitizer; a block silences the blocked
person towards the blocker; a reported message reaches staff, who never read the rest."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.services import notify
from wsr.members.models import Affiliation, Membership

from ..models import Block, Conversation, ConversationParticipant, Message, Report, Update
from ..permissions import (
    blockers_of,
    can_handle_reports,
    can_message,
    can_offer_help,
    can_read_conversation,
    help_organizations_of,
)
from .groups import render_markdown
from .limits import write_check

# lazy: translated when shown, in the reader's language
CANNOT_MESSAGE = gettext_lazy("You cannot message this person.")
EXCERPT = 400
MAX_LENGTH = 5000


def _direct_key(first, second) -> str:
    low, high = sorted([first.pk, second.pk])
    return f"{low}:{high}"


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a message."))
    if len(body) > MAX_LENGTH:
        raise ValidationError(
            _("A message holds at most %(count)d characters.") % {"count": MAX_LENGTH}
        )
    return body


def _participate(conversation, user, *, read_at=None):
    participant, _created = ConversationParticipant.objects.get_or_create(
        conversation=conversation, user=user
    )
    if read_at is not None:
        ConversationParticipant.objects.filter(pk=participant.pk).update(last_read_at=read_at)
    return participant


def _effort_side(conversation) -> list:
    """The people told of a new offer of help: the effort's owner and the admins of its
    lead organizations (active members), so an offer is seen even when the owner is away."""
    effort = conversation.effort
    people = {}
    if effort.owner is not None:
        people[effort.owner.pk] = effort.owner
    for affiliation in Affiliation.objects.filter(
        organization__in=effort.lead_organizations.all(),
        role=Affiliation.Role.ADMIN,
        organization__membership__status=Membership.Status.ACTIVE,
    ).select_related("user"):
        people[affiliation.user.pk] = affiliation.user
    return list(people.values())


def _recipients(conversation, author) -> list:
    """Who hears of a new message: everyone who took part but the author, and, in a
    conversation of organizations, the effort's side, less those who blocked the author.
    Whoever may no longer read the conversation is left out by `notify` itself, which
    checks `Conversation.objects.visible_to` when the notification is shown or sent (the
    target is the conversation): a constant number of queries, whatever the people."""
    people = {
        p.user.pk: p.user
        for p in conversation.participants.select_related("user").exclude(user=author)
    }
    if not conversation.is_direct and conversation.effort_id:
        for person in _effort_side(conversation):
            people.setdefault(person.pk, person)
    blockers = blockers_of(author)
    return [person for pk, person in people.items() if pk != author.pk and pk not in blockers]


def _message_add(*, conversation, author, body) -> Message:
    write_check(author)
    now = timezone.now()
    message = Message.objects.create(
        conversation=conversation,
        author=author,
        body=body,
        body_html=render_markdown(body),
        created_at=now,
    )
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    conversation.last_message_at = now
    _participate(conversation, author, read_at=now)
    return message


def _tell(*, conversation, message, author, kind, users):
    url = conversation.get_absolute_url()
    context = {
        "author": author.display_name,
        "excerpt": message.body[:EXCERPT],
        "conversation_url": url,
        "site_url": settings.SITE_URL,
    }
    if not conversation.is_direct:
        context |= {
            "organization": conversation.offering_organization.name,
            "effort": conversation.effort.name,
        }
    template = (
        "coordination/email/help_offered"
        if kind == "help_offered"
        else "coordination/email/direct_message"
    )
    notify(
        users=users,
        kind=kind,
        template=template,
        context=context,
        target=conversation,
        url=url,
    )


@transaction.atomic
def help_offer(*, update: Update, user, organization, body: str) -> tuple[Conversation, bool]:
    """`user` offers help on `update`'s ask in the name of `organization`: opens the
    conversation between that organization and the effort, and tells the effort's owner
    and lead admins; when it is open already, the text is added to it (`created` False).
    Refused when the effort's owner or the update's author blocked `user`."""
    if not can_offer_help(user, update):
        raise PermissionDenied(_("You cannot offer help on this ask."))
    if organization not in help_organizations_of(user, update):
        raise PermissionDenied(_("Offer help in the name of one of your organizations."))
    if help_offer_blocked(user, update):
        raise PermissionDenied(CANNOT_MESSAGE)
    body = _clean_body(body)
    existing = Conversation.objects.filter(
        kind=Conversation.Kind.HELP, update=update, offering_organization=organization
    ).first()
    if existing is not None:
        return _help_add(existing, user, body), False
    try:
        with transaction.atomic():
            conversation = Conversation.objects.create(
                kind=Conversation.Kind.HELP,
                update=update,
                effort=update.effort,
                offering_organization=organization,
                started_by=user,
            )
    except IntegrityError:  # a second click that raced the first
        existing = Conversation.objects.get(
            kind=Conversation.Kind.HELP, update=update, offering_organization=organization
        )
        return _help_add(existing, user, body), False
    message = _message_add(conversation=conversation, author=user, body=body)
    _tell(
        conversation=conversation,
        message=message,
        author=user,
        kind="help_offered",
        users=_recipients(conversation, user),
    )
    return conversation, True


def help_offer_blocked(user, update) -> bool:
    """Whether the effort's owner or the update's author blocked `user`: then `user`
    cannot reach them through "I can help" either."""
    people = {update.effort.owner_id, update.author_id} - {None}
    return bool(people & blockers_of(user))


def _help_add(conversation, user, body) -> Conversation:
    """A further offer in the conversation already open: its text becomes a message."""
    message = _message_add(conversation=conversation, author=user, body=body)
    _tell(
        conversation=conversation,
        message=message,
        author=user,
        kind="direct_message",
        users=_recipients(conversation, user),
    )
    return conversation


def direct_conversation_of(user, other) -> Conversation | None:
    return Conversation.objects.filter(direct_key=_direct_key(user, other)).first()


def other_person(conversation, user):
    """In a direct conversation, the other person (None once they deleted their account)."""
    for participant in conversation.participants.all():
        if participant.user_id != user.pk:
            return participant.user
    return None


@transaction.atomic
def message_send(*, author, recipient, body: str) -> Message:
    """A direct message from `author` to `recipient`, in their one conversation."""
    if not can_message(author, recipient):
        raise PermissionDenied(CANNOT_MESSAGE)
    body = _clean_body(body)
    conversation = direct_conversation_of(author, recipient)
    if conversation is None:
        conversation, _created = Conversation.objects.get_or_create(
            direct_key=_direct_key(author, recipient),
            defaults={"kind": Conversation.Kind.DIRECT, "started_by": author},
        )
        _participate(conversation, author)
        _participate(conversation, recipient)
    message = _message_add(conversation=conversation, author=author, body=body)
    _tell(
        conversation=conversation,
        message=message,
        author=author,
        kind="direct_message",
        users=[recipient],
    )
    return message


@transaction.atomic
def message_reply(*, conversation: Conversation, author, body: str) -> Message:
    """A reply in a conversation `author` may read. In a direct one the other person must
    still be reachable (not gone, not blocking the author)."""
    if not can_read_conversation(author, conversation):
        raise PermissionDenied(_("This conversation is not open to you."))
    if conversation.is_direct:
        other = other_person(conversation, author)
        if other is None or not can_message(author, other):
            raise PermissionDenied(CANNOT_MESSAGE)
        return message_send(author=author, recipient=other, body=body)
    body = _clean_body(body)
    message = _message_add(conversation=conversation, author=author, body=body)
    _tell(
        conversation=conversation,
        message=message,
        author=author,
        kind="direct_message",
        users=_recipients(conversation, author),
    )
    return message


def conversation_mark_read(*, conversation: Conversation, user, at=None) -> None:
    """Everything up to now is read by `user` (who becomes a participant if they were only
    in it through their organization)."""
    _participate(conversation, user, read_at=at or timezone.now())


def block(*, blocker, blocked) -> Block:
    if blocked is None or blocked.pk == blocker.pk:
        raise ValidationError(_("You cannot block yourself."))
    made, _created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    return made


def unblock(*, blocker, blocked) -> None:
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()


@transaction.atomic
def message_report(*, message: Message, reporter, reason: str) -> Report:
    """`reporter` tells staff about a message they can read (not their own)."""
    if not can_read_conversation(reporter, message.conversation):
        raise PermissionDenied(_("This conversation is not open to you."))
    if message.author_id == reporter.pk:
        raise ValidationError(_("You cannot report your own message."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say briefly what is wrong with this message."))
    if Report.objects.filter(message=message, reporter=reporter, handled_at__isnull=True).exists():
        raise ValidationError(
            _("You already reported this message. The Collaborative's staff will look at it.")
        )
    write_check(reporter)
    return Report.objects.create(message=message, reporter=reporter, reason=reason)


OUTCOME_MAX = 500


@transaction.atomic
def report_handle(*, report: Report, actor, outcome: str) -> Report:
    """Staff mark a report handled, once: a replayed request changes nothing."""
    if not can_handle_reports(actor):
        raise PermissionDenied(_("Reports are handled by staff."))
    outcome = (outcome or "").strip()
    if len(outcome) > OUTCOME_MAX:
        raise ValidationError(
            _("Say what was done in %(max)d characters at most.") % {"max": OUTCOME_MAX}
        )
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.handled_at is not None:
        raise ValidationError(_("This report is handled already."))
    report.handled_by = actor
    report.handled_at = timezone.now()
    report.outcome = outcome
    report.save(update_fields=["handled_by", "handled_at", "outcome"])
    return report


@transaction.atomic
def message_remove(*, message: Message, actor) -> Message:
    """Staff remove a reported message: its text goes (pages and the export say "Removed
    by staff" from `removed_at`, in the reader's language); its place and reports stay."""
    if not can_handle_reports(actor):
        raise PermissionDenied(_("Messages are removed by staff."))
    if message.removed_at is not None:
        return message
    message.body = ""
    message.body_html = ""
    message.removed_at = timezone.now()
    message.removed_by = actor
    message.save(update_fields=["body", "body_html", "removed_at", "removed_by"])
    return message
