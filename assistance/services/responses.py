"""Writes of the right of reply criterion by criterion (issue 19): the initiative's response
on each criterion (text published with the scorecard, files kept private) and the reminders
of the reply deadline. The assessors' recommendations are recorded with the scores
(assessments.score_record)."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsr.members.services import staff_emails

from .. import permissions
from ..models import (
    Assessment,
    Criterion,
    CriterionResponse,
    CriterionResponseFile,
    InitiativeReply,
    ReplyReminder,
    Stage,
)
from .assessments import (
    _assessor_emails,
    _context,
    _email,
    _lead_org_emails,
    _lock,
    replying_organizations,
)

# Days before the reply deadline on which the lead organizations are reminded.
REMINDER_DAYS = (7, 1)


def _require_responder(assessment: Assessment, actor, today: date | None) -> None:
    reason = permissions.response_refusal(actor, assessment, today=today)
    if reason is None:
        return
    if not permissions.speaks_for_initiative(actor, assessment.initiative):
        raise PermissionDenied(reason)
    raise ValidationError(reason)


@transaction.atomic
def criterion_response_save(
    *,
    assessment: Assessment,
    actor,
    criterion: Criterion,
    text: str,
    upload=None,
    today: date | None = None,
) -> CriterionResponse:
    """Write or rewrite the response on one criterion, optionally attaching a file (already
    checked by `check_upload`). Until the reply deadline, at the right-of-reply stage only.
    The assessors and staff are told of the initiative's first response, not of each edit."""
    assessment = _lock(assessment)
    _require_responder(assessment, actor, today)
    if criterion.version_id != assessment.version_id:
        raise ValidationError(_("That criterion is not part of this assessment's framework."))
    text = text.strip()
    response = CriterionResponse.objects.filter(assessment=assessment, criterion=criterion).first()
    has_files = response is not None and response.files.exists()
    if not text and upload is None and not has_files:
        raise ValidationError(_("Write your response on this criterion or attach a file."))
    first = not CriterionResponse.objects.filter(assessment=assessment).exists()
    now = timezone.now()
    organization = replying_organizations(assessment, actor).first()
    if response is None:
        response = CriterionResponse(
            assessment=assessment, criterion=criterion, submitted_at=now, organization=organization
        )
    response.text, response.author, response.updated_at = text, actor, now
    response.organization = organization
    response.save()
    if upload is not None:
        attached = CriterionResponseFile(
            response=response,
            original_name=upload.name[:255],
            content_type=getattr(upload, "detected_type", "application/octet-stream"),
            size=upload.size,
            uploaded_by=actor,
        )
        attached.file.save(upload.name, upload, save=False)
        attached.save()
    if first:
        _email(
            template="assistance/email/assessment_replied",
            to=_assessor_emails(assessment) + staff_emails(),
            target=assessment,
            context=_context(assessment, organization=organization.name),
        )
    return response


@transaction.atomic
def response_file_remove(
    *, response_file: CriterionResponseFile, actor, today: date | None = None
) -> None:
    """Take a file off a response, until the reply deadline; the stored file goes too."""
    assessment = _lock(response_file.response.assessment)
    _require_responder(assessment, actor, today)
    stored = response_file.file
    response_file.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


# Reminders of the reply deadline -----------------------------------------------------------


def _reminder_due(assessment: Assessment, days: int, today: date) -> bool:
    """The reminder `days` before the deadline is due today: from that day until the next
    reminder's (a day the task missed is caught up), and only when the organization had
    more than `days` days when the reply opened (else the opening email said it all)."""
    left = (assessment.reply_due - today).days
    later = [d for d in REMINDER_DAYS if d < days]
    if not (max(later, default=-1) < left <= days):
        return False
    opened = timezone.localdate(assessment.signed_off_at) if assessment.signed_off_at else None
    return opened is None or (assessment.reply_due - opened).days > days


def reply_reminders_send(*, today: date | None = None) -> int:
    """Daily (celery-beat): remind the lead organizations of assessments at the right-of-reply
    stage, 7 days and 1 day before the reply deadline, once each, unless they replied.
    Returns the number of reminders sent."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=max(REMINDER_DAYS))
    waiting = (
        Assessment.objects.filter(stage=Stage.REPLY, reply_due__gte=today, reply_due__lte=horizon)
        .exclude(pk__in=InitiativeReply.objects.values("assessment_id"))
        .select_related("initiative")
    )
    sent = 0
    for assessment in waiting:
        done = set(
            assessment.reply_reminders.filter(reply_due=assessment.reply_due).values_list(
                "days_before", flat=True
            )
        )
        for days in REMINDER_DAYS:
            if days in done or not _reminder_due(assessment, days, today):
                continue
            sent += _remind(assessment, days)
    return sent


def _remind(assessment: Assessment, days: int) -> int:
    try:
        with transaction.atomic():
            ReplyReminder.objects.create(
                assessment=assessment, days_before=days, reply_due=assessment.reply_due
            )
            # Each person in their own language (a notification of the assessment).
            _email(
                template="assistance/email/assessment_reply_reminder",
                to=_lead_org_emails(assessment),
                target=assessment,
                context=_context(assessment, reply_due=assessment.reply_due.isoformat(), days=days),
            )
    except IntegrityError:  # another run sent it a moment ago
        return 0
    return 1
