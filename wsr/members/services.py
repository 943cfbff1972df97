"""Writes on the members model: applications, decisions, invitations, people."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from notifications.services import email_queue

from . import roles
from .models import (
    NAME_TAKEN,
    Affiliation,
    Invitation,
    Membership,
    Organization,
    Profile,
    name_key,
    names_are_close,
)

User = get_user_model()


def staff_emails() -> list[str]:
    """Where staff notifications go: active staff and the configured extra addresses."""
    staff = User.objects.filter(is_staff=True, is_active=True).values_list("email", flat=True)
    return sorted(set(staff) | set(settings.STAFF_NOTIFICATION_EMAILS))


def language_of(user) -> str:
    """The language to write to `user` in."""
    return _language_of(user)


def _language_of(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.preferred_language if profile else settings.LANGUAGE_CODE


def rights_end(*, user, organization: Organization | None = None, actor=None) -> None:
    """What `user` had through `organization` (None: through a membership that lapsed or was
    declined, or an account deactivated) ends: each app ends its part, through the hook
    `wsr_rights_end` (coordination: working groups and efforts)."""
    from wagtail import hooks

    roles.forget_member(user)
    for hook in hooks.get_hooks("wsr_rights_end"):
        hook(user=user, organization=organization, actor=actor)


def _rights_end_for_people_of(organization: Organization, actor=None) -> None:
    for affiliation in organization.affiliations.select_related("user"):
        rights_end(user=affiliation.user, actor=actor)


def profile_ensure(*, user) -> Profile:
    """The profile of `user`, created on first use."""
    profile, _created = Profile.objects.get_or_create(
        user=user, defaults={"display_name": user.get_full_name()}
    )
    return profile


@transaction.atomic
def organization_apply(
    *, user, organization_data: dict, statement_of_support: str, sectors=(), countries=()
) -> Membership:
    """Create an organization that applies to join the Collaborative, with `user` as admin."""
    organization = Organization.objects.create(**organization_data, countries=list(countries))
    organization.sectors.set(sectors)
    membership = Membership.objects.create(
        organization=organization,
        status=Membership.Status.APPLICANT,
        statement_of_support=statement_of_support,
        applied_by=user,
    )
    Affiliation.objects.create(user=user, organization=organization, role=Affiliation.Role.ADMIN)
    log(instance=membership, action="wsr.membership.apply", user=user)
    context = {
        "organization": organization.name,
        "applicant": user.email,
        "review_url": reverse("admin:members_membership_change", args=[membership.pk]),
    }
    email_queue(
        template="members/email/application_received_staff",
        to=staff_emails(),
        context=context,
        language=settings.LANGUAGE_CODE,
    )
    email_queue(
        template="members/email/application_received",
        to=[user.email],
        context=context,
        language=_language_of(user),
    )
    return membership


def _decide(*, membership: Membership, decided_by, status: str, note: str) -> Membership:
    if membership.status != Membership.Status.APPLICANT:
        raise ValidationError(_("Only pending applications can be approved or declined."))
    membership.status = status
    membership.decided_by = decided_by
    membership.decided_at = timezone.now()
    if note:
        membership.decision_note = note
    if status == Membership.Status.ACTIVE:
        membership.started_on = timezone.localdate()
    membership.save()
    if status != Membership.Status.ACTIVE:
        _rights_end_for_people_of(membership.organization, actor=decided_by)
    action = "approve" if status == Membership.Status.ACTIVE else "decline"
    log(
        instance=membership,
        action=f"wsr.membership.{action}",
        user=decided_by,
        data={"note": membership.decision_note},
    )
    applicant = membership.applied_by
    if applicant is not None:
        language = _language_of(applicant)
        with translation.override(language):  # links in the reader's language
            organization_url = membership.organization.get_absolute_url()
        email_queue(
            template=(
                "members/email/application_approved"
                if status == Membership.Status.ACTIVE
                else "members/email/application_declined"
            ),
            to=[applicant.email],
            context={
                "organization": membership.organization.name,
                "note": membership.decision_note,
                "organization_url": organization_url,
            },
            language=language,
        )
    return membership


@transaction.atomic
def membership_approve(*, membership: Membership, decided_by, note: str = "") -> Membership:
    """Approve a pending application; the applicant is emailed."""
    return _decide(
        membership=membership, decided_by=decided_by, status=Membership.Status.ACTIVE, note=note
    )


@transaction.atomic
def membership_decline(*, membership: Membership, decided_by, note: str = "") -> Membership:
    """Decline a pending application; the applicant is emailed, with the note as reason."""
    return _decide(
        membership=membership, decided_by=decided_by, status=Membership.Status.DECLINED, note=note
    )


@transaction.atomic
def membership_lapse(*, membership: Membership, decided_by, note: str = "") -> Membership:
    """End an active membership (dues unpaid, organization closed); kept in the history."""
    if membership.status != Membership.Status.ACTIVE:
        raise ValidationError(_("Only active memberships can lapse."))
    membership.status = Membership.Status.LAPSED
    membership.ended_on = timezone.localdate()
    membership.decided_by = decided_by
    membership.decided_at = timezone.now()
    if note:
        membership.decision_note = note
    membership.save()
    _rights_end_for_people_of(membership.organization, actor=decided_by)
    log(instance=membership, action="wsr.membership.lapse", user=decided_by)
    return membership


@transaction.atomic
def invitation_create(
    *, organization: Organization, email: str, role: str, invited_by
) -> Invitation:
    """Invite `email` to join `organization`; the invitee is emailed a link."""
    email = email.strip().lower()
    membership = getattr(organization, "membership", None)
    staff = roles.is_staff(invited_by)
    if not (staff or (membership is not None and membership.is_active)):
        raise ValidationError(
            _("Your organization can invite people once its membership is approved.")
        )
    sent_today = Invitation.objects.filter(
        organization=organization, created_at__gte=timezone.now() - timedelta(days=1)
    ).count()
    if sent_today >= settings.WSR_INVITATIONS_PER_DAY and not staff:
        raise ValidationError(
            _("Your organization has sent %(count)d invitations today. Try again tomorrow.")
            % {"count": sent_today}
        )
    if Affiliation.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise ValidationError(_("This person already belongs to the organization."))
    if Invitation.objects.pending().filter(organization=organization, email__iexact=email).exists():
        raise ValidationError(_("This person has already been invited and has not answered yet."))
    invitation = Invitation.objects.create(
        organization=organization, email=email, role=role, invited_by=invited_by
    )
    # Write in the invitee's language when they already have an account, else the inviter's.
    invitee = User.objects.filter(email__iexact=email).select_related("profile").first()
    language = _language_of(invitee or invited_by)
    with translation.override(language):
        accept_url = invitation.get_absolute_url()
    email_queue(
        template="members/email/invitation",
        to=[email],
        context={
            "organization": organization.name,
            "inviter": invited_by.display_name,
            "accept_url": accept_url,
            "expires_at": invitation.expires_at.date().isoformat(),
        },
        language=language,
    )
    return invitation


def _has_verified_email(user, email: str) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Affiliation:
    """Affiliate `user` with the invitation's organization, if the invitation is theirs."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ValidationError(_("This invitation has expired or has already been used."))
    if not _has_verified_email(user, invitation.email):
        raise ValidationError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    affiliation, created = Affiliation.objects.get_or_create(
        user=user, organization=invitation.organization, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return affiliation


def invitations_accept_for_email(*, user, email: str) -> list[Affiliation]:
    """Accept every pending invitation sent to `email`, now that `user` verified it."""
    return [
        invitation_accept(invitation=invitation, user=user)
        for invitation in Invitation.objects.pending().filter(email__iexact=email)
    ]


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> None:
    """Withdraw a pending invitation."""
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


def _lock_organization(organization_id: int) -> None:
    # Two admins demoting each other at once must not both see "another admin exists":
    # serialize changes to one organization's people (SELECT ... FOR UPDATE on PostgreSQL).
    Organization.objects.select_for_update().filter(pk=organization_id).first()


def _other_admins(affiliation: Affiliation):
    return Affiliation.objects.filter(
        organization=affiliation.organization, role=Affiliation.Role.ADMIN
    ).exclude(pk=affiliation.pk)


@transaction.atomic
def affiliation_remove(*, affiliation: Affiliation, actor=None) -> None:
    """Remove a person from an organization, keeping at least one admin; what they had
    through it ends with it (working groups, efforts they ran for it)."""
    _lock_organization(affiliation.organization_id)
    if affiliation.is_admin and not _other_admins(affiliation).exists():
        raise ValidationError(_("An organization needs at least one administrator."))
    user, organization = affiliation.user, affiliation.organization
    affiliation.delete()
    rights_end(user=user, organization=organization, actor=actor)
    log(
        instance=organization,
        action="wsr.organization.person_remove",
        user=actor,
        data={"person": user.pk},
    )


@transaction.atomic
def affiliation_set_role(*, affiliation: Affiliation, role: str) -> Affiliation:
    """Change a person's role in an organization, keeping at least one admin."""
    _lock_organization(affiliation.organization_id)
    if (
        affiliation.is_admin
        and role != Affiliation.Role.ADMIN
        and not _other_admins(affiliation).exists()
    ):
        raise ValidationError(_("An organization needs at least one administrator."))
    affiliation.role = role
    affiliation.save(update_fields=["role"])
    return affiliation


@transaction.atomic
def profile_update(
    *,
    profile: Profile,
    user_data: dict,
    profile_data: dict,
    languages_spoken=(),
    expertise=(),
    interest_sectors=(),
) -> Profile:
    """Save a person's own profile and preferences."""
    user = profile.user
    for field, value in user_data.items():
        setattr(user, field, value)
    user.save()
    for field, value in profile_data.items():
        setattr(profile, field, value)
    profile.save()
    profile.languages_spoken.set(languages_spoken)
    profile.expertise.set(list(expertise))
    profile.interest_sectors.set(interest_sectors)
    return profile


def _close_name_of(organization: Organization, name: str) -> Organization | None:
    """Another organization whose name is close to `name` (so that a rename waits)."""
    key = name_key(name)
    for other_id, other_key in Organization.objects.exclude(pk=organization.pk).values_list(
        "pk", "name_key"
    ):
        if names_are_close(key, other_key):
            return Organization.objects.get(pk=other_id)
    return None


@transaction.atomic
def organization_update(
    *, organization: Organization, data: dict, sectors=(), countries=(), actor=None
) -> Organization:
    """Save an organization's public profile. A new name must be free (case and accents
    aside); one close to another organization's name is kept as requested, and staff are
    asked, while the organization keeps its name."""
    # A ModelForm has already written the new name on the instance: compare with the stored.
    stored_name = Organization.objects.values_list("name", flat=True).get(pk=organization.pk)
    name = (data.pop("name", None) or stored_name).strip()
    for field, value in data.items():
        setattr(organization, field, value)
    organization.countries = list(countries)
    organization.name = stored_name
    if name_key(name) == name_key(stored_name) or roles.is_staff(actor):
        organization.name = name
    elif organization.name_taken(name):
        raise ValidationError({"name": NAME_TAKEN})
    else:
        close = _close_name_of(organization, name)
        if close is None:
            organization.name = name
        else:
            _name_request(organization=organization, name=name, actor=actor, close=close)
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError as error:  # taken meanwhile by another request
        raise ValidationError({"name": NAME_TAKEN}) from error
    organization.sectors.set(sectors)
    return organization


def _name_request(*, organization: Organization, name: str, actor, close: Organization):
    organization.pending_name = name
    organization.pending_name_requested_by = actor
    organization.pending_name_requested_at = timezone.now()
    log(
        instance=organization,
        action="wsr.organization.name_request",
        user=actor,
        data={"name": name, "close_to": close.name},
    )
    email_queue(
        template="members/email/name_request_staff",
        to=staff_emails(),
        context={
            "organization": organization.name,
            "name": name,
            "close_to": close.name,
            "review_url": reverse("admin:members_organization_change", args=[organization.pk]),
        },
        language=settings.LANGUAGE_CODE,
    )


def _name_request_clear(organization: Organization) -> None:
    organization.pending_name = ""
    organization.pending_name_requested_by = None
    organization.pending_name_requested_at = None


@transaction.atomic
def organization_name_approve(*, organization: Organization, decided_by) -> Organization:
    """Staff approve a requested name, if it is still free."""
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if not organization.pending_name:
        raise ValidationError(_("No name is waiting for approval."))
    if organization.name_taken(organization.pending_name):
        raise ValidationError(NAME_TAKEN)
    old_name = organization.name
    organization.name = organization.pending_name
    _name_request_clear(organization)
    organization.save()
    log(
        instance=organization,
        action="wsr.organization.name_approve",
        user=decided_by,
        data={"old_name": old_name, "name": organization.name},
    )
    return organization


@transaction.atomic
def organization_name_refuse(*, organization: Organization, decided_by) -> Organization:
    """Staff refuse a requested name: the organization keeps its name."""
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if not organization.pending_name:
        raise ValidationError(_("No name is waiting for approval."))
    refused = organization.pending_name
    _name_request_clear(organization)
    organization.save()
    log(
        instance=organization,
        action="wsr.organization.name_refuse",
        user=decided_by,
        data={"name": refused},
    )
    return organization


def user_blocking_deletion(*, user) -> list[Organization]:
    """Organizations that would be left without an admin if `user` left: their only admin
    hands them over first (an organization alone with nobody is no one's to manage)."""
    return [
        affiliation.organization
        for affiliation in user.affiliations.filter(role=Affiliation.Role.ADMIN).select_related(
            "organization"
        )
        if not _other_admins(affiliation).exists()
    ]


@transaction.atomic
def user_delete(*, user) -> None:
    """Delete a person's account: each app deletes, anonymizes or hands over its part
    (hook `wsr_account_deletion`), then the account and what hangs on it go."""
    from .selectors import account_deletion_parts

    for organization_id in user.affiliations.values_list("organization_id", flat=True):
        _lock_organization(organization_id)
    blocking = user_blocking_deletion(user=user)
    if blocking:
        raise ValidationError(
            _(
                "You are the only administrator of %(organizations)s. Make someone else "
                "administrator on the people page before deleting your account."
            )
            % {"organizations": ", ".join(o.name for o in blocking)}
        )
    for part in account_deletion_parts(user=user):
        part.carry_out()
    user.delete()
