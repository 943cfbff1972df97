"""Predicates for the initiative's responses per criterion (issue 19).

The initiative's side (people of its lead organizations) writes them at the right-of-reply
stage until the reply deadline. The texts are published beside each criterion with the
scorecard; the files never are: they are seen by the independent assessors and staff
(can_assess) and by the initiative's side, while the assessment is visible to them."""

from django.utils import timezone
from django.utils.translation import gettext as _

from wsr.members import roles

from ..models.initiatives import Stage
from .initiatives import can_assess, speaks_for_initiative

__all__ = [
    "can_respond_on_criteria",
    "can_see_criterion_responses",
    "can_see_response_file",
    "response_refusal",
]


def response_refusal(user, assessment, *, today=None) -> str | None:
    """Why `user` may not write or change responses on `assessment`'s criteria now (None:
    they may)."""
    if not speaks_for_initiative(user, assessment.initiative):
        return _("Only the initiative's lead organization may respond.")
    if assessment.stage != Stage.REPLY or assessment.reply_due is None:
        return _("The time to respond to this assessment is over.")
    if (today or timezone.localdate()) > assessment.reply_due:
        from django.utils.formats import date_format

        return _(
            "The deadline to respond was %(date)s: responses can no longer be written or changed."
        ) % {"date": date_format(assessment.reply_due)}
    return None


def can_respond_on_criteria(user, assessment) -> bool:
    """Write, rewrite, attach and remove files: the lead organization until the deadline."""
    return response_refusal(user, assessment) is None


def can_see_criterion_responses(user, assessment) -> bool:
    """Responses with their files, before publication: independent assessors, staff and
    the initiative's side (the texts alone are public once the scorecard is)."""
    if not roles.is_signed_in(user):
        return False
    return can_assess(user, assessment) or speaks_for_initiative(user, assessment.initiative)


def can_see_response_file(user, response_file) -> bool:
    """A file of a response: never public, even once the scorecard is published."""
    from ..models import Assessment

    assessment = response_file.response.assessment
    if not roles.is_signed_in(user):
        return False
    if not Assessment.objects.visible_to(user).filter(pk=assessment.pk).exists():
        return False
    return can_see_criterion_responses(user, assessment)
