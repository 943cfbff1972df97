from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "wsr.site"
    label = "site"
    verbose_name = _("Site")

    def ready(self):
        from . import lookups, signals  # noqa: F401
        from .csv import protect_wagtail_exports
        from .time_zones import connect_signals

        protect_wagtail_exports()
        lookups.register()
        connect_signals()
