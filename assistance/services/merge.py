"""Links between cases and merges of a duplicate into a primary case (issue 19).

A merge copies (does not move) the duplicate's shared messages, replies and files to the
primary, so each case keeps its whole history; open tasks move, since work is done once.
The duplicate is closed ("merged into X") and its requester's side is told; each case shows
an event linking to the other.

Nothing becomes visible to someone who could not see it: a merge is refused when the two
cases have different requester sides (another requester, or another organization, whose
admins would read the copies) or an unconfirmed requester, and when the primary has
experts the duplicate's requester did not agree to share with. Such cases are linked
instead ("related" or "duplicate of"), which shows nothing of one case on the other."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .. import permissions
from ..models import Case, CaseAssignment, CaseFile, CaseLink, CaseStatus, TimelineEntry
from .cases import _entry, _save, _tell_requester_side


def _other_side_link(case_a: Case, case_b: Case) -> CaseLink | None:
    return CaseLink.objects.filter(
        Q(from_case=case_a, to_case=case_b) | Q(from_case=case_b, to_case=case_a)
    ).first()


def _link_events(*, from_case: Case, to_case: Case, actor) -> None:
    for case, other in ((from_case, to_case), (to_case, from_case)):
        _entry(
            case=case,
            kind=TimelineEntry.Kind.NOTE,
            author=actor,
            event="case_linked",
            params={"reference": other.reference},
        )


@transaction.atomic
def case_link(*, from_case: Case, to_case: Case, actor, kind: str) -> CaseLink:
    """Link two cases (once, whichever way): an internal event on both."""
    if not (
        permissions.can_link_cases(actor, from_case) and permissions.can_link_cases(actor, to_case)
    ):
        raise PermissionDenied
    if from_case.pk == to_case.pk:
        raise ValidationError(_("A case cannot be linked to itself."))
    if kind not in CaseLink.Kind.values:
        raise ValidationError(_("Choose how the cases are linked."))
    if _other_side_link(from_case, to_case) is not None:
        raise ValidationError(_("These cases are already linked."))
    link = CaseLink.objects.create(
        from_case=from_case, to_case=to_case, kind=kind, created_by=actor
    )
    _link_events(from_case=from_case, to_case=to_case, actor=actor)
    return link


def merge_refusal(*, duplicate: Case, primary: Case) -> str:
    """Why `duplicate` cannot be merged into `primary` ("" when it can)."""
    if duplicate.pk == primary.pk:
        return _("A case cannot be merged into itself.")
    if duplicate.anonymized_at or primary.anonymized_at:
        return _("An anonymized case cannot be merged.")
    if duplicate.status == CaseStatus.CLOSED:
        return _("This case is closed already: link it instead.")
    if (
        duplicate.requester_id is None
        or duplicate.requester_id != primary.requester_id
        or duplicate.organization_id != primary.organization_id
    ):
        return _(
            "The two cases do not have the same requester and organization: merging would "
            "show one requester's messages to others. Link them instead."
        )
    primary_experts = set(
        primary.assignments.filter(status=CaseAssignment.Status.ACCEPTED).values_list(
            "expert_id", flat=True
        )
    )
    duplicate_experts = set(
        duplicate.assignments.filter(status=CaseAssignment.Status.ACCEPTED).values_list(
            "expert_id", flat=True
        )
    )
    if primary_experts - duplicate_experts and not duplicate.consent_to_share:
        return _(
            "Experts work on the primary case, and the requester did not agree to share the "
            "duplicate with experts. Link them instead."
        )
    return ""


def _copy_file(stored: CaseFile, *, case: Case, entry: TimelineEntry) -> CaseFile:
    with stored.file.open("rb") as source:
        content = ContentFile(source.read(), name=stored.original_name)
    return CaseFile.objects.create(
        case=case,
        entry=entry,
        file=content,
        original_name=stored.original_name,
        content_type=stored.content_type,
        size=stored.size,
        uploaded_by=stored.uploaded_by,
        uploaded_at=stored.uploaded_at,
    )


@transaction.atomic
def case_merge(*, duplicate: Case, primary: Case, actor) -> Case:
    """Merge `duplicate` into `primary` (see the module's docstring). Returns the primary."""
    if not (
        permissions.can_merge_cases(actor, duplicate) and permissions.can_link_cases(actor, primary)
    ):
        raise PermissionDenied
    duplicate = Case.objects.select_for_update().get(pk=duplicate.pk)
    primary = Case.objects.select_for_update().get(pk=primary.pk)
    refusal = merge_refusal(duplicate=duplicate, primary=primary)
    if refusal:
        raise ValidationError(refusal)
    entries = (
        duplicate.timeline.filter(
            is_shared=True, event="", kind__in=("note", "message", "reply", "file")
        )
        .filter(redaction__isnull=True)
        .select_related("file")
    )
    copied = files = 0
    for entry in entries:
        stored = getattr(entry, "file", None)
        if not entry.body and stored is None:
            continue
        copy = TimelineEntry.objects.create(
            case=primary,
            kind=entry.kind,
            author=entry.author,
            body=entry.body,
            is_shared=True,
            created_at=entry.created_at,
        )
        copied += 1
        if stored is not None and stored.file:
            _copy_file(stored, case=primary, entry=copy)
            files += 1
    tasks = 0
    for task in duplicate.tasks.filter(done_at__isnull=True):
        task.case = primary
        task._history_user = actor  # noqa: SLF001
        task.save(update_fields=["case"])
        tasks += 1
    link = _other_side_link(duplicate, primary)
    if link is None:
        CaseLink.objects.create(
            from_case=duplicate, to_case=primary, kind=CaseLink.Kind.DUPLICATE, created_by=actor
        )
    elif link.from_case_id == duplicate.pk and link.kind != CaseLink.Kind.DUPLICATE:
        link.kind = CaseLink.Kind.DUPLICATE
        link.save(update_fields=["kind"])
    previous = duplicate.status
    with translation.override(duplicate.preferred_language):
        reason = _("Merged into %(reference)s.") % {"reference": primary.reference}
    duplicate.status = CaseStatus.CLOSED
    duplicate.status_reason = reason
    duplicate.closed_at = timezone.now()
    _save(duplicate, actor, ["status", "status_reason", "closed_at"])
    _entry(
        case=duplicate,
        kind=TimelineEntry.Kind.STATUS,
        author=actor,
        body=reason,
        is_shared=True,
        status=CaseStatus.CLOSED,
    )
    _entry(
        case=duplicate,
        kind=TimelineEntry.Kind.NOTE,
        author=actor,
        event="merged_into",
        params={"reference": primary.reference},
        is_shared=True,
    )
    _entry(
        case=primary,
        kind=TimelineEntry.Kind.NOTE,
        author=actor,
        event="merged_from",
        params={
            "reference": duplicate.reference,
            "entries": copied,
            "files": files,
            "tasks": tasks,
        },
        is_shared=True,
    )
    _tell_requester_side(
        duplicate,
        "assistance/email/status_changed",
        {"previous": previous, "status": duplicate.status, "reason": reason},
    )
    return primary
