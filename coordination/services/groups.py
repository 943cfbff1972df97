"""Working groups: membership, threads and posts (Markdown, sanitized; mentions notify),
meetings, proposals and votes."""

import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from notifications.services import email_queue
from wsr.site.markdown import ALLOWED_TAGS, render_markdown  # noqa: F401 (re-exported)

from ..models import (
    Audience,
    GroupMembership,
    Meeting,
    Post,
    Proposal,
    ProposalOption,
    Thread,
    Vote,
    WorkingGroup,
    standard_option_key,
)
from ..permissions import (
    blockers_of,
    can_join_group,
    can_post_in_group,
    can_record_minutes,
    can_record_outcome,
)
from .limits import write_check

MENTION = re.compile(r"(?<![\w@])@([a-z0-9][a-z0-9-]{1,60})", re.IGNORECASE)


def handle_of(user) -> str:
    """The @handle by which a person is mentioned: their name, slugified."""
    return slugify(user.display_name) or user.email.split("@")[0].lower()


def _require_member(group, user):
    if not can_post_in_group(user, group):
        raise PermissionDenied(_("Join the working group first."))


def group_join(*, group: WorkingGroup, user) -> GroupMembership:
    """A member joins an open group; an invitation-only group is joined by invitation."""
    if not group.is_open:
        raise PermissionDenied(_("This group is by invitation."))
    if not can_join_group(user, group):
        raise PermissionDenied(_("Working groups are for members."))
    membership, _created = GroupMembership.objects.get_or_create(group=group, user=user)
    return membership


def mentions_in(group: WorkingGroup, text: str) -> list:
    """The group's members mentioned by @handle in `text`."""
    handles = {m.lower() for m in MENTION.findall(text)}
    if not handles:
        return []
    members = [
        m.user for m in GroupMembership.objects.filter(group=group).select_related("user__profile")
    ]
    return [user for user in members if handle_of(user) in handles]


def _notify_mentions(*, group, thread, author, text):
    blockers = blockers_of(author)
    for user in mentions_in(group, text):
        if user.pk == author.pk or user.pk in blockers:
            continue
        email_queue(
            template="coordination/email/mentioned",
            to=[user.email],
            kind="group_mention",
            target=thread,
            url=thread.get_absolute_url(),
            context={
                "author": author.display_name,
                "group": group.name,
                "thread": thread.title,
                "excerpt": text[:400],
                "thread_url": thread.get_absolute_url(),
                "site_url": settings.SITE_URL,
            },
        )


@transaction.atomic
def thread_create(*, group: WorkingGroup, author, title: str, body: str) -> Thread:
    _require_member(group, author)
    if not title.strip() or not body.strip():
        raise ValidationError(_("Give the thread a title and a first message."))
    thread = Thread.objects.create(group=group, author=author, title=title.strip())
    post_create(thread=thread, author=author, body=body)
    from notifications.services import notify

    blockers = blockers_of(author)  # a block silences the author towards the blocker
    notify(
        users=[
            membership.user
            for membership in group.memberships.select_related("user")
            if membership.user_id not in blockers
        ],
        exclude=[author],
        kind="group_activity",
        template="coordination/email/thread_new",
        context={
            "author": author.display_name,
            "group": group.name,
            "thread": thread.title,
            "excerpt": body.strip()[:400],
            "thread_url": thread.get_absolute_url(),
            "site_url": settings.SITE_URL,
        },
        target=thread,
        url=thread.get_absolute_url(),
    )
    return thread


def proposals_closing_notify(*, now=None, within=timedelta(hours=48)) -> int:
    """Tell each member of a group, once, that a proposal they may vote on closes within
    two days (hourly by celery-beat)."""
    from django.contrib.contenttypes.models import ContentType

    from notifications.models import Notification
    from notifications.services import notify

    now = now or timezone.now()
    told = 0
    proposal_type = ContentType.objects.get_for_model(Proposal)
    for proposal in Proposal.objects.filter(
        closes_at__gt=now, closes_at__lte=now + within
    ).select_related("group"):
        already = Notification.objects.filter(
            kind="group_activity", target_type=proposal_type, target_id=proposal.pk
        ).values("recipient_id")
        members = [
            membership.user
            for membership in proposal.group.memberships.exclude(
                user_id__in=already
            ).select_related("user")
        ]
        told += len(
            notify(
                users=members,
                kind="group_activity",
                template="coordination/email/proposal_closing",
                context={
                    "group": proposal.group.name,
                    "proposal": proposal.title,
                    "closes": proposal.closes_at.isoformat(timespec="minutes"),
                    "proposal_url": proposal.get_absolute_url(),
                    "site_url": settings.SITE_URL,
                },
                target=proposal,
                url=proposal.get_absolute_url(),
            )
        )
    return told


@transaction.atomic
def post_create(*, thread: Thread, author, body: str) -> Post:
    group = thread.group
    _require_member(group, author)
    body = body.strip()
    if not body:
        raise ValidationError(_("Write your message."))
    write_check(author)
    now = timezone.now()
    post = Post.objects.create(
        thread=thread, author=author, body=body, body_html=render_markdown(body), created_at=now
    )
    Thread.objects.filter(pk=thread.pk).update(last_post_at=now)
    _notify_mentions(group=group, thread=thread, author=author, text=body)
    return post


@transaction.atomic
def meeting_record(*, meeting: Meeting, actor, minutes: str, attendees) -> Meeting:
    if not can_record_minutes(actor, meeting):
        raise PermissionDenied(_("Conveners and staff record the minutes."))
    meeting.minutes = minutes.strip()
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting


@transaction.atomic
def proposal_create(
    *,
    group: WorkingGroup,
    actor,
    title: str,
    text: str,
    options: list[str],
    closes_at,
    voter_mode: str = Proposal.VoterMode.PERSON,
    results: str = Proposal.Results.AFTER_CLOSE,
) -> Proposal:
    _require_member(group, actor)
    labels = [o.strip() for o in options if o.strip()]
    if len(labels) < 2 or len(set(labels)) != len(labels):
        raise ValidationError(_("Give at least two different options."))
    if closes_at <= timezone.now():
        raise ValidationError(_("The vote must close in the future."))
    write_check(actor)
    proposal = Proposal.objects.create(
        group=group,
        title=title.strip(),
        text=text.strip(),
        closes_at=closes_at,
        voter_mode=voter_mode,
        results=results,
        created_by=actor,
        audience=Audience.GROUP,
        working_group=group,
    )
    ProposalOption.objects.bulk_create(
        ProposalOption(proposal=proposal, label=label, key=standard_option_key(label), sort_order=n)
        for n, label in enumerate(labels)
    )
    return proposal


def voting_organizations(proposal: Proposal, user):
    """The member organizations `user` may cast their organization's vote for (the same
    rows permissions.can_vote asks about)."""
    from ..permissions import voting_affiliations

    return voting_affiliations(user).select_related("organization").order_by("organization__name")


@transaction.atomic
def vote_cast(*, proposal: Proposal, voter, option: ProposalOption, organization=None) -> Vote:
    """Cast or change a vote until the proposal closes: one per person, or one per member
    organization (a later vote by any of its people replaces the earlier one)."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_member(proposal.group, voter)
    if proposal.is_closed:
        raise ValidationError(_("Voting on this proposal has closed."))
    if option.proposal_id != proposal.pk:
        raise ValidationError(_("Choose one of the proposal's options."))
    if proposal.voter_mode == Proposal.VoterMode.ORGANIZATION:
        allowed = [a.organization for a in voting_organizations(proposal, voter)]
        if organization is None and len(allowed) == 1:
            organization = allowed[0]
        if organization is None or organization not in allowed:
            raise ValidationError(_("Vote for a member organization you belong to."))
        lookup = {"proposal": proposal, "organization": organization}
    else:
        organization = None
        lookup = {"proposal": proposal, "voter": voter, "organization": None}
    try:
        vote, _created = Vote.objects.update_or_create(
            **lookup,
            defaults={"option": option, "voter": voter, "cast_at": timezone.now()},
        )
    except IntegrityError as error:  # two people of one organization at the same instant
        raise ValidationError(
            _("Your organization's vote changed meanwhile: try again.")
        ) from error
    return vote


@transaction.atomic
def proposal_outcome_record(*, proposal: Proposal, actor, outcome: str) -> Proposal:
    if not can_record_outcome(actor, proposal):
        raise PermissionDenied(_("Conveners and staff record the outcome."))
    if not proposal.is_closed:
        raise ValidationError(_("Record the outcome once voting has closed."))
    if not outcome.strip():
        raise ValidationError(_("Write the outcome."))
    proposal.outcome = outcome.strip()
    proposal.outcome_recorded_at = timezone.now()
    proposal.outcome_recorded_by = actor
    proposal.save()
    return proposal
