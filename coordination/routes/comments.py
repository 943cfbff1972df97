"""URLs of issue 20's comments part (joined into coordination/urls.py)."""

from django.urls import path

from ..views import comments as views

urlpatterns = [
    path(
        "coordination/comments/<slug:kind>/<int:pk>/",
        views.comment_create,
        name="comment-create",
    ),
    path(
        "coordination/comments/<slug:kind>/<int:pk>/read/",
        views.comments_read,
        name="comments-read",
    ),
    path("coordination/comments/<int:pk>/edit/", views.comment_edit, name="comment-edit"),
    path("coordination/comments/<int:pk>/delete/", views.comment_delete, name="comment-delete"),
]
