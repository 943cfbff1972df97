"""URLs of issue 20's manage part (joined into coordination/urls.py)."""

from django.urls import path

from ..views import manage

urlpatterns = [
    path("coordination/efforts/<slug:slug>/edit/", manage.effort_edit, name="effort-edit"),
    path("coordination/efforts/<slug:slug>/status/", manage.effort_status, name="effort-status"),
    path(
        "coordination/efforts/<slug:slug>/targets/<int:company_id>/remove/",
        manage.effort_target_remove,
        name="effort-target-remove",
    ),
    path(
        "coordination/efforts/<slug:slug>/partners/",
        manage.effort_partner_add,
        name="effort-partner-add",
    ),
    path(
        "coordination/efforts/<slug:slug>/partners/<int:pk>/remove/",
        manage.effort_partner_remove,
        name="effort-partner-remove",
    ),
    path("coordination/efforts/<slug:slug>/owner/", manage.effort_owner, name="effort-owner"),
    path("coordination/updates/<int:pk>/edit/", manage.update_edit, name="update-edit"),
    path("coordination/updates/<int:pk>/delete/", manage.update_delete, name="update-delete"),
    path("coordination/posts/<int:pk>/edit/", manage.post_edit, name="post-edit"),
    path("coordination/posts/<int:pk>/delete/", manage.post_delete, name="post-delete"),
]
