"""What a person has in coordination through an organization, ended when they leave it or
stop being a member (issue 15: rights follow membership). wsr.members tells this app through
the hook `wsr_rights_end`; the org admin's people page lists it through
`wsr_affiliation_losses`."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from wsr.members.models import Affiliation, Membership
from wsr.members.roles import forget_member, is_member, is_org_admin

from ..models import Effort, GroupMembership


def _other_member_organizations(user, organization):
    return Affiliation.objects.filter(
        user=user, organization__membership__status=Membership.Status.ACTIVE
    ).exclude(organization=organization)


@transaction.atomic
def group_memberships_end(*, user) -> int:
    """End every working-group membership of `user`; the number ended."""
    ended, _by_model = GroupMembership.objects.filter(user=user).delete()
    return ended


@transaction.atomic
def group_memberships_end_through(*, organization, user, actor) -> int:
    """An org admin ends the working-group memberships a person of their organization has
    through it (not those a person keeps through another member organization)."""
    if not is_org_admin(actor, organization):
        raise PermissionDenied(_("Only the organization's administrators do this."))
    if not Affiliation.objects.filter(user=user, organization=organization).exists():
        raise PermissionDenied(_("This person is not in your organization."))
    if _other_member_organizations(user, organization).exists():
        raise ValidationError(
            _(
                "%(person)s is also in another member organization: their working groups "
                "are not only through yours."
            )
            % {"person": user.display_name}
        )
    ended = group_memberships_end(user=user)
    log(
        instance=organization,
        action="wsr.organization.groups_end",
        user=actor,
        data={"person": user.pk, "ended": ended},
    )
    return ended


def _successor(organization, user, actor):
    """Who takes over the efforts `user` ran for `organization`: the admin removing them,
    else another admin of the organization."""
    if actor is not None and actor.pk != user.pk:
        return actor
    other = (
        Affiliation.objects.filter(organization=organization, role=Affiliation.Role.ADMIN)
        .exclude(user=user)
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    return other.user if other else None


@transaction.atomic
def efforts_hand_over(*, user, organization, actor) -> list[Effort]:
    """Efforts `user` owns that `organization` leads, and that they no longer run through
    any of its lead organizations, pass to the organization's admin."""
    successor = _successor(organization, user, actor)
    if successor is None:
        return []
    still_in = Affiliation.objects.filter(user=user).values("organization_id")
    efforts = list(
        Effort.objects.filter(owner=user, lead_organizations=organization)
        .exclude(lead_organizations__in=still_in)
        .distinct()
    )
    for effort in efforts:
        effort.owner = successor
        effort.save(update_fields=["owner"])
    return efforts


@transaction.atomic
def member_rights_end(*, user, organization=None, actor=None) -> None:
    """`user` left `organization` (None: a membership lapsed or was declined, or the account
    was deactivated): the efforts they ran for it pass on, and their working groups end
    unless they are still a member through another organization."""
    forget_member(user)
    if organization is not None:
        efforts_hand_over(user=user, organization=organization, actor=actor)
    if not is_member(user):
        group_memberships_end(user=user)
