"""Meetings (issue 20): answers (RSVP), meetings added by a group's members, agenda and
details edited by who runs them, and reminders the day before."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Audience, Meeting, MeetingResponse, WorkingGroup
from ..permissions import can_delete_meeting, can_edit_meeting, can_propose_meeting, can_rsvp
from .limits import write_check

REMINDER_KIND = "meeting_reminder"
MEETING_FIELDS = ("title", "starts_at", "ends_at", "place", "online_url", "agenda")


@transaction.atomic
def meeting_respond(*, meeting: Meeting, user, answer: str) -> MeetingResponse:
    """Record `user`'s answer (yes, maybe, no), replacing an earlier one."""
    if not can_rsvp(user, meeting):
        raise PermissionDenied(_("You cannot answer for this meeting."))
    if answer not in MeetingResponse.Answer.values:
        raise ValueError(answer)
    response, _created = MeetingResponse.objects.update_or_create(
        meeting=meeting, user=user, defaults={"answer": answer, "updated_at": timezone.now()}
    )
    return response


def meeting_counts(meeting: Meeting) -> dict[str, int]:
    """Answers per kind, in one query: {"yes": n, "maybe": n, "no": n}."""
    counts = dict.fromkeys(MeetingResponse.Answer.values, 0)
    counts.update(
        MeetingResponse.objects.filter(meeting=meeting)
        .values_list("answer")
        .annotate(n=models.Count("pk"))
        .values_list("answer", "n")
    )
    return counts


@transaction.atomic
def meeting_create(*, group: WorkingGroup, actor, **fields) -> Meeting:
    """A member of `group` adds a meeting for the group (its audience is the group)."""
    if not can_propose_meeting(actor, group):
        raise PermissionDenied(_("Join the working group first."))
    write_check(actor)
    data = {name: fields.get(name) or "" for name in MEETING_FIELDS}
    data["ends_at"] = fields.get("ends_at") or None
    meeting = Meeting(
        group=group,
        audience=Audience.GROUP,
        working_group=group,
        created_by=actor,
        **data,
    )
    meeting._change_reason = "added by a member"
    meeting.save()
    return meeting


@transaction.atomic
def meeting_edit(*, meeting: Meeting, actor, **fields) -> Meeting:
    """Change a meeting's details and agenda (its conveners, staff, whoever added it)."""
    if not can_edit_meeting(actor, meeting):
        raise PermissionDenied(_("Only the group's conveners can change this meeting."))
    write_check(actor)
    for name in MEETING_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(meeting, name, (value or None) if name == "ends_at" else (value or ""))
    meeting.save()
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, actor) -> None:
    """Delete a meeting (who added it, its group's conveners, staff); who answered yes or
    maybe hears that it is cancelled (not the actor)."""
    from notifications.services import notify

    if not can_delete_meeting(actor, meeting):
        raise PermissionDenied(_("Only who added the meeting and the group's conveners delete it."))
    coming = [
        response.user
        for response in MeetingResponse.objects.filter(
            meeting=meeting,
            answer__in=[MeetingResponse.Answer.YES, MeetingResponse.Answer.MAYBE],
            user__is_active=True,
        ).select_related("user")
    ]
    context = {
        "title": meeting.title,
        "group": meeting.group.name if meeting.group_id else "",
        "starts_at": meeting.starts_at.isoformat(),
        "url": meeting.group.get_absolute_url() if meeting.group_id else "",
    }
    group = meeting.group
    meeting._change_reason = "deleted"
    meeting.delete()
    notify(
        users=coming,
        kind=REMINDER_KIND,
        template="coordination/email/meeting_cancelled",
        context=context,
        target=group,  # the meeting is gone: its group decides who may still read of it
        url=context["url"],
        exclude=[actor],
    )


def meeting_reminders_send(*, now=None, ahead=timedelta(hours=24)) -> int:
    """Remind each person who answered yes or maybe, once, of a meeting starting within a
    day (hourly by celery-beat; the notification record is what makes "once", and notify
    re-checks that they may still see the meeting when it sends)."""
    from django.contrib.contenttypes.models import ContentType

    from notifications.models import Notification
    from notifications.services import notify

    now = now or timezone.now()
    meeting_type = ContentType.objects.get_for_model(Meeting)
    responses = (
        MeetingResponse.objects.filter(
            answer__in=[MeetingResponse.Answer.YES, MeetingResponse.Answer.MAYBE],
            meeting__starts_at__gt=now,
            meeting__starts_at__lte=now + ahead,
            user__is_active=True,
        )
        .exclude(
            user_id__in=Notification.objects.filter(
                kind=REMINDER_KIND,
                target_type=meeting_type,
                target_id=models.OuterRef("meeting_id"),
            ).values("recipient_id")
        )
        .select_related("meeting__group", "user")
        .order_by("meeting_id", "user_id")
    )
    by_meeting: dict[int, tuple[Meeting, list]] = {}
    for response in responses:
        by_meeting.setdefault(response.meeting_id, (response.meeting, []))[1].append(response.user)
    sent = 0
    for meeting, people in by_meeting.values():
        # No check per person here: the bell and the email re-check the meeting's
        # visible_to(person) whenever the notification is shown or sent.
        sent += len(
            notify(
                users=people,
                kind=REMINDER_KIND,
                template="coordination/email/meeting_reminder",
                context={
                    "title": meeting.title,
                    "group": meeting.group.name if meeting.group_id else "",
                    "starts_at": meeting.starts_at.isoformat(),
                    "place": meeting.place,
                    "url": meeting.get_absolute_url(),
                },
                target=meeting,
                url=meeting.get_absolute_url(),
            )
        )
    return sent
