"""The bulk files are served outside the language prefix (/data/<date>/<file>, one address
per file); the page that lists them is in each language (/data/, /es/data/)."""

from django.urls import path, re_path

from . import data_views

app_name = "open-data"

urlpatterns = [path("", data_views.data_page, name="downloads")]

files = (
    [
        # the address a citation gives: the snapshot's place on the page
        re_path(
            r"^(?P<snapshot>latest|\d{4}-\d{2}-\d{2})/$",
            data_views.snapshot_place,
            name="snapshot",
        ),
        re_path(
            r"^(?P<snapshot>latest|\d{4}-\d{2}-\d{2})/(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)$",
            data_views.data_file,
            name="file",
        ),
    ],
    "open-data-files",
)
