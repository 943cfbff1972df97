"""Who may do what with members data: the one place these rules live."""

from django.http import Http404

from .models import Affiliation, Membership, Organization


def is_member(user) -> bool:
    """A member: a person affiliated with an active member organization (or staff)."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    cached = getattr(user, "_wsr_is_member", None)
    if cached is None:
        cached = Affiliation.objects.filter(
            user=user, organization__membership__status=Membership.Status.ACTIVE
        ).exists()
        user._wsr_is_member = cached
    return cached


def can_administer(user, organization: Organization) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return Affiliation.objects.filter(
        user=user, organization=organization, role=Affiliation.Role.ADMIN
    ).exists()


def access_organization(user, slug: str) -> Organization:
    """The organization `slug` if `user` may see its profile, else 404."""
    try:
        return (
            Organization.objects.visible_to(user)
            .select_related("membership")
            .prefetch_related("sectors")
            .get(slug=slug)
        )
    except Organization.DoesNotExist as exc:
        raise Http404 from exc


def access_organization_for_admin(user, slug: str) -> Organization:
    """The organization `slug` if `user` administers it, else 404 (nothing leaks)."""
    organization = access_organization(user, slug)
    if not can_administer(user, organization):
        raise Http404
    return organization
