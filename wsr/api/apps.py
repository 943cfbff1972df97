from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "wsr.api"
    label = "api"
    verbose_name = _("Open data")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every app's api.py registered in every process (a worker writing the bulk files, a
        # shell renaming a company whose former slug must be kept), not only once a URL of
        # the API was resolved.
        from . import endpoints  # noqa: F401
