"""Writes of the initiative registry: framework versions, the assessment process from draft
to published scorecard, replies, and enforcement figures (one CSV is imported whole or not
at all)."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wsr.members import roles
from wsr.members.models import Affiliation
from wsr.members.services import staff_emails
from wsr.site.csv import safe_cell

from .. import permissions
from ..models import (
    STAGE_MOVES,
    Assessment,
    AssessmentAssignment,
    AssessmentEvent,
    ComplaintCount,
    Criterion,
    CriterionScore,
    Determination,
    EnforcementReport,
    Evidence,
    FrameworkVersion,
    Initiative,
    InitiativeReply,
    Stage,
)
from ..selectors.initiatives import assessor_candidates
from .figures import complaint_counts_save

# Framework versions ------------------------------------------------------------------------


@transaction.atomic
def framework_version_draft(*, source: FrameworkVersion | None = None) -> FrameworkVersion:
    """A new unpublished version, a copy of `source` (by default the current one) to edit."""
    source = source or FrameworkVersion.objects.current()
    number = (FrameworkVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = FrameworkVersion.objects.create(number=number)
    if source is not None:
        draft.title, draft.title_es = source.title, source.title_es
        draft.save(update_fields=["title", "title_es"])
    if source is not None:
        skip = {"id", "version", "version_id"}
        for criterion in source.criteria.all():
            fields = {
                f.attname: getattr(criterion, f.attname)
                for f in Criterion._meta.concrete_fields
                if f.attname not in skip
            }
            Criterion.objects.create(version=draft, **fields)
    return draft


@transaction.atomic
def framework_version_publish(*, version: FrameworkVersion, actor) -> FrameworkVersion:
    """Publish a draft version; from then on it never changes and new assessments use it."""
    if not permissions.can_publish_framework_version(actor, version):
        raise PermissionDenied(_("Only the Collaborative's staff can do this."))
    version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_published:
        raise ValidationError(_("This version is already published."))
    criteria = list(version.criteria.all())
    if not criteria:
        raise ValidationError(_("A version needs at least one criterion."))
    if not any(c.min_to_partly_meet is not None for c in criteria):
        # Without it, "partly meets" could never be reached: almost certainly a mistake.
        raise ValidationError(
            _("Give at least one criterion a minimum score to partly meet the criteria.")
        )
    FrameworkVersion.objects.filter(pk=version.pk).update(published_at=timezone.now())
    version.refresh_from_db()
    return version


# Who may do what (assistance.permissions decides; these raise its reason) --------------


def replying_organizations(assessment: Assessment, user):
    """The initiative's lead organizations that `user` belongs to."""
    return assessment.initiative.lead_organizations.filter(affiliations__user=user).distinct()


def _require_assessor(assessment, actor):
    reason = permissions.assessment_refusal(actor, assessment)
    if reason is not None:
        raise PermissionDenied(reason)


def _require_staff(actor, assessment: Assessment | None = None):
    if assessment is not None:
        reason = permissions.staff_refusal(actor, assessment)
        if reason is not None:
            raise PermissionDenied(reason)
    elif not roles.is_staff(actor):
        raise PermissionDenied(_("Only the Collaborative's staff can do this."))


def _lock(assessment: Assessment) -> Assessment:
    return Assessment.objects.select_for_update().select_related("initiative").get(pk=assessment.pk)


def _move(assessment: Assessment, *, to: str, actor, note: str = "") -> None:
    if to not in STAGE_MOVES[assessment.stage]:
        raise ValidationError(
            _("An assessment cannot move from “%(from)s” to “%(to)s”.")
            % {"from": assessment.get_stage_display(), "to": Stage(to).label}
        )
    assessment.stage = to
    AssessmentEvent.objects.create(assessment=assessment, stage=to, actor=actor, note=note)


def _email(
    *, template: str, to, context: dict, language: str = "en", target: Assessment | None = None
) -> None:
    """About an assessment: a notification to each person (assessment stage changes);
    otherwise (figures, staff mailboxes) the email itself."""
    from notifications.services import email_queue

    email_queue(
        template=template,
        to=to,
        context=context,
        language=language,
        kind="assessment_stage" if target is not None else None,
        target=target,
        url=context.get("scorecard_url") or context.get("assessment_url", ""),
    )


def _context(assessment: Assessment, **extra) -> dict:
    return {
        "initiative": assessment.initiative.name,
        "assessment_url": reverse("assistance:assessment-detail", kwargs={"pk": assessment.pk}),
        "site_url": settings.SITE_URL,
        **extra,
    }


def _assessor_emails(assessment: Assessment, *, except_user=None) -> list[str]:
    people = assessment.assignments.select_related("person").exclude(person=except_user)
    return [a.person.email for a in people if a.person.is_active]


def _lead_org_emails(assessment: Assessment) -> list[str]:
    return list(
        Affiliation.objects.filter(
            organization__in=assessment.initiative.lead_organizations.all(), user__is_active=True
        ).values_list("user__email", flat=True)
    )


# The process -------------------------------------------------------------------------------


@transaction.atomic
def assessment_open(*, initiative: Initiative, actor, assessors=()) -> Assessment:
    """Open an assessment of `initiative` on the current framework version, with a blank
    score for each criterion."""
    if not permissions.can_open_assessment(actor, initiative):
        raise PermissionDenied(_("Only the Collaborative's staff can do this."))
    version = FrameworkVersion.objects.current()
    if version is None:
        raise ValidationError(_("Publish a framework version before assessing."))
    if initiative.assessments.exclude(stage=Stage.PUBLISHED).exists():
        raise ValidationError(_("This initiative already has an assessment under way."))
    assessment = Assessment.objects.create(
        initiative=initiative, version=version, opened_by=actor, is_demo=initiative.is_demo
    )
    CriterionScore.objects.bulk_create(
        CriterionScore(assessment=assessment, criterion=criterion)
        for criterion in version.criteria.all()
    )
    AssessmentEvent.objects.create(assessment=assessment, stage=Stage.DRAFT, actor=actor)
    for person in assessors:
        # The opener may be among them: they declare their interests afterwards.
        _assign(assessment=assessment, actor=actor, person=person)
    return assessment


def assessor_refusal(*, initiative: Initiative, person) -> str | None:
    """Why `person` cannot be made an assessor of `initiative` (None: they can)."""
    if not person.is_active:
        return _("This person's account is not active.")
    tie = (
        Affiliation.objects.filter(user=person, organization__in=initiative.organizations())
        .select_related("organization")
        .first()
    )
    if tie is not None:
        return _(
            "%(person)s is affiliated with %(organization)s, an organization of this "
            "initiative, and cannot assess it: choose someone independent."
        ) % {"person": person.display_name, "organization": tie.organization.name}
    if not assessor_candidates().filter(pk=person.pk).exists():
        return _(
            "%(person)s is neither staff nor a person of a member organization, so cannot assess."
        ) % {"person": person.display_name}
    return None


def assessor_assign(*, assessment: Assessment, actor, person) -> AssessmentAssignment:
    """Assign a staff person or an expert; they see this assessment at every stage and
    declare their interests before the evidence opens to them."""
    _require_staff(actor, assessment)
    return _assign(assessment=assessment, actor=actor, person=person)


def _assign(*, assessment: Assessment, actor, person) -> AssessmentAssignment:
    reason = assessor_refusal(initiative=assessment.initiative, person=person)
    if reason is not None:
        raise ValidationError(reason)
    assignment, created = AssessmentAssignment.objects.get_or_create(
        assessment=assessment, person=person, defaults={"assigned_by": actor}
    )
    if created and person != actor:
        _email(
            template="assistance/email/assessor_assigned",
            to=[person.email],
            target=assessment,
            context=_context(assessment),
        )
    return assignment


@transaction.atomic
def assessor_declare(
    *, assessment: Assessment, actor, has_conflict: bool, conflict: str = ""
) -> AssessmentAssignment:
    """An assessor's declaration of interests, once: "no conflict" opens the evidence to
    them; a conflict takes them off the work and staff are told (not what it is: they read
    it on the assessment page)."""
    assignment = (
        AssessmentAssignment.objects.select_for_update()
        .filter(assessment=assessment, person=actor)
        .first()
    )
    if assignment is None:
        raise PermissionDenied(_("Only the assessors of this assessment declare their interests."))
    if assignment.declared_at is not None:
        raise ValidationError(
            _(
                "You declared your interests already, on %(date)s. If something has changed, "
                "tell the Collaborative's staff."
            )
            % {"date": date_format(timezone.localtime(assignment.declared_at).date())}
        )
    conflict = conflict.strip()
    if has_conflict and not conflict:
        raise ValidationError(_("Describe the conflict in a few words."))
    assignment.declared_at = timezone.now()
    assignment.has_conflict = has_conflict
    assignment.conflict = conflict if has_conflict else ""
    assignment.save(update_fields=["declared_at", "has_conflict", "conflict"])
    if has_conflict:
        _email(
            template="assistance/email/assessor_conflict",
            to=staff_emails(),
            context=_context(assessment, assessor=actor.display_name),
        )
    return assignment


@transaction.atomic
def score_record(
    *,
    assessment: Assessment,
    actor,
    criterion: Criterion,
    score: int | None,
    rationale: str,
    recommendation: str | None = None,
) -> CriterionScore:
    """Record a criterion's score and rationale (and, given, the recommendation for
    improvement, published with them); only while the assessment is a draft."""
    _require_assessor(assessment, actor)
    assessment = _lock(assessment)
    if not assessment.is_editable:
        raise ValidationError(_("Scores change only while the assessment is a draft."))
    if score is not None and score not in (0, 1, 2, 3):
        raise ValidationError(_("A score is 0, 1, 2 or 3."))
    row = CriterionScore.objects.get(assessment=assessment, criterion=criterion)
    row.score, row.rationale = score, rationale.strip()
    if recommendation is not None:
        row.recommendation = recommendation.strip()
    row.updated_by, row.updated_at = actor, timezone.now()
    row.save()
    return row


@transaction.atomic
def summary_record(*, assessment: Assessment, actor, summary: str) -> Assessment:
    _require_assessor(assessment, actor)
    assessment = _lock(assessment)
    if not assessment.is_editable:
        raise ValidationError(_("The summary changes only while the assessment is a draft."))
    assessment.summary = summary.strip()
    assessment.save(update_fields=["summary", "updated_at"])
    return assessment


def evidence_add(
    *,
    assessment: Assessment,
    actor,
    kind: str,
    title: str,
    criterion: Criterion | None = None,
    url: str = "",
    upload=None,
    notes: str = "",
    is_confidential: bool = True,
) -> Evidence:
    _require_assessor(assessment, actor)
    if assessment.stage not in (Stage.DRAFT, Stage.REVIEW):
        raise ValidationError(_("Evidence is added while the assessment is a draft or in review."))
    if criterion is not None and criterion.version_id != assessment.version_id:
        raise ValidationError(_("That criterion is not part of this assessment's framework."))
    if kind == Evidence.Kind.INTERVIEW:
        is_confidential = True  # notes may name workers
    if kind == Evidence.Kind.LINK and not url:
        raise ValidationError(_("Give the link."))
    if kind == Evidence.Kind.DOCUMENT and upload is None and not url:
        raise ValidationError(_("Attach the document or give its link."))
    evidence = Evidence(
        assessment=assessment,
        criterion=criterion,
        kind=kind,
        title=title.strip(),
        url=url,
        notes=notes.strip(),
        is_confidential=is_confidential,
        added_by=actor,
    )
    if upload is not None:
        evidence.original_name = upload.name[:255]
        evidence.content_type = getattr(upload, "detected_type", "application/octet-stream")
        evidence.file.save(upload.name, upload, save=False)
    evidence.save()
    return evidence


@transaction.atomic
def assessment_submit(*, assessment: Assessment, actor) -> Assessment:
    """Draft → in review: every criterion scored with a rationale."""
    _require_assessor(assessment, actor)
    assessment = _lock(assessment)
    missing = [
        s.criterion.display_name
        for s in assessment.scores.select_related("criterion")
        if s.score is None or not s.rationale
    ]
    if missing:
        raise ValidationError(
            _("Score each criterion and give a rationale first. Missing: %(names)s.")
            % {"names": ", ".join(missing)}
        )
    _move(assessment, to=Stage.REVIEW, actor=actor)
    assessment.submitted_by = actor
    assessment.save()
    _email(
        template="assistance/email/assessment_review",
        to=_assessor_emails(assessment, except_user=actor) or staff_emails(),
        target=assessment,
        context=_context(assessment),
    )
    return assessment


@transaction.atomic
def assessment_sign_off(*, assessment: Assessment, actor, today: date | None = None) -> Assessment:
    """In review → right of reply: a second assessor (not the one who submitted) signs off,
    and the initiative's lead organizations get the draft and a deadline to respond."""
    _require_assessor(assessment, actor)
    assessment = _lock(assessment)
    if assessment.stage != Stage.REVIEW:
        raise ValidationError(_("Only an assessment in review can be signed off."))
    if actor.pk == assessment.submitted_by_id:
        raise ValidationError(
            _("A second assessor signs off: not the person who submitted it for review.")
        )
    if not assessment.initiative.lead_organizations.exists():
        raise ValidationError(
            _("Name the initiative's lead organization first: it has the right to reply.")
        )
    _move(assessment, to=Stage.REPLY, actor=actor)
    assessment.signed_off_by, assessment.signed_off_at = actor, timezone.now()
    assessment.reply_due = (today or timezone.localdate()) + timedelta(
        days=settings.ASSESSMENT_REPLY_DAYS
    )
    assessment.save()
    _email(
        template="assistance/email/assessment_reply_open",
        to=_lead_org_emails(assessment),
        target=assessment,
        context=_context(assessment, reply_due=assessment.reply_due.isoformat()),
    )
    return assessment


@transaction.atomic
def reply_submit(*, assessment: Assessment, actor, text: str, today: date | None = None):
    """The lead organization's response, written or rewritten until the deadline."""
    assessment = _lock(assessment)
    if not permissions.can_reply_to_assessment(actor, assessment):
        if not permissions.speaks_for_initiative(actor, assessment.initiative):
            raise PermissionDenied(_("Only the initiative's lead organization may reply."))
        raise ValidationError(_("The time to reply to this assessment is over."))
    organization = replying_organizations(assessment, actor).first()
    if (today or timezone.localdate()) > assessment.reply_due:
        raise ValidationError(
            _("The deadline to reply was %(date)s.") % {"date": assessment.reply_due}
        )
    text = text.strip()
    if not text:
        raise ValidationError(_("Write your response."))
    reply, _created = InitiativeReply.objects.update_or_create(
        assessment=assessment,
        defaults={
            "organization": organization,
            "text": text,
            "author": actor,
            "submitted_at": timezone.now(),
        },
    )
    _email(
        template="assistance/email/assessment_replied",
        to=_assessor_emails(assessment) + staff_emails(),
        target=assessment,
        context=_context(assessment, organization=organization.name),
    )
    return reply


@transaction.atomic
def assessment_return(*, assessment: Assessment, actor, note: str) -> Assessment:
    """Back to draft, with a note saying what to change (review, reply and approval)."""
    assessment = _lock(assessment)
    if assessment.stage == Stage.REVIEW:
        _require_assessor(assessment, actor)
    else:
        _require_staff(actor, assessment)
    if not note.strip():
        raise ValidationError(_("Say what needs to change."))
    _move(assessment, to=Stage.DRAFT, actor=actor, note=note.strip())
    assessment.submitted_by = assessment.signed_off_by = None
    assessment.signed_off_at = assessment.reply_due = None
    assessment.approved_by = assessment.approved_at = None
    assessment.save()
    _email(
        template="assistance/email/assessment_returned",
        to=_assessor_emails(assessment, except_user=actor),
        target=assessment,
        context=_context(assessment, note=note.strip()),
    )
    return assessment


@transaction.atomic
def determination_override(
    *, assessment: Assessment, actor, determination: str, reason: str
) -> Assessment:
    """Set (or clear, with an empty determination) an override of the computed result."""
    _require_staff(actor, assessment)
    assessment = _lock(assessment)
    if assessment.stage == Stage.PUBLISHED:
        raise ValidationError(_("A published assessment never changes."))
    if determination and determination not in Determination.values:
        raise ValidationError(_("Choose a determination."))
    if determination and not reason.strip():
        raise ValidationError(_("An override needs a written reason; it is published with it."))
    assessment.override = determination
    assessment.override_reason = reason.strip() if determination else ""
    assessment.save()
    return assessment


@transaction.atomic
def assessment_approve(*, assessment: Assessment, actor, today: date | None = None) -> Assessment:
    """Right of reply → approved: once the organization has replied or its time is up."""
    _require_staff(actor, assessment)
    assessment = _lock(assessment)
    if assessment.stage != Stage.REPLY:
        raise ValidationError(_("Only an assessment at the right-of-reply stage is approved."))
    replied = InitiativeReply.objects.filter(assessment=assessment).exists()
    if not replied and (today or timezone.localdate()) <= assessment.reply_due:
        raise ValidationError(
            _("The lead organization may still reply until %(date)s.")
            % {"date": assessment.reply_due}
        )
    _move(assessment, to=Stage.APPROVED, actor=actor)
    assessment.approved_by, assessment.approved_at = actor, timezone.now()
    assessment.save()
    return assessment


@transaction.atomic
def assessment_publish(*, assessment: Assessment, actor) -> Assessment:
    """Approved → published: the determination is fixed and the scorecard goes public."""
    _require_staff(actor, assessment)
    assessment = _lock(assessment)
    if assessment.stage != Stage.APPROVED:
        raise ValidationError(_("Only an approved assessment is published."))
    determination = assessment.override or assessment.computed_determination()
    if determination is None:
        raise ValidationError(_("Every criterion needs a score before publication."))
    _move(assessment, to=Stage.PUBLISHED, actor=actor)
    assessment.determination = determination
    assessment.published_at = timezone.now()
    assessment.save()
    Initiative.objects.filter(pk=assessment.initiative_id).update(
        determination=determination, latest_assessment=assessment, updated_at=timezone.now()
    )
    _email(
        template="assistance/email/assessment_published",
        to=_assessor_emails(assessment) + _lead_org_emails(assessment),
        target=assessment,
        context=_context(
            assessment,
            scorecard_url=assessment.get_scorecard_url(),
            determination=determination,  # a code: worded in each reader's language
        ),
    )
    return assessment


# Enforcement figures -----------------------------------------------------------------------

REPORT_FIELDS = (
    "period_start",
    "period_end",
    "workers_covered",
    "complaints_received",
    "complaints_resolved",
    "median_days_to_resolution",
    "audits",
    "suppliers_suspended",
    "suppliers_corrective_action",
    "premium_paid",
    "premium_currency",
    "education_sessions",
    "source_note",
    "narrative",
)


TEXT_REPORT_FIELDS = ("premium_currency", "source_note", "narrative")


def _same_text(given, current) -> bool:
    """Text as sent against text as stored; a CSV download puts a quote before text that
    starts like a formula (wsr.site.csv), and that quote coming back changes nothing."""
    given, current = given or "", current or ""
    return given == current or (given.startswith("'") and given == safe_cell(current))


def _report_unchanged(report: EnforcementReport, data: dict, counts: dict | None) -> bool:
    """Whether `data` says exactly what `report` says: every figure, text and, when `data`
    has them, the complaint counts ({category id: count}, `counts` being the report's)."""
    for name in REPORT_FIELDS:
        given, current = data.get(name), getattr(report, name)
        if name in TEXT_REPORT_FIELDS:
            if not _same_text(given, current):
                return False
        elif given != current:
            return False
    return "counts" not in data or (data["counts"] or {}) == (counts or {})


def _report_check_verified(pairs: list[tuple]) -> set:
    """The periods already verified among `pairs` [(row number or None, report or None,
    data)]: the ones sent again unchanged are returned (their ids: skipped, not an error);
    any that would change raises one message per such period, naming its row."""
    verified = [
        (number, report, data)
        for number, report, data in pairs
        if report is not None and report.status == EnforcementReport.Status.VERIFIED
    ]
    if not verified:
        return set()
    counts = {}
    for count in ComplaintCount.objects.filter(report__in=[r for _n, r, _d in verified]):
        counts.setdefault(count.report_id, {})[count.category_id] = count.count
    unchanged, refused = set(), []
    for number, report, data in verified:
        if _report_unchanged(report, data, counts.get(report.pk)):
            unchanged.add(report.pk)
        elif number is None:
            refused.append(
                _("The figures for %(period)s are verified already; ask staff to correct them.")
                % {"period": report.period_label}
            )
        else:
            refused.append(
                _(
                    "Row %(row)s: the figures for %(period)s are verified already and this row "
                    "changes them; ask staff to correct them."
                )
                % {"row": number, "period": report.period_label}
            )
    if refused:
        raise ValidationError(refused)
    return unchanged


def _report_fill(report: EnforcementReport, *, initiative, data: dict, actor, now) -> None:
    """The figures of one period, submitted (again) and waiting for staff to verify them."""
    for name in REPORT_FIELDS:
        value = data.get(name)
        if value is None and name in ("premium_currency", "source_note", "narrative"):
            value = ""
        setattr(report, name, value)
    report.status = EnforcementReport.Status.SUBMITTED
    report.status_note = ""
    report.submitted_by, report.submitted_at = actor, now
    report.verified_by = report.verified_at = None
    report.is_demo = initiative.is_demo


def _report_save(*, initiative: Initiative, actor, data: dict) -> EnforcementReport:
    existing = EnforcementReport.objects.filter(
        initiative=initiative, period_start=data["period_start"], period_end=data["period_end"]
    ).first()
    if _report_check_verified([(None, existing, data)]):
        return existing  # the verified figures, sent again unchanged: nothing to do
    report = existing or EnforcementReport(initiative=initiative)
    _report_fill(report, initiative=initiative, data=data, actor=actor, now=timezone.now())
    report.save()
    complaint_counts_save([report], [data])  # issue 19
    return report


@transaction.atomic
def report_submit(*, initiative: Initiative, actor, data: dict) -> EnforcementReport:
    """Figures for one period, waiting for staff to verify them."""
    if not permissions.can_report_figures(actor, initiative):
        raise PermissionDenied(
            _("Only the initiative's lead organization and staff report figures.")
        )
    report = _report_save(initiative=initiative, actor=actor, data=data)
    if report.status == EnforcementReport.Status.VERIFIED:
        return report  # unchanged: staff have nothing new to verify
    _email(
        template="assistance/email/report_submitted",
        to=staff_emails(),
        context={
            "initiative": initiative.name,
            "period": report.period_label,
            "queue_url": reverse("assistance:report-queue"),
            "site_url": settings.SITE_URL,
        },
    )
    return report


def _index_new_references(reports: list[EnforcementReport]) -> None:
    """What save() records in Wagtail's reference index (the admin's usage counts) for new
    reports, in one insert: ReferenceIndex.create_or_update_for_object costs three queries
    an object, and bulk writes send no signals."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    if not reports or not ReferenceIndex.is_indexed(EnforcementReport):
        return
    content_type = ContentType.objects.get_for_model(EnforcementReport, for_concrete_model=False)
    ReferenceIndex.objects.bulk_create(
        [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=content_type,
                object_id=report.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for report in reports
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(report)
            )
        ],
        batch_size=500,
        ignore_conflicts=True,
    )


class ImportedReports(list):
    """The reports an import saved, in the order of their rows; `unchanged`: how many rows
    repeated verified figures exactly and were skipped."""

    unchanged = 0


@transaction.atomic
def reports_import(*, initiative: Initiative, actor, rows: list[dict]) -> ImportedReports:
    """Save rows that were each validated already; all of them or, on any error, none."""
    if not permissions.can_report_figures(actor, initiative):
        raise PermissionDenied(
            _("Only the initiative's lead organization and staff report figures.")
        )
    # One query for the periods already reported and a few bulk writes, whatever the number
    # of rows (one save a row, with its history and reference-index rows, cost ~17 ms a row:
    # issue 18). The history keeps one record per report, as save() would.
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history
    from wagtail.models import ReferenceIndex

    existing = {
        (report.period_start, report.period_end): report
        for report in EnforcementReport.objects.filter(initiative=initiative)
    }
    # Verified periods sent again exactly as they are (a download uploaded again) are
    # skipped; any row that would change one refuses the file, naming each such row.
    unchanged = _report_check_verified(
        [
            (data.get("row"), existing.get((data["period_start"], data["period_end"])), data)
            for data in rows
        ]
    )
    now, created, updated = timezone.now(), [], []
    kept = []
    for data in rows:
        report = existing.get((data["period_start"], data["period_end"]))
        if report is not None and report.pk in unchanged:
            continue
        kept.append(data)
        if report is None:
            report = EnforcementReport(initiative=initiative)
            created.append(report)
        else:
            updated.append(report)
        _report_fill(report, initiative=initiative, data=data, actor=actor, now=now)
    changed = [
        *REPORT_FIELDS,
        "status",
        "status_note",
        "submitted_by",
        "submitted_at",
        "verified_by",
        "verified_at",
        "is_demo",
    ]
    if created:
        created = bulk_create_with_history(
            created, EnforcementReport, batch_size=500, default_user=actor
        )
    if updated:
        bulk_update_with_history(
            updated, EnforcementReport, changed, batch_size=500, default_user=actor
        )
    _index_new_references(created)
    for report in updated:
        ReferenceIndex.create_or_update_for_object(report)
    by_period = {(r.period_start, r.period_end): r for r in [*created, *updated]}
    saved = ImportedReports(by_period[(row["period_start"], row["period_end"])] for row in kept)
    saved.unchanged = len(unchanged)
    complaint_counts_save(saved, kept)  # issue 19
    return saved


@transaction.atomic
def report_verify(*, report: EnforcementReport, actor, accept: bool, note: str = ""):
    """Staff verify figures (they go public) or return them with a note."""
    if not permissions.can_verify_figures(actor, report):
        raise PermissionDenied(_("Only the Collaborative's staff can do this."))
    report = EnforcementReport.objects.select_for_update().get(pk=report.pk)
    if report.status != EnforcementReport.Status.SUBMITTED:
        raise ValidationError(_("These figures were dealt with already."))
    if not accept and not note.strip():
        raise ValidationError(_("Say what needs correcting."))
    report.status = (
        EnforcementReport.Status.VERIFIED if accept else EnforcementReport.Status.REJECTED
    )
    report.status_note = note.strip()
    report.verified_by, report.verified_at = actor, timezone.now()
    report.save()
    if report.submitted_by_id and report.submitted_by.email:
        _email(
            template="assistance/email/report_checked",
            to=[report.submitted_by.email],
            context={
                "initiative": report.initiative.name,
                "period": report.period_label,
                "accepted": accept,
                "note": report.status_note,
                "site_url": settings.SITE_URL,
                "initiative_url": report.initiative.get_absolute_url(),
            },
        )
    return report
