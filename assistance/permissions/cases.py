"""Predicates for cases (see the package docstring).

Three sides of a case: the working side (staff and the experts who accepted) sees all of
it; the requester's side (the requester and the admins of the linked organization) sees
what is shared with them; an invited expert sees a summary until they accept. Anyone else
sees nothing, and the views answer 404. These mirror `Case.objects.visible_to(user)`."""

from wsr.members import roles

from ..models import CaseAssignment

__all__ = [
    "can_download_case_file",
    "can_anonymize_case",
    "can_draw_lesson_from_case",
    "can_give_consent_to_share",
    "can_manage_case",
    "can_post_to_case",
    "can_respond_to_invitation",
    "can_see_whole_case",
    "can_view_access_log",
    "can_view_case",
    "can_view_case_history",
    "can_view_case_queue",
    "can_change_cases_in_bulk",
    "can_search_internal_entries",
    "can_save_queue_views",
    "can_work_on_case_tasks",
    "can_use_canned_responses",
    "can_edit_timeline_entry",
    "can_redact_timeline_entry",
    "can_unshare_timeline_entry",
    "can_view_timeline_entry_history",
    "can_link_cases",
    "can_merge_cases",
    "is_case_expert",
    "is_invited_to_case",
    "is_on_requester_side",
]


def _assignment_status(user, case) -> str | None:
    """The status of `user`'s assignment to `case`, or None. Not cached: an answer to an
    invitation changes it in the middle of a request."""
    return (
        CaseAssignment.objects.filter(case=case, expert=user)
        .values_list("status", flat=True)
        .first()
    )


def is_case_expert(user, case) -> bool:
    """An expert who accepted to work on `case`."""
    return roles.is_signed_in(user) and (
        _assignment_status(user, case) == CaseAssignment.Status.ACCEPTED
    )


def is_invited_to_case(user, case) -> bool:
    """An expert asked to work on `case` who has not answered yet."""
    return roles.is_signed_in(user) and (
        _assignment_status(user, case) == CaseAssignment.Status.INVITED
    )


def is_on_requester_side(user, case) -> bool:
    """The requester, or an admin of the organization the case is linked to."""
    if not roles.is_signed_in(user):
        return False
    is_requester = case.requester_id is not None and case.requester_id == user.pk
    if case.organization_id is None:
        return is_requester
    from wsr.members.models import Affiliation

    # The requester of an organization's case while they are in it; its admins.
    affiliation = Affiliation.objects.filter(user=user, organization_id=case.organization_id)
    if is_requester:
        return affiliation.exists()
    return affiliation.filter(role=Affiliation.Role.ADMIN).exists()


def can_see_whole_case(user, case) -> bool:
    """The working side: staff and accepted experts see internal notes, tasks and files."""
    return roles.is_staff(user) or is_case_expert(user, case)


def can_view_case(user, case) -> bool:
    """The case's page, timeline and shared files (not a summary)."""
    return can_see_whole_case(user, case) or is_on_requester_side(user, case)


def can_post_to_case(user, case) -> bool:
    """A note or message (working side) or a reply (requester's side)."""
    return can_view_case(user, case)


def can_work_on_case_tasks(user, case) -> bool:
    """Add tasks and mark them done."""
    return can_see_whole_case(user, case)


def can_download_case_file(user, case_file) -> bool:
    """The working side downloads any file of the case; the requester's side shared ones."""
    case = case_file.case
    if can_see_whole_case(user, case):
        return True
    if not is_on_requester_side(user, case):
        return False
    return case_file.entry_id is not None and case_file.entry.is_shared


def can_manage_case(user, case) -> bool:
    """Change the status, the classification, the lead or the linked organization; invite
    experts."""
    return roles.is_staff(user)


def can_view_case_history(user, case) -> bool:
    return roles.is_staff(user)


def can_view_access_log(user, record) -> bool:
    """Who read a case or an assessment: staff only (the requester asks staff for it)."""
    return roles.is_staff(user)


def can_anonymize_case(user, case) -> bool:
    """Staff anonymize a closed case that is not anonymized yet."""
    return roles.is_staff(user) and case.status == "closed" and case.anonymized_at is None


def can_draw_lesson_from_case(user, case) -> bool:
    return roles.is_staff(user)


def can_give_consent_to_share(user, case) -> bool:
    """The requester themself (not their organization's admins) agrees to share."""
    return (
        roles.is_signed_in(user) and case.requester_id is not None and case.requester_id == user.pk
    )


def can_view_case_queue(user) -> bool:
    """The queue, the workload and the reports of the desk."""
    return roles.is_staff(user)


def can_search_internal_entries(user) -> bool:
    """Searching cases, match internal timeline entries too (staff, who see every case
    whole); anyone else searches only what is shared with the requester side."""
    return roles.is_staff(user)


def can_change_cases_in_bulk(user) -> bool:
    """Assign a lead to, or move the status of, several cases from the queue (issue 19); each
    case still goes through the same services and rules as on its own page."""
    return roles.is_staff(user)


def can_save_queue_views(user) -> bool:
    """Keep one's own named views of the queue (issue 19)."""
    return roles.is_staff(user)


def can_respond_to_invitation(user, assignment) -> bool:
    """Only the invited expert answers, and only once."""
    return (
        roles.is_signed_in(user)
        and assignment.expert_id == user.pk
        and assignment.status == CaseAssignment.Status.INVITED
    )


# The case page's desk (issue 19): canned responses, corrections, links and merges --------

# Entries people wrote; status changes and system events (`event`) are never corrected.
PEOPLES_KINDS = ("note", "message", "reply", "file")


def _is_peoples_entry(entry) -> bool:
    return entry.kind in PEOPLES_KINDS and not entry.event


def _is_redacted(entry) -> bool:
    from ..models import TimelineRedaction

    try:
        return entry.redaction is not None
    except TimelineRedaction.DoesNotExist:
        return False


def can_use_canned_responses(user, case) -> bool:
    """The working side inserts canned responses into its notes and messages."""
    return can_see_whole_case(user, case)


def can_edit_timeline_entry(user, entry) -> bool:
    """Staff edit the notes and messages of the working side (never a requester's reply:
    those are the requester's words, staff may only redact them). The author edits their
    own note, message or reply within ASSISTANCE_ENTRY_EDIT_MINUTES of posting it, while
    they may still write on the case. The earlier text is kept as a revision."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    if not _is_peoples_entry(entry) or _is_redacted(entry) or not roles.is_signed_in(user):
        return False
    if roles.is_staff(user):
        return entry.kind != "reply"
    minutes = getattr(settings, "ASSISTANCE_ENTRY_EDIT_MINUTES", 30)
    return (
        entry.author_id == user.pk
        and entry.kind != "file"
        and timezone.now() - entry.created_at <= timedelta(minutes=minutes)
        and can_post_to_case(user, entry.case)
    )


def can_redact_timeline_entry(user, entry) -> bool:
    """Staff only: any entry people wrote (a requester's reply included), once."""
    return roles.is_staff(user) and _is_peoples_entry(entry) and not _is_redacted(entry)


def can_unshare_timeline_entry(user, entry) -> bool:
    """Staff make a shared note, message or file of the working side internal (a reply is
    the requester's own: it stays theirs)."""
    return (
        roles.is_staff(user)
        and _is_peoples_entry(entry)
        and entry.kind != "reply"
        and entry.is_shared
    )


def can_view_timeline_entry_history(user, entry) -> bool:
    """The earlier texts of an edited entry: those who see the whole case."""
    return can_see_whole_case(user, entry.case)


def can_link_cases(user, case) -> bool:
    """Link a case to another (related, duplicate of) and see its links: staff."""
    return roles.is_staff(user)


def can_merge_cases(user, duplicate) -> bool:
    """Merge a duplicate into a primary case: staff, from an open or closed duplicate that
    was not anonymized."""
    return roles.is_staff(user) and duplicate.anonymized_at is None
