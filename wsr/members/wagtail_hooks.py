"""Staff tools for members inside Wagtail (/cms/): organizations and memberships, with
their history (Wagtail's log of who changed what, when)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Membership, Organization


class OrganizationViewSet(ModelViewSet):
    model = Organization
    icon = "group"
    menu_label = _("Organizations")
    list_display = ["name", "pending_name", "kind", "is_worker_led", "updated_at"]
    list_filter = ["kind", "is_worker_led", "membership__status"]
    search_fields = ["name", "description"]
    form_fields = [
        "name",
        "slug",
        "kind",
        "description",
        "website",
        "countries",
        "sectors",
        "logo",
        "is_worker_led",
    ]
    inspect_view_enabled = True


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "tick-inverse"
    menu_label = _("Memberships")
    list_display = ["organization", "status", "tier", "applied_on", "started_on"]
    list_filter = ["status", "tier"]
    search_fields = ["organization__name"]
    # Status changes only through the services (Django admin actions): emails and history.
    form_fields = ["tier", "started_on", "ended_on", "decision_note"]
    inspect_view_enabled = True


class MembersGroup(ViewSetGroup):
    menu_label = _("Members")
    menu_icon = "group"
    menu_order = 250
    items = (OrganizationViewSet, MembershipViewSet)


@hooks.register("register_admin_viewset")
def register_members_viewsets():
    return MembersGroup()


@hooks.register("register_admin_menu_item")
def register_applications_menu_item():
    return MenuItem(
        _("Membership applications"),
        reverse("admin:members_membership_changelist") + "?status__exact=applicant",
        icon_name="mail",
        order=251,
    )


@hooks.register("register_admin_menu_item")
def register_name_requests_menu_item():
    return MenuItem(
        _("Name changes waiting"),
        reverse("admin:members_organization_changelist") + "?name_waiting=yes",
        icon_name="edit",
        order=252,
    )


@hooks.register("register_log_actions")
def register_membership_log_actions(actions):
    actions.register_action("wsr.membership.apply", _("Apply"), _("Applied to join"))
    actions.register_action("wsr.membership.approve", _("Approve"), _("Application approved"))
    actions.register_action("wsr.membership.decline", _("Decline"), _("Application declined"))
    actions.register_action("wsr.membership.lapse", _("Lapse"), _("Membership lapsed"))
    actions.register_action(
        "wsr.organization.person_remove", _("Remove a person"), _("Person removed")
    )
    actions.register_action(
        "wsr.organization.name_request", _("Request a name"), _("New name requested")
    )
    actions.register_action(
        "wsr.organization.name_approve", _("Approve a name"), _("Requested name approved")
    )
    actions.register_action(
        "wsr.organization.name_refuse", _("Refuse a name"), _("Requested name refused")
    )
    actions.register_action(
        "wsr.account.hand_over",
        _("Hand over after an account deletion"),
        _("Handed over: its owner deleted their account"),
    )


@hooks.register("wsr_account_deletion")
def members_account_deletion(user):
    """The account itself: profile, addresses, second factors and affiliations go; what the
    person did for organizations stays under "a former member"."""
    from django.utils.translation import gettext

    from .models import Invitation
    from .personal_data import AccountDeletionPart

    part = AccountDeletionPart(
        deleted=[
            gettext("Your account, profile, email addresses and second factors"),
        ]
    )
    organizations = [a.organization.name for a in user.affiliations.select_related("organization")]
    if organizations:
        part.deleted.append(
            gettext("Your place in %(organizations)s") % {"organizations": ", ".join(organizations)}
        )
    waiting = Invitation.objects.pending().filter(email__iexact=user.email)
    if waiting.exists():
        part.deleted.append(gettext("Invitations waiting for you"))
    if (
        Invitation.objects.filter(invited_by=user).exists()
        or Membership.objects.filter(applied_by=user).exists()
    ):
        part.kept.append(
            gettext("Invitations you sent and membership applications you made, for the record")
        )

    def carry_out():
        Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()

    part.carry_out = carry_out
    return part
