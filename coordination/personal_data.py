"""Coordination's part of "download my data" and of deleting an account (issue 16; hooks
`wsr_personal_data` and `wsr_account_deletion`, see wsr.members.personal_data).

Deleted: follows, the feed's last visit, the calendar token, group memberships, meeting
attendance. Kept under "a former member": updates, threads, posts, comments, proposals,
votes and targets added. Handed over: efforts (to an admin of a lead organization, else of the
person's organizations, else staff), opportunities (an admin of the person's organizations,
else staff) and funding applications (staff)."""

from django.utils.translation import gettext

from wsr.members.personal_data import AccountDeletionPart, describe_hand_over, hand_over
from wsr.members.selectors import account_successor

from .models import (
    CalendarToken,
    Comment,
    Effort,
    EffortFollow,
    EffortTarget,
    FeedVisit,
    FundingApplication,
    GroupMembership,
    Meeting,
    Opportunity,
    Post,
    Proposal,
    Thread,
    Update,
    Vote,
)


def _when(value) -> str | None:
    return value.isoformat() if value else None


def personal_data(user) -> dict:
    """Everything coordination holds about `user`, for "download my data"."""
    token = CalendarToken.objects.filter(user=user).first()
    visit = FeedVisit.objects.filter(user=user).first()
    return (
        {
            "efforts_owned": [
                {"name": e.name, "status": e.status, "created_at": _when(e.created_at)}
                for e in Effort.objects.filter(owner=user)
            ],
            "effort_follows": [
                {"effort": f.effort.name, "since": _when(f.created_at)}
                for f in EffortFollow.objects.filter(user=user).select_related("effort")
            ],
            "effort_targets_added": [
                {"effort": t.effort.name, "company": t.company.name, "added_at": _when(t.added_at)}
                for t in EffortTarget.objects.filter(added_by=user).select_related(
                    "effort", "company"
                )
            ],
            "effort_updates": [
                {
                    "effort": u.effort.name,
                    "body": u.body,
                    "links": u.link_list,
                    "attachment": u.attachment_name,
                    "ask": u.ask,
                    "ask_detail": u.ask_detail,
                    "created_at": _when(u.created_at),
                }
                for u in Update.objects.filter(author=user).select_related("effort")
            ],
            "opportunities_owned": [
                {"title": o.title, "stage": o.stage, "country": str(o.country)}
                for o in Opportunity.objects.filter(owner=user)
            ],
            "funding_applications_owned": [
                {"title": a.title, "funder": a.funder.name, "status": a.status}
                for a in FundingApplication.objects.filter(owner=user).select_related("funder")
            ],
            "working_groups": [
                {"group": m.group.name, "role": m.role, "joined_at": _when(m.joined_at)}
                for m in GroupMembership.objects.filter(user=user).select_related("group")
            ],
            "threads_started": [
                {"group": t.group.name, "title": t.title, "created_at": _when(t.created_at)}
                for t in Thread.objects.filter(author=user).select_related("group")
            ],
            "posts": [
                {"thread": p.thread.title, "body": p.body, "created_at": _when(p.created_at)}
                for p in Post.objects.filter(author=user).select_related("thread")
            ],
            # issue 20: comments, kept under "a former member" when the account is deleted
            "comments": [
                {
                    "on": f"{c.target_kind} {c.target_id}",
                    "reply_to": c.parent_id,
                    "body": c.body,
                    "created_at": _when(c.created_at),
                    "edited_at": _when(c.edited_at),
                }
                for c in Comment.objects.filter(author=user, deleted_at__isnull=True)
            ],
            "proposals_made": [
                {"title": p.title, "text": p.text, "created_at": _when(p.created_at)}
                for p in Proposal.objects.filter(created_by=user)
            ],
            "proposal_outcomes_recorded": [
                {
                    "title": p.title,
                    "outcome": p.outcome,
                    "recorded_at": _when(p.outcome_recorded_at),
                }
                for p in Proposal.objects.filter(outcome_recorded_by=user)
            ],
            "votes": [
                {
                    "proposal": v.proposal.title,
                    "option": v.option.label,
                    "for_organization": v.organization.name if v.organization else None,
                    "cast_at": _when(v.cast_at),
                }
                for v in Vote.objects.filter(voter=user).select_related(
                    "proposal", "option", "organization"
                )
            ],
            "meetings_attended": [
                {"title": m.title, "starts_at": _when(m.starts_at)}
                for m in Meeting.objects.filter(attendees=user)
            ],
            # The token itself is a secret (it opens the feed): say that there is one.
            "calendar_feed": {"has_private_feed": True, "created_at": _when(token.created_at)}
            if token
            else None,
            "feed_last_visit": _when(visit.seen_at) if visit else None,
        }
        | _results_data(user)
        | _conversations_data(user)
        | _meetings_data(user)
        | (_invitations_data(user))
    )


def _invitations_data(user) -> dict:
    """Issue 20: working-group invitations and requests to join."""
    from .personal_data_invitations import personal_data as invitations_data

    return invitations_data(user)


def _meetings_data(user) -> dict:
    """Issue 20: a person's answers to meetings (deleted with the account), the calendar
    items they added (handed over, as opportunities are) and the meetings they added (kept,
    for the group's record)."""
    from .models import CalendarItem, MeetingResponse

    return {
        "meeting_answers": [
            {"meeting": r.meeting.title, "answer": r.answer, "updated_at": _when(r.updated_at)}
            for r in MeetingResponse.objects.filter(user=user).select_related("meeting")
        ],
        "calendar_items_added": [
            {"title": i.title, "kind": i.kind, "starts_at": _when(i.starts_at)}
            for i in CalendarItem.objects.filter(proposed_by=user)
        ],
        "meetings_added": [
            {"title": m.title, "starts_at": _when(m.starts_at)}
            for m in Meeting.objects.filter(created_by=user)
        ],
        # Staff's reviews of members' wishes to publish (kept; the reviewer is forgotten).
        "public_items_reviewed": [
            {"title": r.title, "audience": r.audience, "reviewed_at": _when(r.reviewed_at)}
            for model in (CalendarItem, Opportunity)
            for r in model.objects.filter(reviewed_by=user)
        ],
    }


def _meetings_deletion(user, part, *, successor):
    """Describe, then (by the returned function) carry out, issue 20's meetings part of
    deleting `user`: answers go, calendar items added pass to `successor`."""
    from .models import CalendarItem, MeetingResponse

    items = list(CalendarItem.objects.filter(proposed_by=user))
    for item in items:
        describe_hand_over(
            part,
            thing=gettext("Calendar item “%(name)s”") % {"name": item.title},
            successor=successor,
        )
    if MeetingResponse.objects.filter(user=user).exists():
        part.deleted.append(gettext("Your answers to meeting invitations"))
    if Meeting.objects.filter(created_by=user).exists():
        part.kept.append(gettext("The meetings you added, for the groups' record"))

    def carry_out():
        for item in items:
            hand_over(item, field_name="proposed_by", successor=successor, previous=user)
        MeetingResponse.objects.filter(user=user).delete()

    return carry_out


def _conversations_data(user) -> dict:
    """Issue 20: conversations, messages, blocks and reports."""
    from .personal_data_conversations import personal_data as conversations_data

    return conversations_data(user)


def _results_data(user) -> dict:
    """Issue 20: the results a person owns and the progress updates they wrote (kept under
    "a former member" when the account is deleted; an owned result loses its owner)."""
    from .models.results import Result, ResultUpdate

    return {
        "results_owned": [
            {
                "title": r.title,
                "decision": r.proposal.title,
                "status": r.status,
                "progress": r.progress,
                "due_date": _when(r.due_date),
            }
            for r in Result.objects.filter(owner=user).select_related("proposal")
        ],
        "results_created": [
            {"title": r.title, "decision": r.proposal.title}
            for r in Result.objects.filter(created_by=user).select_related("proposal")
        ],
        "result_updates": [
            {"result": u.result.title, "text": u.text, "created_at": _when(u.created_at)}
            for u in ResultUpdate.objects.filter(author=user).select_related("result")
        ],
    }


def _effort_successor(user, effort, own_organizations):
    return account_successor(
        user=user, organizations=list(effort.lead_organizations.all())
    ) or account_successor(user=user, organizations=own_organizations)


def account_deletion(user) -> AccountDeletionPart:
    """What deleting `user`'s account does here."""
    from wsr.members.models import Organization

    part = AccountDeletionPart()
    own_organizations = list(Organization.objects.filter(affiliations__user=user))
    efforts = [
        (effort, _effort_successor(user, effort, own_organizations))
        for effort in Effort.objects.filter(owner=user).prefetch_related("lead_organizations")
    ]
    opportunity_successor = account_successor(user=user, organizations=own_organizations)
    opportunities = list(Opportunity.objects.filter(owner=user))
    staff_successor = account_successor(user=user)
    applications = list(FundingApplication.objects.filter(owner=user))
    handed = (
        [(e, s, gettext("Effort “%(name)s”") % {"name": e.name}) for e, s in efforts]
        + [
            (o, opportunity_successor, gettext("Opportunity “%(name)s”") % {"name": o.title})
            for o in opportunities
        ]
        + [
            (a, staff_successor, gettext("Funding application “%(name)s”") % {"name": a.title})
            for a in applications
        ]
    )
    for _record, successor, thing in handed:
        describe_hand_over(part, thing=thing, successor=successor)
    meeting_part = _meetings_deletion(user, part, successor=opportunity_successor)

    if (
        EffortFollow.objects.filter(user=user).exists()
        or GroupMembership.objects.filter(user=user).exists()
        or Meeting.objects.filter(attendees=user).exists()
        or CalendarToken.objects.filter(user=user).exists()
    ):
        part.deleted.append(
            gettext(
                "The efforts you follow, your working-group memberships, meeting attendance "
                "and your private calendar feed"
            )
        )
    if (
        Update.objects.filter(author=user).exists()
        or Post.objects.filter(author=user).exists()
        or Thread.objects.filter(author=user).exists()
        or Proposal.objects.filter(created_by=user).exists()
        or Vote.objects.filter(voter=user).exists()
        or Comment.objects.filter(author=user).exists()
    ):
        part.kept.append(
            gettext("Your updates, messages, proposals and votes, for the groups' record")
        )
    from .personal_data_conversations import account_deletion as conversations_deletion

    conversations_deletion(user, part)
    from .personal_data_invitations import account_deletion as invitations_deletion

    invitations_deletion(user, part)

    def carry_out():
        for record, successor, _thing in handed:
            hand_over(record, field_name="owner", successor=successor, previous=user)
        meeting_part()

    part.carry_out = carry_out
    return part
