from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "wsr.companies"
    label = "companies"
    verbose_name = _("Companies")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # A renamed company's former slug keeps resolving in the open-data API (wsr.api),
        # whichever process renames it (a shell, a worker) before any URL is resolved.
        from wsr.api.identifiers import track

        from .models import Company

        track(Company)
