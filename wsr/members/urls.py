from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("portal/", views.dashboard, name="dashboard"),
    path("portal/directory/", views.directory, name="directory"),
    path("portal/profile/", views.profile_edit, name="profile"),
    path("portal/profile/export/", views.data_export, name="data-export"),
    path("portal/profile/data/", views.data_summary, name="data-summary"),
    path("portal/profile/delete/", views.account_delete, name="account-delete"),
    path("portal/apply/", views.membership_apply, name="membership-apply"),
    path(
        "portal/organizations/<slug:slug>/edit/", views.organization_edit, name="organization-edit"
    ),
    path(
        "portal/organizations/<slug:slug>/people/",
        views.organization_people,
        name="organization-people",
    ),
    path(
        "portal/organizations/<slug:slug>/people/<int:pk>/remove/",
        views.affiliation_remove,
        name="affiliation-remove",
    ),
    path(
        "portal/organizations/<slug:slug>/leave/",
        views.affiliation_leave,
        name="affiliation-leave",
    ),
    path(
        "portal/organizations/<slug:slug>/people/<int:pk>/role/",
        views.affiliation_role,
        name="affiliation-role",
    ),
    path(
        "portal/organizations/<slug:slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("portal/security/authenticator/", views.factor_pending, name="factor-pending"),
    path(
        "portal/security/authenticator/<str:token>/",
        views.factor_confirm,
        name="factor-confirm",
    ),
    path("organizations/", views.organization_list, name="organization-list"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization-detail"),
]
