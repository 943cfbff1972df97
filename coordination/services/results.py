"""The follow-through of decisions (issue 20): results created from an adopted proposal,
edited by conveners, and progress updates posted by their owners, which tell the group."""

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Proposal, Result, ResultUpdate
from ..permissions import (
    blockers_of,
    can_create_result,
    can_edit_result,
    can_post_result_update,
    is_group_member,
)
from .groups import render_markdown
from .limits import write_check


def _check_fields(*, proposal: Proposal, title: str, owner, progress: int) -> None:
    if not title.strip():
        raise ValidationError(_("Give the result a title."))
    if not 0 <= progress <= 100:
        raise ValidationError(_("Progress is a percentage from 0 to 100."))
    if owner is not None and not is_group_member(owner, proposal.group):
        raise ValidationError(_("The owner must be a member of the working group."))


@transaction.atomic
def result_create(
    *,
    proposal: Proposal,
    actor,
    title: str,
    description: str = "",
    owner=None,
    status: str = Result.Status.PLANNED,
    progress: int = 0,
    due_date: date | None = None,
    adopted: bool = True,
) -> Result:
    """Track a result of an adopted proposal (closed, with its outcome recorded). The
    outcome is free text, so the form asks the convener to confirm that it was adopted
    (`adopted`): a rejection has no result to carry out."""
    if not can_create_result(actor, proposal):
        if not (proposal.is_closed and proposal.outcome):
            raise ValidationError(_("Results follow a decision: record the outcome first."))
        raise PermissionDenied(_("Conveners and staff track the results of a decision."))
    if not adopted:
        raise ValidationError(_("Results follow an adopted proposal only."))
    _check_fields(proposal=proposal, title=title, owner=owner, progress=progress)
    write_check(actor)
    now = timezone.now()
    return Result.objects.create(
        proposal=proposal,
        title=title.strip(),
        description=description.strip(),
        owner=owner,
        status=status,
        progress=progress,
        due_date=due_date,
        created_by=actor,
        created_at=now,
        updated_at=now,
    )


@transaction.atomic
def result_edit(
    *,
    result: Result,
    actor,
    title: str,
    description: str = "",
    owner=None,
    status: str,
    progress: int,
    due_date: date | None = None,
) -> Result:
    """Conveners and staff change what a result is, who owns it and where it stands."""
    if not can_edit_result(actor, result):
        raise PermissionDenied(_("Conveners and staff edit the results of a decision."))
    _check_fields(proposal=result.proposal, title=title, owner=owner, progress=progress)
    write_check(actor)
    result.title = title.strip()
    result.description = description.strip()
    result.owner = owner
    result.status = status
    result.progress = progress
    result.due_date = due_date
    result.updated_at = timezone.now()
    result.save()
    return result


@transaction.atomic
def result_update_post(
    *, result: Result, author, text: str, status: str = "", progress: int | None = None
) -> ResultUpdate:
    """A dated progress update; it may move the status and the progress, and it tells the
    group's members (kind "result_update")."""
    if not can_post_result_update(author, result):
        raise PermissionDenied(_("The result's owner and the group's conveners post updates."))
    if not text.strip():
        raise ValidationError(_("Write what changed."))
    if progress is not None and not 0 <= progress <= 100:
        raise ValidationError(_("Progress is a percentage from 0 to 100."))
    write_check(author)
    new_status = status if status and status != result.status else ""
    new_progress = progress if progress is not None and progress != result.progress else None
    update = ResultUpdate.objects.create(
        result=result,
        author=author,
        text=text.strip(),
        text_html=render_markdown(text.strip()),
        status=new_status,
        progress=new_progress,
    )
    if new_status:
        result.status = new_status
    if new_progress is not None:
        result.progress = new_progress
    result.updated_at = update.created_at
    result.save(update_fields=["status", "progress", "updated_at"])

    from notifications.services import notify

    group = result.proposal.group
    notify(
        users=[m.user for m in group.memberships.select_related("user")],
        exclude=[author, *blockers_of(author)],
        kind="result_update",
        template="coordination/email/result_update",
        context={
            "author": author.display_name,
            "group": group.name,
            "result": result.title,
            "status": result.status,  # a code: worded in each reader's language
            "progress": result.progress,
            "excerpt": update.text[:400],
            "result_url": result.get_absolute_url(),
            "site_url": settings.SITE_URL,
        },
        target=result,
        url=result.get_absolute_url(),
    )
    return update
