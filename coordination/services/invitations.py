"""Joining and leaving working groups (issue 20): conveners invite and the invitee answers;
members ask to join an invitation-only group and a convener decides; anyone leaves, the
last convener naming who convenes after them."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import notify
from wsr.members.roles import is_member

from ..models import GroupInvitation, GroupMembership, JoinRequest, WorkingGroup
from ..permissions import (
    blockers_of,
    can_decide_join_request,
    can_invite_to_group,
    can_leave_group,
    can_request_to_join,
    can_respond_to_invitation,
    can_withdraw_invitation,
    is_blocked_by,
)
from .limits import write_check


def _conveners(group):
    return [
        membership.user
        for membership in group.memberships.filter(
            role=GroupMembership.Role.CONVENER
        ).select_related("user")
    ]


@transaction.atomic
def group_invite(*, group: WorkingGroup, actor, person) -> GroupInvitation:
    """A convener (or staff) invites a member; nothing changes until they accept."""
    if not can_invite_to_group(actor, group):
        raise PermissionDenied(_("Only conveners and staff invite people."))
    if not person.is_active or not is_member(person):
        raise ValidationError(_("Only people of member organizations can be invited."))
    if GroupMembership.objects.filter(group=group, user=person).exists():
        raise ValidationError(
            _("%(person)s is already in the group.") % {"person": person.display_name}
        )
    existing = GroupInvitation.objects.pending().filter(group=group, invitee=person).first()
    if existing is not None:
        return existing
    write_check(actor)  # an invitation emails someone: it counts as writing
    try:
        with transaction.atomic():
            invitation = GroupInvitation.objects.create(
                group=group, invitee=person, invited_by=actor
            )
    except IntegrityError:  # invited by two conveners at the same instant
        return GroupInvitation.objects.pending().get(group=group, invitee=person)
    notify(
        # Someone who blocked the inviter is not emailed (the invitation still waits).
        users=[] if is_blocked_by(actor, person) else [person],
        kind="group_invitation",
        template="coordination/email/group_invitation",
        context={
            "inviter": actor.display_name,
            "group": group.name,
            "url": invitation.get_absolute_url(),
            "site_url": settings.SITE_URL,
        },
        target=invitation,
        url=invitation.get_absolute_url(),
    )
    return invitation


def _joined(group, user, *, by) -> None:
    """`user` is in `group` now: whatever else was pending between them is settled too."""
    GroupMembership.objects.get_or_create(group=group, user=user)
    now = timezone.now()
    GroupInvitation.objects.pending().filter(group=group, invitee=user).update(
        status=GroupInvitation.Status.ACCEPTED, responded_at=now
    )
    JoinRequest.objects.pending().filter(group=group, user=user).update(
        status=JoinRequest.Status.APPROVED, decided_by=by, decided_at=now
    )


def _lock(model, pk):
    return model.objects.select_for_update().select_related("group").get(pk=pk)


@transaction.atomic
def invitation_respond(*, invitation: GroupInvitation, user, accept: bool) -> GroupInvitation:
    """The invitee accepts (and joins) or declines; whoever invited them is told."""
    invitation = _lock(GroupInvitation, invitation.pk)
    if not can_respond_to_invitation(user, invitation):
        raise PermissionDenied(_("This invitation is not open to you."))
    invitation.status = (
        GroupInvitation.Status.ACCEPTED if accept else GroupInvitation.Status.DECLINED
    )
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    group = invitation.group
    if accept:
        _joined(group, user, by=invitation.invited_by)
    told = [invitation.invited_by] if invitation.invited_by_id else _conveners(group)
    notify(
        users=told,
        exclude=[user],
        kind="group_request",
        template="coordination/email/invitation_answered",
        context={
            "person": user.display_name,
            "group": group.name,
            "accepted": accept,
            "url": group.get_absolute_url(),
            "site_url": settings.SITE_URL,
        },
        target=invitation,
        url=group.get_absolute_url(),
    )
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation: GroupInvitation, actor) -> GroupInvitation:
    invitation = _lock(GroupInvitation, invitation.pk)
    if not can_withdraw_invitation(actor, invitation):
        raise PermissionDenied(_("Only the group's conveners withdraw an open invitation."))
    invitation.status = GroupInvitation.Status.WITHDRAWN
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    return invitation


@transaction.atomic
def join_request_create(*, group: WorkingGroup, user, message: str = "") -> JoinRequest:
    """A member asks to join an invitation-only group; its conveners are told. An
    invitation already waiting for them is the answer: they accept it instead."""
    if not can_request_to_join(user, group):
        raise PermissionDenied(_("You cannot ask to join this group."))
    if GroupInvitation.objects.pending().filter(group=group, invitee=user).exists():
        raise ValidationError(_("You are already invited: accept the invitation."))
    existing = JoinRequest.objects.pending().filter(group=group, user=user).first()
    if existing is not None:
        return existing
    write_check(user)  # the request emails its free text to the conveners
    try:
        with transaction.atomic():
            request = JoinRequest.objects.create(group=group, user=user, message=message.strip())
    except IntegrityError:
        return JoinRequest.objects.pending().get(group=group, user=user)
    notify(
        users=_conveners(group),
        exclude=[user, *blockers_of(user)],
        kind="group_request",
        template="coordination/email/join_requested",
        context={
            "person": user.display_name,
            "group": group.name,
            "message": request.message[:1000],
            "url": group.get_absolute_url(),
            "site_url": settings.SITE_URL,
        },
        target=request,
        url=group.get_absolute_url(),
    )
    return request


@transaction.atomic
def join_request_decide(*, join_request: JoinRequest, actor, approve: bool) -> JoinRequest:
    """A convener approves (the person joins) or declines; the person is told."""
    join_request = _lock(JoinRequest, join_request.pk)
    if not can_decide_join_request(actor, join_request):
        raise PermissionDenied(_("Only the group's conveners decide on requests."))
    join_request.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
    join_request.decided_by = actor
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    group = join_request.group
    person = join_request.user
    if approve:
        _joined(group, person, by=actor)
    notify(
        users=[person],
        kind="group_invitation",
        template="coordination/email/join_decided",
        context={
            "group": group.name,
            "approved": approve,
            "url": group.get_absolute_url() if approve else "",
            "site_url": settings.SITE_URL,
        },
        target=join_request,
        url=group.get_absolute_url() if approve else "",
    )
    return join_request


def last_convener_successors(group: WorkingGroup, user):
    """When `user` is the group's only convener and others remain: the members who could
    convene after them (else None: they leave freely)."""
    conveners = group.memberships.filter(role=GroupMembership.Role.CONVENER)
    if not conveners.filter(user=user).exists() or conveners.exclude(user=user).exists():
        return None
    others = group.memberships.exclude(user=user)
    if not others.exists():
        return None
    return others.select_related("user__profile").order_by("user__first_name", "pk")


@transaction.atomic
def group_leave(*, group: WorkingGroup, user, successor=None) -> None:
    """`user` leaves `group`. The last convener of a group that keeps members names one of
    them (`successor`, a user), who becomes convener."""
    if not can_leave_group(user, group):
        raise PermissionDenied(_("You are not in this group."))
    # Serialize leavings of one group: two last conveners leaving at once would leave none.
    WorkingGroup.objects.select_for_update().filter(pk=group.pk).first()
    candidates = last_convener_successors(group, user)
    if candidates is not None:
        chosen = candidates.filter(user=successor).first() if successor is not None else None
        if chosen is None:
            raise ValidationError(
                _("You are the group's last convener: name who convenes it after you.")
            )
        chosen.role = GroupMembership.Role.CONVENER
        chosen.save(update_fields=["role"])
    GroupMembership.objects.filter(group=group, user=user).delete()
