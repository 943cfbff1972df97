from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "wsr.companies"
    label = "companies"
    verbose_name = _("Companies")
    default_auto_field = "django.db.models.BigAutoField"
