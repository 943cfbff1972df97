"""Predicates for initiatives, assessments and enforcement figures.

An assessor is independent of the initiative: a person affiliated with one of its lead or
participating organizations never assesses it, staff included. That is checked at each
action, not only when the person was added: an assignment made before the rule, or an
affiliation that came later, gives no right. Each assigned assessor (staff too) declares
any other conflict before the evidence opens to them; a declared conflict takes them off
the work. These predicates ask the database each time (no cache on the user object), so
that a declaration or an affiliation counts from the next call."""

from django.utils.translation import gettext as _

from wsr.members import roles

from ..models.initiatives import AssessmentAssignment, Stage

__all__ = [
    "assessment_refusal",
    "can_approve_assessment",
    "can_assess",
    "can_assign_assessors",
    "can_declare_interests",
    "can_manage_assessment",
    "can_open_assessment",
    "can_override_determination",
    "can_publish_assessment",
    "can_publish_framework_version",
    "can_reply_to_assessment",
    "can_report_figures",
    "can_return_assessment",
    "can_see_confidential_evidence",
    "can_see_declarations",
    "can_see_evidence",
    "can_see_unlisted_initiatives",
    "can_sign_off_assessment",
    "can_verify_figures",
    "is_assigned_assessor",
    "is_tied_to_initiative",
    "speaks_for_initiative",
    "staff_refusal",
]

# Who may work on an assessment ------------------------------------------------------------


def is_tied_to_initiative(user, initiative) -> bool:
    """Affiliated with one of the initiative's lead or participating organizations."""
    if not roles.is_signed_in(user):
        return False
    from wsr.members.models import Affiliation

    return Affiliation.objects.filter(
        user=user, organization__in=initiative.organizations()
    ).exists()


def speaks_for_initiative(user, initiative) -> bool:
    """A person of one of the initiative's lead organizations (they reply and report)."""
    if not roles.is_signed_in(user):
        return False
    return initiative.lead_organizations.filter(affiliations__user=user).exists()


def _assignment(user, assessment) -> AssessmentAssignment | None:
    if not roles.is_signed_in(user):
        return None
    return AssessmentAssignment.objects.filter(assessment=assessment, person=user).first()


def is_assigned_assessor(user, assessment) -> bool:
    """Assigned to `assessment`, whatever their declaration (they may still be barred)."""
    return _assignment(user, assessment) is not None


def assessment_refusal(user, assessment) -> str | None:
    """Why `user` may not work on `assessment` as an assessor (None: they may)."""
    if not roles.is_signed_in(user):
        return _("Only the assessors of this assessment and staff can do this.")
    assignment = _assignment(user, assessment)
    if assignment is None and not roles.is_staff(user):
        return _("Only the assessors of this assessment and staff can do this.")
    if is_tied_to_initiative(user, assessment.initiative):
        return _(
            "You are affiliated with an organization of this initiative, so you cannot assess it."
        )
    if assignment is not None and assignment.declared_at is None:
        return _("Declare any conflict of interest first: the assessment opens after that.")
    if assignment is not None and assignment.has_conflict:
        return _("You declared a conflict of interest, so you no longer work on this assessment.")
    return None


def staff_refusal(user, assessment) -> str | None:
    """Why `user` may not take staff decisions on `assessment` (None: they may)."""
    if not roles.is_staff(user):
        return _("Only the Collaborative's staff can do this.")
    return assessment_refusal(user, assessment)


def can_assess(user, assessment) -> bool:
    """Score, write the summary, add evidence, submit: an independent assessor or staff."""
    return assessment_refusal(user, assessment) is None


def can_see_confidential_evidence(user, assessment) -> bool:
    return can_assess(user, assessment)


def can_declare_interests(user, assessment) -> bool:
    """An assessor who has not declared yet (and is not barred by an affiliation)."""
    assignment = _assignment(user, assessment)
    return (
        assignment is not None
        and assignment.declared_at is None
        and not is_tied_to_initiative(user, assessment.initiative)
    )


def can_sign_off_assessment(user, assessment) -> bool:
    """A second assessor: not the one who submitted it for review."""
    return (
        assessment.stage == Stage.REVIEW
        and user.pk != assessment.submitted_by_id
        and can_assess(user, assessment)
    )


def can_manage_assessment(user, assessment) -> bool:
    """Staff decisions (assessors, determination, approval, publication), by staff who are
    themselves free of a conflict in it."""
    return staff_refusal(user, assessment) is None


def can_see_declarations(user, assessment) -> bool:
    return can_manage_assessment(user, assessment)


def can_assign_assessors(user, assessment) -> bool:
    return assessment.stage != Stage.PUBLISHED and can_manage_assessment(user, assessment)


def can_override_determination(user, assessment) -> bool:
    return assessment.stage != Stage.PUBLISHED and can_manage_assessment(user, assessment)


def can_return_assessment(user, assessment) -> bool:
    """Back to draft: an assessor during the review, staff at the later stages."""
    if assessment.stage == Stage.REVIEW:
        return can_assess(user, assessment)
    if assessment.stage in (Stage.REPLY, Stage.APPROVED):
        return can_manage_assessment(user, assessment)
    return False


def can_approve_assessment(user, assessment) -> bool:
    return assessment.stage == Stage.REPLY and can_manage_assessment(user, assessment)


def can_publish_assessment(user, assessment) -> bool:
    return assessment.stage == Stage.APPROVED and can_manage_assessment(user, assessment)


def can_reply_to_assessment(user, assessment) -> bool:
    """The initiative's lead organization, at the right-of-reply stage."""
    return assessment.stage == Stage.REPLY and speaks_for_initiative(user, assessment.initiative)


def can_see_evidence(user, evidence) -> bool:
    """A file of evidence: confidential ones to independent assessors and staff; the others
    to whoever sees the assessment, except an assessor who has not declared yet."""
    from ..models import Assessment

    assessment = evidence.assessment
    if not Assessment.objects.visible_to(user).filter(pk=assessment.pk).exists():
        return False
    if evidence.is_confidential:
        return can_see_confidential_evidence(user, assessment)
    if assessment.stage == Stage.PUBLISHED:
        return True
    return can_assess(user, assessment) or can_reply_to_assessment(user, assessment)


# The registry and its figures -------------------------------------------------------------


def can_open_assessment(user, initiative=None) -> bool:
    return roles.is_staff(user)


def can_see_unlisted_initiatives(user) -> bool:
    return roles.is_staff(user)


def can_report_figures(user, initiative) -> bool:
    """The initiative's lead organization and staff."""
    return roles.is_staff(user) or speaks_for_initiative(user, initiative)


def can_verify_figures(user, report=None) -> bool:
    return roles.is_staff(user)


def can_publish_framework_version(user, version=None) -> bool:
    return roles.is_staff(user)
