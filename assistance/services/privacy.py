"""People's data in the desk (issue 16): the access log of confidential records, its
retention, and the anonymization of closed cases."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..models import AccessRecord, Case, CaseAssignment, CaseStatus, CaseTask, TimelineEntry


def access_log_days() -> int:
    return getattr(settings, "ASSISTANCE_ACCESS_LOG_DAYS", 730)


def case_retention_days() -> int:
    return getattr(settings, "ASSISTANCE_CASE_RETENTION_DAYS", 1825)


def access_record(
    *, user, view_name: str, kind: str, case=None, assessment=None, object_id=None
) -> AccessRecord:
    """Log one read of a confidential record: who, when, what, from which view."""
    return AccessRecord.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        view_name=view_name[:80],
        kind=kind,
        case=case,
        assessment=assessment,
        object_id=object_id,
    )


def access_records_prune(*, now=None) -> int:
    """Delete access records older than ASSISTANCE_ACCESS_LOG_DAYS; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=access_log_days())
    deleted, _by_model = AccessRecord.objects.filter(accessed_at__lt=cutoff).delete()
    return deleted


def cases_due_for_anonymization(*, now=None):
    """Closed cases, not yet anonymized, closed more than ASSISTANCE_CASE_RETENTION_DAYS ago."""
    cutoff = (now or timezone.now()) - timedelta(days=case_retention_days())
    return Case.objects.filter(
        status=CaseStatus.CLOSED, closed_at__lt=cutoff, anonymized_at__isnull=True
    ).order_by("closed_at")


def _history_delete(model, **filters) -> None:
    model.history.model.objects.filter(**filters).delete()


@transaction.atomic
def case_anonymize(*, case: Case, actor=None) -> Case:
    """Remove from a closed case what identifies people: the requester and organization,
    names and contact details, every typed text (description, reasons, notes, messages,
    replies, tasks), its files and notifications, the field history that kept them, and the
    requester's side's reads in the access log. Kept: kind, sector, countries, urgency,
    language, status, dates, lead, experts, and status changes (without their text).
    `actor` None is the retention command; a person must be allowed to."""
    if actor is not None and not permissions.can_anonymize_case(actor, case):
        raise PermissionDenied
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status != CaseStatus.CLOSED:
        raise ValidationError(_("Only a closed case can be anonymized."))
    if case.anonymized_at is not None:
        return case
    from .cases import _requester_side

    side = [person.pk for person in _requester_side(case)]
    files = [stored.file.name for stored in case.files.all() if stored.file]
    storage = case.files.model._meta.get_field("file").storage
    case.files.all().delete()
    case.timeline.exclude(kind=TimelineEntry.Kind.STATUS).delete()
    case.timeline.update(body="", author=None, params={})
    task_ids = list(case.tasks.values_list("pk", flat=True))
    case.tasks.all().delete()
    _history_delete(CaseTask, id__in=task_ids)
    case.assignments.update(reason="")
    _history_delete(CaseAssignment, case_id=case.pk)
    case.access_records.filter(user_id__in=side).delete()
    # Emails received for the case (issue 19): addresses, text and the raw message go too.
    for message in case.inbound_messages.all():
        if message.raw:
            message.raw.delete(save=False)
        message.delete()
    from notifications.models import Notification

    for target in (case, *case.assignments.all()):
        Notification.objects.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=target.pk
        ).delete()
    _history_delete(Case, id=case.pk)
    case.requester = None
    case.organization = None
    case.organization_name = ""
    case.contact_name = ""
    case.contact_email = ""
    case.contact_phone = ""
    case.description = ""
    case.status_reason = ""
    case.anonymized_at = timezone.now()
    case._history_user = actor  # noqa: SLF001
    case.save()
    TimelineEntry.objects.create(
        case=case,
        kind=TimelineEntry.Kind.NOTE,
        author=actor,
        event="anonymized",
    )
    transaction.on_commit(lambda: [storage.delete(name) for name in files])
    return case


def access_records_export(user) -> dict:
    """The person's own reads of confidential records, for "download my data" (hook
    `wsr_personal_data`). When the account goes the records stay under "a deleted account":
    the log answers to the people whose records were read."""
    records = AccessRecord.objects.filter(user=user).select_related("case")
    return {
        "assistance_access_log": [
            {
                "what": record.kind,
                "case": record.case.reference if record.case_id else None,
                "assessment": record.assessment_id,
                "item": record.object_id,
                "view": record.view_name,
                "when": record.accessed_at.isoformat(),
            }
            for record in records
        ]
    }
