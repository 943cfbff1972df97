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


# Comments (issue 20) -----------------------------------------------------------------------


def can_comment(user, target, *, visible: bool | None = None) -> bool:
    """Members (staff too) who may see `target` (an update, proposal, meeting or
    opportunity); the public never. `visible=True` when the caller loaded `target`
    through its model's `visible_to(user)` already (a page listing many targets)."""
    if not is_member(user):
        return False
    if visible is None:
        visible = type(target).objects.visible_to(user).filter(pk=target.pk).exists()
    return visible


def can_edit_comment(user, comment) -> bool:
    """The author, while a member, and while the comment stands."""
    return (
        comment.deleted_at is None
        and comment.author_id is not None
        and is_member(user)
        and comment.author_id == user.pk
    )


def can_delete_comment(user, comment) -> bool:
    """The author while a member; staff, to moderate."""
    if comment.deleted_at is not None:
        return False
    return can_edit_comment(user, comment) or is_staff(user)


# Conversations (issue 20) ------------------------------------------------------------------


def can_message(user, recipient) -> bool:
    """Members write to members, never to themselves nor to someone who blocked them."""
    if recipient is None or user is None or not recipient.pk or recipient.pk == user.pk:
        return False
    return (
        is_member(user)
        and recipient.is_active
        and is_member(recipient)
        and not is_blocked_by(user, recipient)
    )


def help_organizations_of(user, update) -> list:
    """The organizations in whose name `user` may offer help on `update`'s ask: theirs,
    with an active membership, that are not among the effort's lead organizations."""
    from wsr.members.models import Membership, Organization

    if not is_member(user):
        return []
    return list(
        Organization.objects.filter(
            affiliations__user=user, membership__status=Membership.Status.ACTIVE
        )
        .exclude(pk__in=update.effort.lead_organizations.values("pk"))
        .order_by("name")
    )


def can_offer_help(user, update) -> bool:
    """A member who may see the ask, is not on the effort's side (its owner or a person of
    a lead organization), and speaks for an organization of their own."""
    from .models import Update

    if not update.ask or not is_member(user) or update.effort.owner_id == user.pk:
        return False
    if not Update.objects.visible_to(user).filter(pk=update.pk).exists():
        return False
    from wsr.members.models import Affiliation

    if Affiliation.objects.filter(
        user=user, organization__in=update.effort.lead_organizations.all()
    ).exists():
        return False
    return bool(help_organizations_of(user, update))


def help_offer_update_ids(user, updates) -> set[int]:
    """The ids of `updates` (already read through `Update.objects.visible_to(user)`) on
    which `can_offer_help` holds for `user`: for a page of updates, two queries at most,
    whatever their number (the "I can help" button). A member's organizations are read
    even when no update asks, so a page's count of queries does not depend on its asks."""
    from wsr.members.models import Affiliation, Membership

    from .models import Effort

    if not is_member(user):
        return set()
    asking = [u for u in updates if u.ask and u.effort.owner_id != user.pk]
    mine: dict[int, bool] = {}  # organization id -> its membership is active
    for organization_id, status in Affiliation.objects.filter(user=user).values_list(
        "organization_id", "organization__membership__status"
    ):
        mine[organization_id] = mine.get(organization_id, False) or (
            status == Membership.Status.ACTIVE
        )
    if not any(mine.values()):
        return set()
    leads: dict[int, set[int]] = {}
    for effort_id, organization_id in Effort.lead_organizations.through.objects.filter(
        effort_id__in={u.effort_id for u in asking}
    ).values_list("effort_id", "organization_id"):
        leads.setdefault(effort_id, set()).add(organization_id)
    allowed = set()
    for update in asking:
        lead = leads.get(update.effort_id, set())
        if lead & mine.keys():
            continue
        if any(active for pk, active in mine.items() if pk not in lead):
            allowed.add(update.pk)
    return allowed


def can_read_conversation(user, conversation) -> bool:
    """Whoever `Conversation.objects.visible_to` lets in (staff are not, by design)."""
    from .models import Conversation

    return Conversation.objects.visible_to(user).filter(pk=conversation.pk).exists()


def can_handle_reports(user) -> bool:
    """Reported messages are read and handled by staff."""
    return is_staff(user)


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


def can_choose_working_group(user, group) -> bool:
    """Whether `user` may keep an effort, a meeting or an item to `group`: staff, any
    group; others, a group they belong to."""
    return is_staff(user) or (is_signed_in(user) and _in_group(user, group))


def choosable_working_groups(user):
    """The groups `can_choose_working_group` allows, for a form's list (one query)."""
    from .models import GroupMembership, WorkingGroup

    if is_staff(user):
        return WorkingGroup.objects.all()
    if not is_signed_in(user):
        return WorkingGroup.objects.none()
    return WorkingGroup.objects.filter(
        pk__in=GroupMembership.objects.filter(user=user).values("group_id")
    )


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
    """The group's members while voting is open; when each member organization votes once,
    only those who belong to one (staff included: staff with none have no organization to
    speak for). Agrees with services.groups.voting_organizations."""
    if not is_group_member(user, proposal.group) or proposal.is_closed:
        return False
    from .models import Proposal

    if proposal.voter_mode == Proposal.VoterMode.ORGANIZATION:
        return voting_affiliations(user).exists()
    return True


def member_affiliations():
    """Every affiliation with a member organization (active membership): what makes a
    person a member, to vote for, invite or find."""
    from wsr.members.models import Affiliation, Membership

    return Affiliation.objects.filter(organization__membership__status=Membership.Status.ACTIVE)


def voting_affiliations(user):
    """The affiliations through which `user` casts an organization's vote: those with a
    member organization (active membership)."""
    from wsr.members.models import Affiliation

    if not is_signed_in(user):
        return Affiliation.objects.none()
    return member_affiliations().filter(user=user)


# Joining and leaving working groups (issue 20) ---------------------------------------------


def can_respond_to_invitation(user, invitation) -> bool:
    """Accept or decline: the invitee, while a member and the invitation pending."""
    return (
        invitation.is_pending
        and is_signed_in(user)
        and invitation.invitee_id == user.pk
        and is_member(user)
    )


def can_withdraw_invitation(user, invitation) -> bool:
    return invitation.is_pending and is_convener(user, invitation.group)


def can_request_to_join(user, group) -> bool:
    """A member outside an invitation-only group asks its conveners (open groups are
    joined at once)."""
    return (
        is_member(user)
        and not is_staff(user)  # staff see and act in every group already
        and not group.is_open
        and not _in_group(user, group)
    )


def can_decide_join_request(user, join_request) -> bool:
    return join_request.is_pending and is_convener(user, join_request.group)


def can_leave_group(user, group) -> bool:
    """Anyone in a group may leave it (the last convener names a successor first)."""
    return is_signed_in(user) and _in_group(user, group)


def can_record_outcome(user, proposal) -> bool:
    return is_convener(user, proposal.group)


# Results: the follow-through of decisions (issue 20) ---------------------------------------


def can_create_result(user, proposal) -> bool:
    """Conveners and staff, once the vote closed and its outcome is recorded."""
    return bool(proposal.is_closed and proposal.outcome) and is_convener(user, proposal.group)


def can_edit_result(user, result) -> bool:
    return is_convener(user, result.proposal.group)


def can_post_result_update(user, result) -> bool:
    """The owner while a member of the group, and the group's conveners and staff."""
    group = result.proposal.group
    if result.owner_id is not None and user is not None and result.owner_id == user.pk:
        return is_group_member(user, group)
    return is_convener(user, group)


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


def can_hand_over_effort(user, effort) -> bool:
    """Only the owner (still a member) and staff hand an effort to someone else (issue 20)."""
    if is_staff(user):
        return True
    return bool(
        user is not None
        and effort.owner_id is not None
        and effort.owner_id == user.pk
        and is_member(user)
    )


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


# What people wrote: their own updates and posts (issue 20) ---------------------------------


def _is_author(user, record) -> bool:
    return (
        record.author_id is not None
        and is_signed_in(user)
        and record.author_id == user.pk
        and is_member(user)
    )


def can_edit_update(user, update) -> bool:
    """The author, while a member who may still post to the effort (an author who left a
    public effort's lead organizations no longer rewrites what it says)."""
    from .models import Audience

    if not _is_author(user, update):
        return False
    effort = update.effort
    if effort.audience != Audience.PUBLIC:
        return True  # the update was read through visible_to: they may post there
    # One answer per effort for a page of updates (cached on the request's user).
    runs = user.__dict__.setdefault("_coordination_runs_effort", {})
    if effort.pk not in runs:
        runs[effort.pk] = can_edit_effort(user, effort)
    return runs[effort.pk]


def can_delete_update(user, update) -> bool:
    """The author while a member; staff, to moderate."""
    return is_staff(user) or _is_author(user, update)


def can_edit_post(user, post) -> bool:
    """The author, while a member; a deleted message stays deleted."""
    return post.deleted_at is None and _is_author(user, post)


def can_delete_post(user, post) -> bool:
    """The author while a member; staff, to moderate."""
    return post.deleted_at is None and (is_staff(user) or _is_author(user, post))


# Funding -----------------------------------------------------------------------------------


def can_see_funding_pipeline(user) -> bool:
    """Funder relations are staff business."""
    return is_staff(user)


# Meetings and items proposed by members (issue 20) --------------------------------------


def _is_visible(model, user, obj) -> bool:
    return model.objects.visible_to(user).filter(pk=obj.pk).exists()


def can_rsvp(user, meeting) -> bool:
    """Signed-in members (and staff) who may see the meeting, until it ends."""
    from django.utils import timezone

    from .models import Meeting

    if not is_member(user):
        return False
    if timezone.now() >= (meeting.ends_at or meeting.starts_at):
        return False
    return _is_visible(Meeting, user, meeting)


def can_edit_meeting(user, meeting) -> bool:
    """Its group's conveners and staff (as for the minutes); the member who proposed it,
    while still in the group."""
    if can_record_minutes(user, meeting):
        return True
    if not is_member(user) or meeting.created_by_id != user.pk:
        return False
    return meeting.group_id is None or is_group_member(user, meeting.group)


def can_delete_meeting(user, meeting) -> bool:
    """As for editing it (issue 20): its conveners, staff, and the member who added it."""
    return can_edit_meeting(user, meeting)


def can_see_online_link(user, meeting, *, response=None) -> bool:
    """Who may attend: for a group's or the members' meeting, the members who may see it;
    for a public meeting, the people who answered yes or maybe (and who runs it). Never an
    anonymous reader. `response` is the person's MeetingResponse, when already loaded."""
    from .models import Audience, Meeting, MeetingResponse

    if not meeting.online_url or not is_signed_in(user):
        return False
    if not _is_visible(Meeting, user, meeting):
        return False
    if meeting.audience != Audience.PUBLIC or can_edit_meeting(user, meeting):
        return is_member(user)
    if response is None:
        response = MeetingResponse.objects.filter(meeting=meeting, user=user).first()
    # An answer left behind by a lapsed membership opens nothing.
    attending = response is not None and response.is_attending
    return attending and is_member(user)


def can_propose_meeting(user, group) -> bool:
    """A group's members add meetings for the group."""
    return is_group_member(user, group)


def can_propose_items(user) -> bool:
    """Members (staff included) add calendar items and opportunities."""
    return is_member(user)


def can_publish_directly(user) -> bool:
    """Staff publish for the public at once; a member's public item waits for review."""
    return is_staff(user)


def can_edit_calendar_item(user, item) -> bool:
    return is_staff(user) or (is_member(user) and item.proposed_by_id == user.pk)


def can_edit_opportunity(user, opportunity) -> bool:
    return is_staff(user) or (is_member(user) and opportunity.owner_id == user.pk)


def can_review_proposals(user) -> bool:
    """Staff approve or decline what members ask to publish."""
    return is_staff(user)


def can_send_messages(user) -> bool:
    """Members write private messages (the "Message" links); `can_message` says to whom."""
    return is_member(user)
