"""Issue 20: working-group invitations and requests to join, in "download my data" and
account deletion. Deleted with the account: invitations received and requests made (they
cascade). Kept, without the name: invitations a person sent and requests they decided
(the inviter and decider become empty)."""

from django.utils.translation import gettext

from .models import GroupInvitation, JoinRequest
from .personal_data import _when


def personal_data(user) -> dict:
    return {
        "group_invitations_received": [
            {
                "group": i.group.name,
                "status": i.status,
                "created_at": _when(i.created_at),
                "responded_at": _when(i.responded_at),
            }
            for i in GroupInvitation.objects.filter(invitee=user).select_related("group")
        ],
        "group_invitations_sent": [
            {
                "group": i.group.name,
                "invitee": i.invitee.display_name,
                "status": i.status,
                "created_at": _when(i.created_at),
            }
            for i in GroupInvitation.objects.filter(invited_by=user).select_related(
                "group", "invitee__profile"
            )
        ],
        "group_join_requests": [
            {
                "group": r.group.name,
                "message": r.message,
                "status": r.status,
                "created_at": _when(r.created_at),
                "decided_at": _when(r.decided_at),
            }
            for r in JoinRequest.objects.filter(user=user).select_related("group")
        ],
        "group_join_requests_decided": [
            {
                "group": r.group.name,
                "person": r.user.display_name,
                "status": r.status,
                "decided_at": _when(r.decided_at),
            }
            for r in JoinRequest.objects.filter(decided_by=user).select_related(
                "group", "user__profile"
            )
        ],
    }


def account_deletion(user, part) -> None:
    if (
        GroupInvitation.objects.filter(invitee=user).exists()
        or JoinRequest.objects.filter(user=user).exists()
    ):
        part.deleted.append(
            gettext("Your invitations to working groups and your requests to join them")
        )
