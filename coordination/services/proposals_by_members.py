"""Calendar items and opportunities added by members (issue 20). Published at once for
members or one of their working groups; a member asking for the public gets the item kept
to members, with `public_requested`, until staff approve (then it is public) or decline
(it stays with members and the proposer is told). Only staff keep a record to staff."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Audience, CalendarItem, Opportunity
from ..permissions import (
    can_choose_working_group,
    can_edit_calendar_item,
    can_edit_opportunity,
    can_keep_to_staff,
    can_propose_items,
    can_publish_directly,
    can_review_proposals,
)
from .limits import write_check

REVIEW_KIND = "item_review"
CALENDAR_ITEM_FIELDS = ("kind", "title", "starts_at", "ends_at", "all_day", "place", "description")
OPPORTUNITY_FIELDS = (
    "title",
    "sector",
    "country",
    "region",
    "place",
    "supply_chain",
    "stage",
    "latitude",
    "longitude",
)


def _reach(record, *, actor, audience: str, working_group) -> None:
    """Set who sees `record`, as `actor` may: a public wish from a member waits for review."""
    if audience == Audience.STAFF and not can_keep_to_staff(actor):
        raise PermissionDenied(_("Only staff keep a record to staff."))
    if audience == Audience.GROUP:
        if working_group is None:
            raise ValidationError({"working_group": _("Choose the working group.")})
        if not can_choose_working_group(actor, working_group):
            raise PermissionDenied(_("You can only choose a working group you belong to."))
    else:
        working_group = None
    record.working_group = working_group
    if audience == Audience.PUBLIC and not can_publish_directly(actor):
        record.audience = Audience.MEMBERS
        record.public_requested = True
        record.reviewed_by, record.reviewed_at = None, None
    else:
        record.audience = audience
        record.public_requested = False


def _fill(record, fields: dict, names) -> None:
    for name in names:
        if name in fields:
            setattr(record, name, fields[name])
    if getattr(record, "ends_at", None) == "":
        record.ends_at = None


@transaction.atomic
def calendar_item_propose(*, actor, audience: str, working_group=None, **fields) -> CalendarItem:
    """A member adds an action, deadline, hearing… to the shared calendar."""
    if not can_propose_items(actor):
        raise PermissionDenied(_("Calendar items are added by members."))
    write_check(actor)
    item = CalendarItem(proposed_by=actor)
    _fill(item, fields, CALENDAR_ITEM_FIELDS)
    _reach(item, actor=actor, audience=audience, working_group=working_group)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def calendar_item_edit(
    *, item: CalendarItem, actor, audience: str, working_group=None, **fields
) -> CalendarItem:
    """Its proposer (or staff) changes it; a member's public item goes back to review."""
    if not can_edit_calendar_item(actor, item):
        raise PermissionDenied(_("Only who added this item can change it."))
    write_check(actor)
    _fill(item, fields, CALENDAR_ITEM_FIELDS)
    _reach(item, actor=actor, audience=audience, working_group=working_group)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def opportunity_propose(*, actor, audience: str, working_group=None, **fields) -> Opportunity:
    """A member puts an opportunity on the map; they own it."""
    if not can_propose_items(actor):
        raise PermissionDenied(_("Opportunities are added by members."))
    write_check(actor)
    opportunity = Opportunity(owner=actor)
    _fill(opportunity, fields, OPPORTUNITY_FIELDS)
    _reach(opportunity, actor=actor, audience=audience, working_group=working_group)
    opportunity.full_clean()
    opportunity._change_reason = "added by a member"
    opportunity.save()
    return opportunity


@transaction.atomic
def opportunity_edit(
    *, opportunity: Opportunity, actor, audience: str, working_group=None, **fields
) -> Opportunity:
    """Its owner (or staff) changes it; a member's public opportunity goes back to review."""
    if not can_edit_opportunity(actor, opportunity):
        raise PermissionDenied(_("Only the owner can change this opportunity."))
    write_check(actor)
    _fill(opportunity, fields, OPPORTUNITY_FIELDS)
    _reach(opportunity, actor=actor, audience=audience, working_group=working_group)
    opportunity.updated_at = timezone.now()
    opportunity.full_clean()
    opportunity.save()
    return opportunity


def pending_review():
    """What members asked to make public, oldest first, in two queries."""
    items = list(
        CalendarItem.objects.filter(public_requested=True)
        .select_related("proposed_by__profile")
        .order_by("starts_at", "pk")
    )
    opportunities = list(
        Opportunity.objects.filter(public_requested=True)
        .select_related("owner__profile", "sector")
        .order_by("updated_at", "pk")
    )
    return items, opportunities


@transaction.atomic
def proposal_review(*, record, actor, approve: bool):
    """Staff approve (the record becomes public) or decline (it stays with members) a
    member's wish to publish; the proposer is told either way."""
    from notifications.services import notify

    if not can_review_proposals(actor):
        raise PermissionDenied(_("Staff review what members publish."))
    record = type(record).objects.select_for_update().get(pk=record.pk)
    if not record.public_requested:
        raise ValidationError(_("This item is not waiting for review."))
    record.public_requested = False
    record.reviewed_by, record.reviewed_at = actor, timezone.now()
    if approve:
        record.audience, record.working_group = Audience.PUBLIC, None
    record.save()
    proposer = record.proposed_by if isinstance(record, CalendarItem) else record.owner
    url = record.get_absolute_url() if isinstance(record, Opportunity) else ""
    if proposer is not None:
        notify(
            users=[proposer],
            kind=REVIEW_KIND,
            template="coordination/email/item_reviewed",
            context={"title": record.title, "approved": approve, "url": url},
            target=record,
            url=url,
        )
    return record
