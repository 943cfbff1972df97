"""Who a coordination record is for: the public, members, one working group, or staff.
One queryset method answers "what may this viewer see" for every model here."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wsr.members.audience import Audience
from wsr.members.roles import is_member, is_signed_in, is_staff


def group_ids_of(user):
    """The working groups `user` belongs to, as a subquery."""
    from .groups import GroupMembership

    return GroupMembership.objects.filter(user=user).values("group_id")


def reach_q(user, prefix: str = "") -> Q:
    """The condition on `<prefix>audience` / `<prefix>working_group` for `user`.

    Members' and groups' records need a member: a working-group membership left behind by
    a lapse, a removal or a deactivation gives nothing."""
    audience, group = f"{prefix}audience", f"{prefix}working_group"
    if is_staff(user):
        return Q()
    if user is None or not is_signed_in(user) or not is_member(user):
        return Q(**{audience: Audience.PUBLIC})
    return (
        Q(**{audience: Audience.PUBLIC})
        | Q(**{audience: Audience.MEMBERS})
        | Q(**{audience: Audience.GROUP, f"{group}__in": group_ids_of(user)})
    )


class AudienceQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(reach_q(user))


class HasAudience(models.Model):
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.MEMBERS
    )
    working_group = models.ForeignKey(
        "coordination.WorkingGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("working group"),
        help_text=_("Only when the audience is a working group."),
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=(Q(audience="group") & Q(working_group__isnull=False))
                | (~Q(audience="group") & Q(working_group__isnull=True)),
                name="%(app_label)s_%(class)s_group_audience",
            )
        ]

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.audience == Audience.GROUP and self.working_group_id is None:
            raise ValidationError({"working_group": _("Choose the working group.")})
        if self.audience != Audience.GROUP:
            self.working_group = None
