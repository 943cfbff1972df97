"""Reads on the members model, each starting from a visibility rule."""

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from .models import Affiliation, Invitation, Membership, Organization, Profile


def directory_profiles() -> QuerySet[Profile]:
    """Profiles in the member directory, with what each row shows, in a fixed number of queries."""
    return (
        Profile.objects.in_directory()
        .select_related("user")
        .prefetch_related(
            "languages_spoken",
            "expertise",
            Prefetch(
                "user__affiliations",
                queryset=Affiliation.objects.filter(
                    organization__membership__status=Membership.Status.ACTIVE
                ).select_related("organization"),
                to_attr="active_affiliations",
            ),
        )
        .order_by("display_name", "user__email")
    )


def organization_people(*, organization: Organization) -> QuerySet[Affiliation]:
    return organization.affiliations.select_related("user", "user__profile").order_by(
        "role", "user__email"
    )


def affiliation_losses(*, organization: Organization, affiliations) -> dict[int, list[dict]]:
    """What each person would lose if removed from `organization`, as the apps tell it
    (hook `wsr_affiliation_losses`): per user id, entries with a label, items, a note, and
    the address that ends them (or "")."""
    from wagtail import hooks

    losses: dict[int, list[dict]] = {}
    for hook in hooks.get_hooks("wsr_affiliation_losses"):
        for user_id, entries in hook(organization, affiliations).items():
            losses.setdefault(user_id, []).extend(entries)
    return losses


def user_affiliations(*, user) -> QuerySet[Affiliation]:
    return user.affiliations.select_related("organization", "organization__membership")


def account_successor(*, user, organizations=(), staff: bool = True):
    """Who takes over what `user` owns when they delete their account: an administrator of
    one of `organizations` (longest-standing first), else (if `staff`) a staff person, else
    nobody."""
    from .models import User

    admin = (
        Affiliation.objects.filter(organization__in=organizations, role=Affiliation.Role.ADMIN)
        .exclude(user=user)
        .filter(user__is_active=True)
        .select_related("user__profile")
        .order_by("created_at", "pk")
        .first()
    )
    if admin is not None or not staff:
        return admin.user if admin else None
    return (
        User.objects.filter(is_staff=True, is_active=True)
        .exclude(pk=user.pk)
        .select_related("profile")
        .order_by("date_joined", "pk")
        .first()
    )


def account_deletion_parts(*, user) -> list:
    """What deleting `user`'s account does, as each app tells it (hook
    `wsr_account_deletion`): a list of `AccountDeletionPart`."""
    from wagtail import hooks

    parts = [hook(user) for hook in hooks.get_hooks("wsr_account_deletion")]
    return [part for part in parts if part is not None and not part.is_empty]


def user_pending_invitations(*, user) -> QuerySet[Invitation]:
    from allauth.account.models import EmailAddress

    emails = EmailAddress.objects.filter(user=user, verified=True).values("email")
    return (
        Invitation.objects.pending()
        .filter(Q(email__in=emails) | Q(email__iexact=user.email))
        .select_related("organization")
    )


def user_export(*, user) -> dict:
    """Everything the platform holds about `user`, for "download my data"."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    profile = getattr(user, "profile", None)
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_staff": user.is_staff,
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "profile": None
        if profile is None
        else {
            "display_name": profile.display_name,
            "preferred_language": profile.preferred_language,
            "languages_spoken": [lang.code for lang in profile.languages_spoken.all()],
            "country": str(profile.country.code or ""),
            "bio": profile.bio,
            "expertise": sorted(tag.name for tag in profile.expertise.all()),
            "interest_sectors": [sector.slug for sector in profile.interest_sectors.all()],
            "interest_countries": [country.code for country in profile.interest_countries],
            "is_listed_in_directory": profile.is_listed_in_directory,
            "show_email_in_directory": profile.show_email_in_directory,
            "notify_by_email": profile.notify_by_email,
            "time_zone": profile.time_zone,
        },
        "affiliations": [
            {
                "organization": a.organization.name,
                "role": a.role,
                "title": a.title,
                "since": a.created_at.isoformat(),
            }
            for a in user_affiliations(user=user)
        ],
        "invitations_sent": [
            {
                "email": i.email,
                "organization": i.organization.name,
                "created_at": i.created_at.isoformat(),
            }
            for i in Invitation.objects.filter(invited_by=user).select_related("organization")
        ],
        "membership_applications": [
            {
                "organization": m.organization.name,
                "status": m.status,
                "applied_on": m.applied_on.isoformat(),
            }
            for m in Membership.objects.filter(applied_by=user).select_related("organization")
        ],
        "invitations_accepted": [
            {"organization": i.organization.name, "accepted_at": i.accepted_at.isoformat()}
            for i in Invitation.objects.filter(accepted_by=user)
            .exclude(accepted_at=None)
            .select_related("organization")
        ],
        "membership_decisions": [
            {"organization": m.organization.name, "status": m.status}
            for m in Membership.objects.filter(decided_by=user).select_related("organization")
        ],
        "organization_name_requests": [
            {"organization": o.name, "requested_name": o.pending_name}
            for o in Organization.objects.filter(pending_name_requested_by=user)
        ],
        "second_factors": [
            {
                "type": a.type,
                "created_at": a.created_at.isoformat(),
                "last_used_at": a.last_used_at.isoformat() if a.last_used_at else None,
            }
            for a in Authenticator.objects.filter(user=user)
        ],
    }
    # What other apps hold about the person (notification settings, deliveries…), each
    # under its own key, through the hook `wsr_personal_data`.
    from wagtail import hooks

    for hook in hooks.get_hooks("wsr_personal_data"):
        data.update(hook(user))
    return data


def active_member_organizations() -> QuerySet[Organization]:
    return Organization.objects.active_members().prefetch_related("sectors")
