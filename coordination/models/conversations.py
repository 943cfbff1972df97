"""People talking to people: who blocked whom (issue 20). A block is one-way and silent:
the blocked person cannot message or mention the blocker, and is not told."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Block(models.Model):
    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="unique_block"),
            models.CheckConstraint(condition=~Q(blocker=models.F("blocked")), name="no_self_block"),
        ]

    def __str__(self):
        return f"{self.blocker_id} blocked {self.blocked_id}"


# Conversations (issue 20) ------------------------------------------------------------------


def _active_organizations_of(user):
    """The organizations `user` belongs to whose membership is active, as a subquery:
    a conversation of an organization is open to its people while they are members."""
    from wsr.members.models import Affiliation, Membership

    return Affiliation.objects.filter(
        user=user, organization__membership__status=Membership.Status.ACTIVE
    ).values("organization_id")


class ConversationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Direct conversations: the two people in them. Conversations opened by "I can
        help": the people of the offering organization and of the effort's lead
        organizations, and the effort's owner, while they are members. Staff read none of
        them (they see only the messages someone reported). A conversation about an
        effort closes to whoever the effort no longer reaches (its audience changed)."""
        from wsr.members.roles import is_member

        from .efforts import Effort

        if user is None or not is_member(user):
            return self.none()
        organizations = _active_organizations_of(user)
        led = Effort.objects.filter(lead_organizations__in=organizations).values("pk")
        mine = ConversationParticipant.objects.filter(user=user).values("conversation_id")
        return self.filter(
            Q(kind=Conversation.Kind.DIRECT, pk__in=mine)
            | Q(kind=Conversation.Kind.HELP)
            & Q(effort__in=Effort.objects.visible_to(user).values("pk"))
            & (
                Q(offering_organization__in=organizations)
                | Q(effort__in=led)
                | Q(effort__owner=user)
            )
        )


class Conversation(models.Model):
    """A private conversation: between two people, or between an organization that
    offered help on an ask and the effort that asked."""

    class Kind(models.TextChoices):
        DIRECT = "direct", _("Direct")
        HELP = "help", _("Offer of help")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    # "min:max" of the two people's ids: one direct conversation per pair.
    direct_key = models.CharField(max_length=40, null=True, blank=True, unique=True)
    update = models.ForeignKey(
        "coordination.Update",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversations",
    )
    effort = models.ForeignKey(
        "coordination.Effort",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conversations",
    )
    offering_organization = models.ForeignKey(
        "members.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="help_conversations",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["update", "offering_organization"],
                condition=Q(kind="help"),
                name="one_help_offer_per_update_and_organization",
            ),
        ]

    def __str__(self):
        return f"Conversation {self.pk} ({self.kind})"

    def get_absolute_url(self):
        return reverse("coordination:conversation-detail", kwargs={"pk": self.pk})

    @property
    def is_direct(self) -> bool:
        return self.kind == self.Kind.DIRECT


class ConversationParticipant(models.Model):
    """Who took part in a conversation, and when they last read it (for unread counts)."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations"
    )
    joined_at = models.DateTimeField(default=timezone.now)
    last_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"], name="unique_conversation_participant"
            )
        ]

    def __str__(self):
        return f"{self.user_id} in {self.conversation_id}"


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    # Kept as "a former member" when the author deletes their account.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"), max_length=5000)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when staff remove the message after a report: its text is gone, the report stays.
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["conversation", "created_at"])]

    def __str__(self):
        return f"Message {self.pk} in {self.conversation_id}"


class Report(models.Model):
    """A message someone reported to staff. Staff read the reported message here, never
    the conversation."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    # Kept without the name when the reporter deletes their account: staff still act on it.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("what is wrong"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Report {self.pk} on message {self.message_id}"
