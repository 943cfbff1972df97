"""Efforts, their targets (with the overlap alert) and updates."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import email_queue, notify
from wsr.members.roles import is_staff

from ..models import Audience, Block, Effort, EffortFollow, EffortTarget, FeedVisit, Update
from ..permissions import (
    blockers_of,
    can_choose_working_group,
    can_edit_effort,
    can_hand_over_effort,
    can_keep_to_staff,
    can_lead_for,
    can_post_update,
)
from .limits import write_check


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
    existing = EffortTarget.objects.filter(effort=effort, company=company).first()
    if existing is not None:
        return existing
    write_check(actor)  # adding a target may email other people: it counts as writing
    target, created = EffortTarget.objects.get_or_create(
        effort=effort, company=company, defaults={"added_by": actor}
    )
    if not created:  # added by someone else at the same instant: they sent the alerts
        return target
    others = [
        other.effort
        for other in EffortTarget.objects.filter(company=company)
        .exclude(effort=effort)
        .select_related("effort__owner")
        .prefetch_related("effort__lead_organizations")
    ]
    if not others:
        return target
    told = _overlaps_told(company)
    shared = _shared_lead_organizations(effort, others)
    # What this effort's owner may see of the others: one query for all of them.
    owner_sees = (
        set(
            Effort.objects.visible_to(effort.owner)
            .filter(pk__in=[o.pk for o in others])
            .values_list("pk", flat=True)
        )
        if effort.owner is not None
        else set()
    )
    for other in others:
        if effort.owner_id is not None and other.owner_id == effort.owner_id:
            # Both are theirs (issue 20): one note, never "talk to" themselves.
            if (effort.pk, other.pk) not in told and (other.pk, effort.pk) not in told:
                _overlap_own_tell(efforts=(effort, other), company=company)
            continue
        for mine, theirs in ((effort, other), (other, effort)):
            if mine.owner is None or theirs.owner is None:
                continue  # an owner deleted their account and nobody took the effort over
            if (mine.pk, theirs.pk) in told:
                continue  # removing and adding a target again tells nobody twice
            context = {
                "company": company.name,
                "effort": mine.name,
                "site_url": settings.SITE_URL,
                "company_url": company.get_absolute_url(),
                **_overlap_keys(mine, theirs, company),
            }
            sees = (
                theirs.pk in owner_sees
                if mine is effort
                else Effort.objects.visible_to(mine.owner).filter(pk=theirs.pk).exists()
            )
            if sees:
                template = "coordination/email/overlap"
                colleague = shared.get((mine.pk, theirs.pk))
                if colleague is not None:
                    # A colleague: say so, so they settle it inside their organization.
                    template = "coordination/email/overlap_colleague"
                    context["organization"] = colleague.name
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
    write_check(author)
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
        .exclude(user__in=Block.objects.filter(blocked=author).values("blocker"))
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


# Managing one's own effort (issue 20) ------------------------------------------------------


def _shared_lead_organizations(effort: Effort, others) -> dict:
    """For each pair (mine, theirs) of `effort` and one of `others` (their lead
    organizations prefetched), a lead organization of `mine` that the owner of `theirs`
    also belongs to: two queries, however many the others."""
    from wsr.members.models import Affiliation

    if effort.owner_id is None:
        return {}
    owners = {o.owner_id for o in others if o.owner_id is not None} | {effort.owner_id}
    belongs: dict[int, dict] = {}  # person -> {organization id: organization}
    for affiliation in Affiliation.objects.filter(user_id__in=owners).select_related(
        "organization"
    ):
        belongs.setdefault(affiliation.user_id, {})[affiliation.organization_id] = (
            affiliation.organization
        )
    leads = list(effort.lead_organizations.all())
    found = {}
    for other in others:
        pairs = (
            (effort, leads, other.owner_id),
            (other, other.lead_organizations.all(), effort.owner_id),
        )
        for mine, mine_leads, person in pairs:
            theirs_orgs = belongs.get(person, {})
            organization = next((o for o in mine_leads if o.pk in theirs_orgs), None)
            if organization is not None:
                found[(mine.pk, (other if mine is effort else effort).pk)] = organization
    return found


def _overlap_keys(mine: Effort, theirs: Effort, company) -> dict:
    """What identifies one overlap alert in its notification's context."""
    return {"overlap_company_id": company.pk, "overlap_effort_id": theirs.pk}


def _overlaps_told(company) -> set[tuple[int, int]]:
    """The (effort, other effort) pairs whose owner was already told of their overlap at
    `company` (one query): one alert per pair and company, ever, however often a target is
    removed and added again."""
    from django.contrib.contenttypes.models import ContentType

    from notifications.models import Notification

    return set(
        Notification.objects.filter(
            kind="effort_overlap",
            target_type=ContentType.objects.get_for_model(Effort),
            context__overlap_company_id=company.pk,
        ).values_list("target_id", "context__overlap_effort_id")
    )


def _overlap_own_tell(*, efforts, company) -> None:
    first, second = efforts
    email_queue(
        template="coordination/email/overlap_own",
        to=[first.owner.email],
        kind="effort_overlap",
        target=first,
        url=first.get_absolute_url(),
        context={
            "company": company.name,
            "effort": first.name,
            "other_effort": second.name,
            "site_url": settings.SITE_URL,
            "company_url": company.get_absolute_url(),
            **_overlap_keys(first, second, company),
        },
    )


def _require_editor(actor, effort: Effort) -> None:
    if not can_edit_effort(actor, effort):
        raise PermissionDenied(_("Only the effort's owner and lead organizations change it."))


def _record(effort: Effort, actor, reason: str) -> None:
    """A history row for a change the effort's own fields do not show (targets, partners)."""
    effort._history_user = actor
    effort._change_reason = reason[:100]
    effort.save()


EDITABLE_FIELDS = ("name", "kind", "summary", "countries", "audience", "working_group")


@transaction.atomic
def effort_edit(*, effort: Effort, actor, data: dict, sectors=None) -> Effort:
    """The people running an effort change what it is and who sees it; only staff keep it
    to staff, and a working group is one the editor belongs to (staff: any)."""
    _require_editor(actor, effort)
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    if data.get("audience") == Audience.STAFF and not can_keep_to_staff(actor):
        raise PermissionDenied(_("Only staff keep an effort to staff."))
    group = data.get("working_group")
    if (
        group is not None
        and group.pk != effort.working_group_id
        and not can_choose_working_group(actor, group)
    ):
        raise PermissionDenied(_("Choose a working group you belong to."))
    reach_before = (effort.audience, effort.working_group_id)
    for field, value in data.items():
        setattr(effort, field, value)
    effort.full_clean(exclude=["owner", "slug"])
    effort._history_user = actor
    effort.save()
    if (effort.audience, effort.working_group_id) != reach_before:
        _require_still_visible(effort, actor)
    if sectors is not None:
        effort.sectors.set(sectors)
    return effort


def _require_still_visible(effort: Effort, actor) -> None:
    """Refuse (rolling the change back) an audience that would hide the effort from its
    owner or from the person changing it: nobody locks the owner out of their effort.
    Staff may (moderation: keeping an effort to staff)."""
    visible = Effort.objects.filter(pk=effort.pk)
    if (
        effort.owner is not None
        and not can_keep_to_staff(actor)
        and not visible.visible_to(effort.owner).exists()
    ):
        raise ValidationError(
            {
                "audience": _(
                    "Its owner would no longer see the effort: choose an audience that "
                    "includes them (for a working group, one they belong to)."
                )
            }
        )
    if not visible.visible_to(actor).exists():
        raise ValidationError(
            {"audience": _("You would no longer see the effort: choose another audience.")}
        )


@transaction.atomic
def effort_status_set(*, effort: Effort, actor, status: str) -> Effort:
    """Change an effort's status: closing is "won" or "ended", reopening is "active"."""
    _require_editor(actor, effort)
    if status not in Effort.Status.values:
        raise ValidationError(_("Choose a status."))
    if effort.status != status:
        effort.status = status
        effort._history_user = actor
        effort.save()
    return effort


@transaction.atomic
def effort_target_remove(*, effort: Effort, actor, company) -> bool:
    """Stop targeting `company`; whether it was a target."""
    _require_editor(actor, effort)
    removed, _by_model = EffortTarget.objects.filter(effort=effort, company=company).delete()
    if removed:
        _record(effort, actor, f"Target removed: {company.name}")
    return bool(removed)


@transaction.atomic
def effort_partner_add(*, effort: Effort, actor, organization):
    """Name an organization of the member registry as a partner (not one that leads it)."""
    from wsr.members.models import Organization

    _require_editor(actor, effort)
    if effort.lead_organizations.filter(pk=organization.pk).exists():
        raise ValidationError(_("This organization already leads the effort."))
    if not Organization.objects.active_members().filter(pk=organization.pk).exists():
        raise ValidationError(_("Partners are member organizations of the Collaborative."))
    if not effort.partners.filter(pk=organization.pk).exists():
        write_check(actor)  # naming a partner emails its admins: it counts as writing
        effort.partners.add(organization)
        _record(effort, actor, f"Partner added: {organization.name}")
        _partner_tell(effort=effort, actor=actor, organization=organization)
    return organization


def _partner_tell(*, effort: Effort, actor, organization) -> None:
    """The partner organization's admins hear that it was named (not the actor)."""
    from django.contrib.auth import get_user_model

    from wsr.members.models import Affiliation

    admins = get_user_model().objects.filter(
        affiliations__organization=organization,
        affiliations__role=Affiliation.Role.ADMIN,
        is_active=True,
    )
    notify(
        users=list(admins.distinct()),
        kind="effort_partner",
        template="coordination/email/effort_partner",
        context={
            "effort": effort.name,
            "organization": organization.name,
            "by": actor.display_name,
            "effort_url": effort.get_absolute_url(),
            "site_url": settings.SITE_URL,
        },
        target=effort,
        url=effort.get_absolute_url(),
        exclude=[actor, *blockers_of(actor)],
    )


@transaction.atomic
def effort_partner_remove(*, effort: Effort, actor, organization) -> bool:
    """Remove a partner organization; whether it was one."""
    _require_editor(actor, effort)
    if not effort.partners.filter(pk=organization.pk).exists():
        return False
    effort.partners.remove(organization)
    _record(effort, actor, f"Partner removed: {organization.name}")
    return True


def owner_candidates(effort: Effort):
    """Who may take an effort over: members of the Collaborative in one of its lead
    organizations (an active member organization), other than its owner."""
    from django.contrib.auth import get_user_model

    from wsr.members.models import Membership

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            affiliations__organization__in=effort.lead_organizations.filter(
                membership__status=Membership.Status.ACTIVE
            ),
        )
        .exclude(pk=effort.owner_id)
        .distinct()
        .select_related("profile")
        .order_by("first_name", "last_name", "pk")
    )


@transaction.atomic
def effort_owner_change(*, effort: Effort, actor, new_owner) -> Effort:
    """Hand an effort to another member of its lead organizations, who is told. The former
    owner keeps the right to change it only through a lead organization."""
    if not can_hand_over_effort(actor, effort):
        raise PermissionDenied(_("Only the effort's owner and staff hand it over."))
    if not owner_candidates(effort).filter(pk=new_owner.pk).exists():
        raise ValidationError(_("Hand the effort to a member of one of its lead organizations."))
    former = effort.owner
    effort.owner = new_owner
    effort._history_user = actor
    effort._change_reason = "Handed over"
    effort.save()
    context = {
        "effort": effort.name,
        "by": actor.display_name,
        "new_owner": new_owner.display_name,
        "effort_url": effort.get_absolute_url(),
        "site_url": settings.SITE_URL,
    }
    common = {"kind": "effort_ownership", "target": effort, "url": effort.get_absolute_url()}
    notify(
        users=[new_owner],
        template="coordination/email/effort_handed_over",
        context=context,
        exclude=[actor],
        **common,
    )
    if former is not None:
        # The former owner hears of it, unless they did it themselves.
        notify(
            users=[former],
            template="coordination/email/effort_handed_away",
            context=context,
            exclude=[actor],
            **common,
        )
    return effort


# Authors' own updates (issue 20) -----------------------------------------------------------


@transaction.atomic
def update_edit(
    *,
    update: Update,
    actor,
    body: str,
    links: str = "",
    ask: str = "",
    ask_detail: str = "",
    ask_date=None,
    upload=None,
    remove_attachment: bool = False,
) -> Update:
    """The author changes their update; readers see "edited". An edit is not new writing:
    it does not count against the write limit and nobody is told again."""
    from ..permissions import can_edit_update

    if not can_edit_update(actor, update):
        raise PermissionDenied(_("Only the author changes an update."))
    body = body.strip()
    if not body:
        raise ValidationError(_("Write the update."))
    if ask == Update.Ask.DATE and ask_date is None:
        raise ValidationError(_("Give the date to hold."))
    update.body = body
    update.links = links.strip()
    update.ask = ask
    update.ask_detail = ask_detail.strip()
    update.ask_date = ask_date if ask == Update.Ask.DATE else None
    if (remove_attachment or upload is not None) and update.attachment:
        _file_delete_on_commit(update.attachment)
        update.attachment = ""
        update.attachment_name = ""
    if upload is not None:
        update.attachment_name = upload.name[:255]
        update.attachment.save(upload.name, upload, save=False)
    update.edited_at = timezone.now()
    update.save()
    return update


def _file_delete_on_commit(field_file) -> None:
    storage, name = field_file.storage, field_file.name
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def update_delete(*, update: Update, actor) -> None:
    """The author (or staff, moderating) deletes an update and its attached file."""
    from ..permissions import can_delete_update

    if not can_delete_update(actor, update):
        raise PermissionDenied(_("Only the author and staff delete an update."))
    if update.attachment:
        _file_delete_on_commit(update.attachment)
    update.delete()
