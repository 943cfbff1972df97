"""URLs of issue 20's results part (joined into coordination/urls.py)."""

from django.urls import path

from ..views import results

urlpatterns = [
    path(
        "coordination/proposals/<int:pk>/results/new/",
        results.result_create_view,
        name="result-create",
    ),
    path("coordination/results/<int:pk>/", results.result_detail, name="result-detail"),
    path("coordination/results/<int:pk>/edit/", results.result_edit_view, name="result-edit"),
    path(
        "coordination/results/<int:pk>/updates/",
        results.result_update_create,
        name="result-update-create",
    ),
]
