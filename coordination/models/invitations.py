"""Joining an invitation-only working group (issue 20): a convener invites a member, who
accepts or declines; or a member asks to join, and a convener approves or declines."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _convened_by(user):
    from .groups import GroupMembership

    return GroupMembership.objects.filter(user=user, role=GroupMembership.Role.CONVENER).values(
        "group_id"
    )


class _AskQuerySet(models.QuerySet):
    person_field = ""

    def visible_to(self, user):
        """The person asked (or asking), the group's conveners, and staff; nobody once they
        are no longer a member of the Collaborative."""
        from wsr.members.roles import is_member, is_staff

        if is_staff(user):
            return self.all()
        if user is None or not is_member(user):
            return self.none()
        return self.filter(Q(**{self.person_field: user}) | Q(group__in=_convened_by(user)))

    def pending(self):
        return self.filter(status="pending")


class GroupInvitationQuerySet(_AskQuerySet):
    person_field = "invitee"


class JoinRequestQuerySet(_AskQuerySet):
    person_field = "user"


class GroupInvitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    group = models.ForeignKey(
        "coordination.WorkingGroup", on_delete=models.CASCADE, related_name="invitations"
    )
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)

    objects = GroupInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("working group invitation")
        verbose_name_plural = _("working group invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "invitee"],
                condition=Q(status="pending"),
                name="one_pending_group_invitation",
            )
        ]

    def __str__(self):
        return f"{self.invitee} to {self.group}"

    def get_absolute_url(self):
        return reverse("coordination:invitation-detail", kwargs={"pk": self.pk})

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class JoinRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    group = models.ForeignKey(
        "coordination.WorkingGroup", on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_join_requests"
    )
    message = models.TextField(_("message to the conveners"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("request to join a working group")
        verbose_name_plural = _("requests to join a working group")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=Q(status="pending"),
                name="one_pending_join_request",
            )
        ]

    def __str__(self):
        return f"{self.user} asks to join {self.group}"

    def get_absolute_url(self):
        return reverse("coordination:group-detail", kwargs={"slug": self.group.slug})

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
