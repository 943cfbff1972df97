"""Who may do what with members data: the one place these rules live."""

from django.http import Http404

from .models import Organization
from .roles import is_member, is_org_admin, is_staff  # noqa: F401  (re-exported)


def can_administer(user, organization: Organization) -> bool:
    return is_org_admin(user, organization)


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
