"""Efforts, their targets (with the overlap alert) and updates."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import email_queue
from wsr.members.roles import is_staff

from ..models import Audience, Effort, EffortFollow, EffortTarget, FeedVisit, Update
from ..permissions import can_edit_effort, can_keep_to_staff, can_lead_for, can_post_update


@transaction.atomic
def effort_create(*, actor, data: dict, lead_organizations, sectors=(), targets=()) -> Effort:
    """A member starts an effort led by organizations they belong to (staff: any)."""
    if not all(can_lead_for(actor, o) for o in lead_organizations) or not (
        lead_organizations or is_staff(actor)
    ):
        raise PermissionDenied(_("Lead organizations must be ones you belong to."))
    if data.get("audience") == Audience.STAFF and not can_keep_to_staff(actor):
        raise PermissionDenied(_("Only staff keep an effort to staff."))
    effort = Effort(owner=actor, **data)
    effort.full_clean(exclude=["owner", "slug"])
    effort.save()
    effort.lead_organizations.set(lead_organizations)
    effort.sectors.set(sectors)
    for company in targets:
        effort_target_add(effort=effort, actor=actor, company=company)
    return effort


@transaction.atomic
def effort_target_add(*, effort: Effort, actor, company) -> EffortTarget:
    """Add a target company; if another effort already targets it, both owners are told,
    so two campaigns never approach the same buyer without knowing of each other."""
    if not can_edit_effort(actor, effort):
        raise PermissionDenied(_("Only the effort's owner and lead organizations change it."))
    target, created = EffortTarget.objects.get_or_create(
        effort=effort, company=company, defaults={"added_by": actor}
    )
    if not created:
        return target
    others = (
        EffortTarget.objects.filter(company=company)
        .exclude(effort=effort)
        .select_related("effort__owner")
    )
    for other in others:
        for mine, theirs in ((effort, other.effort), (other.effort, effort)):
            if mine.owner is None or theirs.owner is None:
                continue  # an owner deleted their account and nobody took the effort over
            context = {
                "company": company.name,
                "effort": mine.name,
                "site_url": settings.SITE_URL,
                "company_url": company.get_absolute_url(),
            }
            if Effort.objects.visible_to(mine.owner).filter(pk=theirs.pk).exists():
                template = "coordination/email/overlap"
                context.update(
                    other_effort=theirs.name,
                    other_owner=theirs.owner.display_name,
                    other_owner_email=theirs.owner.email,
                )
            else:
                # The other effort is outside this owner's audience (staff, another
                # working group): say that there is one, not what or whose it is.
                template = "coordination/email/overlap_hidden"
            email_queue(
                template=template,
                to=[mine.owner.email],
                kind="effort_overlap",
                target=mine,
                url=mine.get_absolute_url(),
                context=context,
            )
    return target


def effort_follow(*, effort: Effort, user) -> None:
    EffortFollow.objects.get_or_create(effort=effort, user=user)


def effort_unfollow(*, effort: Effort, user) -> None:
    EffortFollow.objects.filter(effort=effort, user=user).delete()


@transaction.atomic
def update_post(
    *,
    effort: Effort,
    author,
    body: str,
    links: str = "",
    ask: str = "",
    ask_detail: str = "",
    ask_date=None,
    upload=None,
) -> Update:
    """A short update from someone who may see the effort; followers hear of it."""
    if not can_post_update(author, effort):
        raise PermissionDenied(_("Only the people running a public effort post to it."))
    body = body.strip()
    if not body:
        raise ValidationError(_("Write the update."))
    if ask == Update.Ask.DATE and ask_date is None:
        raise ValidationError(_("Give the date to hold."))
    update = Update(
        effort=effort,
        author=author,
        body=body,
        links=links.strip(),
        ask=ask,
        ask_detail=ask_detail.strip(),
        ask_date=ask_date if ask == Update.Ask.DATE else None,
    )
    if upload is not None:
        update.attachment_name = upload.name[:255]
        update.attachment.save(upload.name, upload, save=False)
    update.save()
    followers = (
        EffortFollow.objects.filter(effort=effort)
        .exclude(user=author)
        .values_list("user__email", flat=True)
    )
    email_queue(
        template="coordination/email/update_posted",
        to=list(followers),
        kind="effort_update",
        target=effort,
        url=effort.get_absolute_url(),
        context={
            "effort": effort.name,
            "author": author.display_name,
            "body": body[:500],
            "ask": ask or "",  # a code: worded in each reader's language
            "effort_url": effort.get_absolute_url(),
            "site_url": settings.SITE_URL,
        },
    )
    return update


def feed_mark_seen(*, user, at=None):
    """Record this visit; return when the person last came (None on the first visit)."""
    at = at or timezone.now()
    visit, created = FeedVisit.objects.get_or_create(user=user, defaults={"seen_at": at})
    if created:
        return None
    previous = visit.seen_at
    FeedVisit.objects.filter(pk=visit.pk).update(seen_at=at)
    return previous
