"""Assistance's part of "download my data" and of deleting an account (issue 16; hooks
`wsr_personal_data` and `wsr_account_deletion`, see wsr.members.personal_data).

Handed over: cases the person requested stay with their organization (an admin of it becomes
the requester, else the staff lead, else staff; the timeline says so) and their case tasks
(to the case's staff lead, else staff). Deleted: their invitations to work on cases and their
assessor assignments. Kept under "a former member": timeline entries, files, scores,
evidence, replies, figures and every "done by" of cases and assessments.

The export carries the person's own words and the records they acted on, but not evidence
notes or score rationales: those hold confidential statements of workers."""

from django.db.models import Q
from django.utils.translation import gettext

from wsr.members.personal_data import FORMER_MEMBER, AccountDeletionPart, describe_hand_over
from wsr.members.selectors import account_successor

from .models import (  # issue 19
    Assessment,
    AssessmentAssignment,
    AssessmentEvent,
    Case,
    CaseAssignment,
    CaseFile,
    CaseLink,
    CaseTask,
    CriterionResponse,
    CriterionResponseFile,
    CriterionScore,
    EnforcementReport,
    Evidence,
    InboundMessage,  # issue 19: email received for cases
    InitiativeReply,
    ReportImport,
    ResponseTarget,  # issue 19: service levels
    SavedQueueView,  # issue 19: the staff queue's saved views
    TimelineEntry,
    TimelineRedaction,
    TimelineRevision,
)

ASSESSMENT_ROLES = ("opened_by", "submitted_by", "signed_off_by", "approved_by")
REPORT_ROLES = ("submitted_by", "verified_by")


def _when(value) -> str | None:
    return value.isoformat() if value else None


def _emails_sent(user):
    """Case emails from `user`: matched to their account, or sent from its address."""
    query = Q(sender_user=user)
    if user.email:
        query |= Q(sender__iexact=user.email)
    return InboundMessage.objects.filter(query)


def _emails_sent_delete(user) -> None:
    """Their emails go with the account, raw message included (it quotes earlier mail);
    what landed on a case stays there as a timeline entry, like their other messages."""
    for message in _emails_sent(user):
        if message.raw:
            message.raw.delete(save=False)
        message.delete()


def personal_data(user) -> dict:
    """Everything assistance holds about `user`, for "download my data"."""
    return {
        "cases_requested": [
            {
                "reference": c.reference,
                "organization": c.organization_label,
                "contact_name": c.contact_name,
                "contact_email": c.contact_email,
                "contact_phone": c.contact_phone,
                "kind": c.kind,
                "description": c.description,
                "status": c.status,
                "submitted_at": _when(c.submitted_at),
            }
            for c in Case.objects.filter(requester=user).select_related("organization")
        ],
        "cases_led": [
            {"reference": c.reference, "status": c.status} for c in Case.objects.filter(lead=user)
        ],
        "case_invitations": [
            {
                "case": a.case.reference,
                "status": a.status,
                "invited_at": _when(a.invited_at),
                "responded_at": _when(a.responded_at),
            }
            for a in CaseAssignment.objects.filter(expert=user).select_related("case")
        ],
        "case_experts_invited": [
            {"case": a.case.reference, "invited_at": _when(a.invited_at)}
            for a in CaseAssignment.objects.filter(invited_by=user).select_related("case")
        ],
        "case_timeline_entries": [
            {
                "case": e.case.reference,
                "kind": e.kind,
                "body": e.text,
                "created_at": _when(e.created_at),
            }
            for e in TimelineEntry.objects.filter(author=user).select_related("case")
        ],
        "case_files_uploaded": [
            {"case": f.case.reference, "name": f.original_name, "at": _when(f.uploaded_at)}
            for f in CaseFile.objects.filter(uploaded_by=user).select_related("case")
        ],
        "case_tasks": [
            {
                "case": t.case.reference,
                "title": t.title,
                "due_on": _when(t.due_on),
                "done_at": _when(t.done_at),
            }
            for t in CaseTask.objects.filter(owner=user).select_related("case")
        ],
        "case_tasks_created": [
            {"case": t.case.reference, "title": t.title, "created_at": _when(t.created_at)}
            for t in CaseTask.objects.filter(created_by=user).select_related("case")
        ],
        # Issue 19: earlier texts of entries the person wrote or edited, their redactions
        # (the redacted text itself is kept nowhere) and the links between cases they made.
        "case_entry_revisions": [
            {
                "case": r.entry.case.reference,
                "earlier_text": r.body,
                "edited_at": _when(r.edited_at),
                "edited_by_me": r.edited_by_id == user.pk,
                "reason": r.reason,
            }
            for r in TimelineRevision.objects.filter(
                Q(edited_by=user) | Q(entry__author=user)
            ).select_related("entry__case")
        ],
        "case_entries_redacted": [
            {"case": r.entry.case.reference, "at": _when(r.redacted_at), "reason": r.reason}
            for r in TimelineRedaction.objects.filter(redacted_by=user).select_related(
                "entry__case"
            )
        ],
        # Issue 19: emails the person sent to case addresses (from their account or its
        # address), and held emails they decided about.
        "case_emails_sent": [
            {
                "case": m.case.reference if m.case else None,
                "sender": m.sender,
                "subject": m.subject,
                "text": m.body,
                "status": m.status,
                "received_at": _when(m.received_at),
            }
            for m in _emails_sent(user).select_related("case")
        ],
        "case_emails_decided": [
            {
                "case": m.case.reference if m.case else None,
                "status": m.status,
                "at": _when(m.decided_at),
            }
            for m in InboundMessage.objects.filter(decided_by=user).select_related("case")
        ],
        # Issue 19, service levels: the responses they gave on time or late, and the
        # responses awaited while they led the case (the compliance report counts them).
        "case_responses_given": [
            {
                "case": t.case.reference,
                "kind": t.kind,
                "due_at": _when(t.due_at),
                "met_at": _when(t.met_at),
            }
            for t in ResponseTarget.objects.filter(responder=user).select_related("case")
        ],
        "case_response_targets_led": [
            {
                "case": t.case.reference,
                "kind": t.kind,
                "due_at": _when(t.due_at),
                "met_at": _when(t.met_at),
                "warned_at": _when(t.warned_at),
                "escalated_at": _when(t.escalated_at),
            }
            for t in ResponseTarget.objects.filter(lead=user).select_related("case")
        ],
        "case_links_made": [
            {
                "case": link.from_case.reference,
                "other_case": link.to_case.reference,
                "kind": link.kind,
                "at": _when(link.created_at),
            }
            for link in CaseLink.objects.filter(created_by=user).select_related(
                "from_case", "to_case"
            )
        ],
        "assessor_assignments": [
            {
                "assessment": str(a.assessment),
                "assigned_at": _when(a.assigned_at),
                "declared_at": _when(a.declared_at),
                "has_conflict": a.has_conflict,
                "conflict": a.conflict,
            }
            for a in AssessmentAssignment.objects.filter(person=user).select_related(
                "assessment__initiative"
            )
        ],
        "assessors_assigned": [
            {"assessment": str(a.assessment), "assigned_at": _when(a.assigned_at)}
            for a in AssessmentAssignment.objects.filter(assigned_by=user).select_related(
                "assessment__initiative"
            )
        ],
        "assessment_steps": [
            {"assessment": str(a), "step": role.removesuffix("_by")}
            for role in ASSESSMENT_ROLES
            for a in Assessment.objects.filter(**{role: user}).select_related("initiative")
        ],
        "assessment_events": [
            {"assessment": str(e.assessment), "stage": e.stage, "at": _when(e.created_at)}
            for e in AssessmentEvent.objects.filter(actor=user).select_related(
                "assessment__initiative"
            )
        ],
        "scores_recorded": [
            {"assessment": str(s.assessment), "criterion": str(s.criterion), "score": s.score}
            for s in CriterionScore.objects.filter(updated_by=user).select_related(
                "assessment__initiative", "criterion"
            )
        ],
        "evidence_added": [
            {"assessment": str(e.assessment), "title": e.title, "added_at": _when(e.added_at)}
            for e in Evidence.objects.filter(added_by=user).select_related("assessment__initiative")
        ],
        "initiative_replies": [
            {"assessment": str(r.assessment), "text": r.text, "at": _when(r.submitted_at)}
            for r in InitiativeReply.objects.filter(author=user).select_related(
                "assessment__initiative"
            )
        ],
        "criterion_responses": [
            {
                "assessment": str(r.assessment),
                "criterion": str(r.criterion),
                "text": r.text,
                "at": _when(r.updated_at),
            }
            for r in CriterionResponse.objects.filter(author=user).select_related(
                "assessment__initiative", "criterion"
            )
        ],
        "criterion_response_files": [
            {
                "assessment": str(f.response.assessment),
                "criterion": str(f.response.criterion),
                "name": f.original_name,
                "uploaded_at": _when(f.uploaded_at),
            }
            for f in CriterionResponseFile.objects.filter(uploaded_by=user).select_related(
                "response__assessment__initiative", "response__criterion"
            )
        ],
        "enforcement_reports": [
            {
                "initiative": str(r.initiative),
                "period_end": _when(r.period_end),
                "step": role.removesuffix("_by"),
            }
            for role in REPORT_ROLES
            for r in EnforcementReport.objects.filter(**{role: user}).select_related("initiative")
        ],
        "figures_imports": [
            {
                "initiative": str(i.initiative),
                "sent_at": _when(i.created_at),
                "status": i.status,
                "rows": i.rows_total,
                "saved": i.saved,
            }
            for i in ReportImport.objects.filter(created_by=user).select_related("initiative")
        ],
        # issue 19: the staff queue's views a person saved (deleted with the account)
        "saved_queue_views": [
            {"name": v.name, "query": v.query, "created_at": _when(v.created_at)}
            for v in SavedQueueView.objects.filter(user=user)
        ],
    }


def _case_successor(user, case):
    admin = account_successor(user=user, organizations=[case.organization], staff=False)
    if admin is not None:
        return admin
    if case.lead_id and case.lead_id != user.pk:
        return case.lead
    return account_successor(user=user)


def _task_successor(user, task):
    if task.case.lead_id and task.case.lead_id != user.pk:
        return task.case.lead
    return account_successor(user=user)


def _case_hand_over(case, *, successor, user) -> None:
    from wsr.members.personal_data import hand_over

    # The field history keeps every earlier value: the person's name, address and phone go
    # from it too (the history page would show them otherwise).
    history = case.history.all()
    for email in {user.email, case.contact_email} - {""}:
        history.filter(contact_email__iexact=email).update(contact_email="")
    if case.contact_name:
        history.filter(contact_name=case.contact_name).update(contact_name=str(FORMER_MEMBER))
    if case.contact_phone:
        history.filter(contact_phone=case.contact_phone).update(contact_phone="")
    case.contact_name = successor.display_name if successor else str(FORMER_MEMBER)
    case.contact_email = successor.email if successor else ""
    case.contact_phone = ""
    case.save(update_fields=["contact_name", "contact_email", "contact_phone"])
    hand_over(case, field_name="requester", successor=successor, previous=user)
    TimelineEntry.objects.create(
        case=case,
        kind=TimelineEntry.Kind.NOTE,
        is_shared=True,
        author=None,
        event="requester_replaced" if successor else "requester_gone",
        params={"person": successor.display_name} if successor else {},
    )


def account_deletion(user) -> AccountDeletionPart:
    """What deleting `user`'s account does here."""
    from wsr.members.personal_data import hand_over

    part = AccountDeletionPart()
    cases = [
        (case, _case_successor(user, case))
        for case in Case.objects.filter(requester=user).select_related("organization", "lead")
    ]
    for case, successor in cases:
        describe_hand_over(
            part,
            thing=gettext("Your request %(reference)s (%(organization)s)")
            % {"reference": case.reference, "organization": case.organization_label},
            successor=successor,
        )
    tasks = [
        (task, _task_successor(user, task))
        for task in CaseTask.objects.filter(owner=user, done_at=None).select_related("case__lead")
    ]
    for task, successor in tasks:
        thing = gettext("Task “%(title)s” on %(reference)s") % {
            "title": task.title,
            "reference": task.case.reference,
        }
        if successor is None:
            part.deleted.append(thing)
        else:
            describe_hand_over(part, thing=thing, successor=successor)
    if (
        CaseAssignment.objects.filter(expert=user).exists()
        or AssessmentAssignment.objects.filter(person=user).exists()
        or CaseTask.objects.filter(owner=user).exclude(done_at=None).exists()
    ):
        part.deleted.append(
            gettext("Your invitations to work on cases, your assessor assignments and done tasks")
        )
    if (
        TimelineEntry.objects.filter(author=user).exists()
        or TimelineRevision.objects.filter(edited_by=user).exists()
        or CaseFile.objects.filter(uploaded_by=user).exists()
        or Evidence.objects.filter(added_by=user).exists()
        or CriterionScore.objects.filter(updated_by=user).exists()
        or InitiativeReply.objects.filter(author=user).exists()
        or CriterionResponse.objects.filter(author=user).exists()
        or CriterionResponseFile.objects.filter(uploaded_by=user).exists()
        or EnforcementReport.objects.filter(submitted_by=user).exists()
    ):
        part.kept.append(
            gettext(
                "Your messages and files on cases, and your part in assessments and figures, "
                "for the record"
            )
        )

    if _emails_sent(user).exists():
        part.deleted.append(gettext("The emails you sent to case addresses (as received)"))
    if SavedQueueView.objects.filter(user=user).exists():  # issue 19; deleted with the account
        part.deleted.append(gettext("Your saved views of the assistance queue"))

    def carry_out():
        _emails_sent_delete(user)
        for case, successor in cases:
            _case_hand_over(case, successor=successor, user=user)
        for task, successor in tasks:
            if successor is not None:
                hand_over(task, field_name="owner", successor=successor, previous=user)

    part.carry_out = carry_out
    return part
