"""URLs of issue 20's groups part (joined into coordination/urls.py): invitations, requests
to join, leaving. The invite page itself keeps its old route (group-invite)."""

from django.urls import path

from ..views import invitations

urlpatterns = [
    path(
        "coordination/invitations/<int:pk>/",
        invitations.invitation_detail,
        name="invitation-detail",
    ),
    path(
        "coordination/groups/<slug:slug>/ask/",
        invitations.join_request_create,
        name="join-request-create",
    ),
    path(
        "coordination/join-requests/<int:pk>/",
        invitations.join_request_decide,
        name="join-request-decide",
    ),
    path("coordination/groups/<slug:slug>/leave/", invitations.group_leave, name="group-leave"),
]
