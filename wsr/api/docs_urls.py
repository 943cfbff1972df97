"""The API's documentation pages, in the reader's language (/api/, /es/api/)."""

from django.urls import path

from . import docs_views

app_name = "api"

urlpatterns = [
    path("api/", docs_views.guide, name="guide"),
    path("api/explorer/", docs_views.explorer, name="explorer"),
]
