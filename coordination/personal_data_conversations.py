"""Conversations' part of "download my data" and of deleting an account (issue 20), joined
into coordination/personal_data.py.

Exported: the conversations a person is in (their title, when, and who else is in them),
the messages they wrote (a message staff removed says so, its text gone), the people they
blocked, the reports they made, and (staff) the reports they handled and the messages they
removed. The other people's messages are not exported: they are those people's data (each
finds them in their own download). Blocks others made against them are not exported
either: a block is silent, and the download must not reveal it.

On deletion: their messages stay, under "a former member", so the other person of a
direct conversation and the organizations keep their copy; their place in conversations
(and its read marks) goes; blocks made by and against them go; reports they made stay,
without their name, for staff to finish handling."""

from django.db.models import Prefetch
from django.utils.translation import gettext

from .models import Block, Conversation, ConversationParticipant, Message, Report


def _when(value) -> str | None:
    return value.isoformat() if value else None


def _title(conversation) -> str:
    if conversation.is_direct:
        return gettext("Direct conversation")
    return gettext("Offer of help from %(organization)s on “%(effort)s”") % {
        "organization": conversation.offering_organization.name
        if conversation.offering_organization
        else "",
        "effort": conversation.effort.name if conversation.effort else "",
    }


def personal_data(user) -> dict:
    conversation_ids = ConversationParticipant.objects.filter(user=user).values("conversation_id")
    conversations = (
        Conversation.objects.filter(pk__in=conversation_ids)
        .select_related("effort", "offering_organization")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=ConversationParticipant.objects.select_related("user__profile"),
            )
        )
    )
    return {
        "conversations": [
            {
                "conversation": _title(c),
                "started_by_you": c.started_by_id == user.pk,
                "created_at": _when(c.created_at),
                "people": [p.user.display_name for p in c.participants.all()],
            }
            for c in conversations
        ]
        + [
            {
                "conversation": _title(c),
                "started_by_you": True,
                "created_at": _when(c.created_at),
                "people": [],
            }
            for c in Conversation.objects.filter(started_by=user)
            .exclude(pk__in=conversation_ids)
            .select_related("effort", "offering_organization")
        ],
        "messages_sent": [
            {
                "conversation": _title(m.conversation),
                "body": m.body,
                "created_at": _when(m.created_at),
                "removed_by_staff": m.removed_at is not None,
            }
            for m in Message.objects.filter(author=user).select_related(
                "conversation__effort", "conversation__offering_organization"
            )
        ],
        "people_blocked": [
            {"person": b.blocked.display_name, "since": _when(b.created_at)}
            for b in Block.objects.filter(blocker=user).select_related("blocked__profile")
        ],
        "messages_reported": [
            {"reason": r.reason, "created_at": _when(r.created_at), "handled": bool(r.handled_at)}
            for r in Report.objects.filter(reporter=user)
        ],
        "reports_handled": [
            {"outcome": r.outcome, "handled_at": _when(r.handled_at)}
            for r in Report.objects.filter(handled_by=user)
        ],
        # staff: the reported messages they removed (when; the text is gone)
        "messages_removed": [
            {"conversation": _title(m.conversation), "removed_at": _when(m.removed_at)}
            for m in Message.objects.filter(removed_by=user).select_related(
                "conversation__effort", "conversation__offering_organization"
            )
        ],
    }


def account_deletion(user, part) -> None:
    """Add conversations' lines to `part` (the database's SET_NULL and CASCADE do the rest
    when the account row goes)."""
    if (
        ConversationParticipant.objects.filter(user=user).exists()
        or Block.objects.filter(blocker=user).exists()
    ):
        part.deleted.append(
            gettext("Your place in private conversations, and the people you blocked")
        )
    if (
        Message.objects.filter(author=user).exists()
        or Report.objects.filter(reporter=user).exists()
    ):
        part.kept.append(
            gettext(
                "Your private messages, under “a former member”, so the people you wrote to "
                "keep their copy; reports you made, without your name"
            )
        )
