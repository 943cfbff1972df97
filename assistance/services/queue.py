"""Writes of the staff queue (issue 19): saved views, and one action on several cases.

A bulk action is the single-case service run once per case, each in its own transaction:
the history, the timeline, the emails and every rule apply as on the case's page, and a
case the rules refuse is reported by reference while the others are changed."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..models import Case, SavedQueueView
from .cases import case_transition, case_update


@dataclass
class BulkOutcome:
    done: list[str] = field(default_factory=list)
    # (reference, why) for each case left as it was
    refused: list[tuple[str, str]] = field(default_factory=list)


def _cases(references: list[str]) -> tuple[list[Case], list[str]]:
    found = {c.reference: c for c in Case.objects.filter(reference__in=references)}
    return [found[r] for r in references if r in found], [r for r in references if r not in found]


def may_lead_cases(person) -> bool:
    """Whether cases may be led by `person`: the rule of `Case.lead`'s choices (active staff
    accounts, the lead lists of the case and bulk forms), read from the field so that it is
    stated once. About the account chosen, not a signed-in session: no roles.is_staff."""
    limit = Case._meta.get_field("lead").get_limit_choices_to()
    return type(person)._default_manager.complex_filter(limit).filter(pk=person.pk).exists()


def cases_lead_assign(*, actor, references: list[str], lead) -> BulkOutcome:
    """Make `lead` (active staff) the lead of each case of `references`."""
    outcome = BulkOutcome()
    cases, missing = _cases(references)
    outcome.refused += [(r, _("no such case")) for r in missing]
    if not may_lead_cases(lead):
        outcome.refused += [(c.reference, _("the lead must be active staff")) for c in cases]
        return outcome
    for case in cases:
        if case.lead_id == lead.pk:
            outcome.refused.append((case.reference, _("already led by this person")))
            continue
        case_update(case=case, actor=actor, data={"lead": lead})
        outcome.done.append(case.reference)
    return outcome


def cases_transition(*, actor, references: list[str], to_status: str, reason: str) -> BulkOutcome:
    """Move each case of `references` to `to_status` where its path allows it."""
    outcome = BulkOutcome()
    cases, missing = _cases(references)
    outcome.refused += [(r, _("no such case")) for r in missing]
    for case in cases:
        try:
            case_transition(case=case, actor=actor, to_status=to_status, reason=reason)
        except ValidationError as error:
            outcome.refused.append((case.reference, " ".join(error.messages)))
        else:
            outcome.done.append(case.reference)
    return outcome


def saved_view_save(*, user, name: str, query: str) -> SavedQueueView:
    """Keep `query` as `user`'s view `name`; a view of the same name is replaced."""
    view, _created = SavedQueueView.objects.update_or_create(
        user=user, name=name, defaults={"query": query}
    )
    return view


def saved_view_rename(*, view: SavedQueueView, name: str) -> SavedQueueView:
    """Rename `view`; ValidationError when its owner has another view of that name."""
    if name == view.name:
        return view
    view.name = name
    try:
        with transaction.atomic():
            view.save(update_fields=["name"])
    except IntegrityError:
        raise ValidationError(_("You already have a view with this name.")) from None
    return view


def saved_view_delete(*, view: SavedQueueView) -> None:
    view.delete()
