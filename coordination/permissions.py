"""Who may do what in coordination: the one place these rules live, built on the roles of
wsr.members.roles. Views, services, forms, querysets and templates ask these predicates
({% can "coordination.can_post_in_group" group as can_post %}), never `is_staff`.

What a person has through an organization (working groups, efforts they run) counts only
while they are a member: a group membership or an ownership left behind by a lapse, a
removal or a deactivation gives nothing."""

from __future__ import annotations

from wsr.members.roles import is_member, is_signed_in, is_staff


def _in_group(user, group, *, convener: bool = False) -> bool:
    from .models import GroupMembership

    memberships = GroupMembership.objects.filter(group=group, user=user)
    if convener:
        memberships = memberships.filter(role=GroupMembership.Role.CONVENER)
    return memberships.exists()


# People ------------------------------------------------------------------------------------


def is_blocked_by(sender, recipient) -> bool:
    """Whether `recipient` blocked `sender`: then `sender` cannot message or mention them."""
    from .models import Block

    if sender is None or recipient is None or not sender.pk or not recipient.pk:
        return False
    return Block.objects.filter(blocker=recipient, blocked=sender).exists()


def blockers_of(sender) -> set[int]:
    """The ids of the people who blocked `sender` (one query, for mentions in bulk)."""
    from .models import Block

    return set(Block.objects.filter(blocked=sender).values_list("blocker_id", flat=True))


# Working groups ----------------------------------------------------------------------------


def is_group_member(user, group) -> bool:
    """Staff, or a member of the Collaborative who belongs to `group`."""
    if is_staff(user):
        return True
    return is_member(user) and _in_group(user, group)


def is_convener(user, group) -> bool:
    if is_staff(user):
        return True
    return is_member(user) and _in_group(user, group, convener=True)


def can_see_group(user, group) -> bool:
    """Open groups to every member, invitation-only groups to their members, all to staff."""
    return is_staff(user) or (is_member(user) and (group.is_open or _in_group(user, group)))


def can_join_group(user, group) -> bool:
    return is_member(user) and group.is_open


def can_post_in_group(user, group) -> bool:
    """Start threads, reply, propose: the group's members."""
    return is_group_member(user, group)


def can_invite_to_group(user, group) -> bool:
    return is_convener(user, group)


def can_record_minutes(user, meeting) -> bool:
    """The group's conveners; a meeting of no group: staff."""
    if meeting.group_id is None:
        return is_staff(user)
    return is_convener(user, meeting.group)


def can_vote(user, proposal) -> bool:
    return is_group_member(user, proposal.group) and not proposal.is_closed


def can_record_outcome(user, proposal) -> bool:
    return is_convener(user, proposal.group)


# Efforts -----------------------------------------------------------------------------------


def can_start_effort(user) -> bool:
    return is_member(user)


def can_edit_effort(user, effort) -> bool:
    """Staff; else a member who owns it or belongs to one of its lead organizations."""
    if is_staff(user):
        return True
    if not is_member(user):
        return False
    if effort.owner_id == user.pk:
        return True
    from wsr.members.models import Affiliation

    return Affiliation.objects.filter(
        user=user, organization__in=effort.lead_organizations.all()
    ).exists()


def can_post_update(user, effort) -> bool:
    """Whoever may see a members' or group effort posts to it; a public effort speaks for
    its lead organizations, so only the people running it (and staff) post there."""
    from .models import Audience, Effort

    if not is_signed_in(user):
        return False
    if not Effort.objects.visible_to(user).filter(pk=effort.pk).exists():
        return False
    return effort.audience != Audience.PUBLIC or can_edit_effort(user, effort)


def can_lead_for(user, organization) -> bool:
    """Whether `user` may name `organization` as an effort's lead."""
    if is_staff(user):
        return True
    from wsr.members.models import Affiliation

    return (
        is_member(user)
        and Affiliation.objects.filter(user=user, organization=organization).exists()
    )


def can_keep_to_staff(user) -> bool:
    """Only staff keep a record to staff."""
    return is_staff(user)


# Funding -----------------------------------------------------------------------------------


def can_see_funding_pipeline(user) -> bool:
    """Funder relations are staff business."""
    return is_staff(user)
