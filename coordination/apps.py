from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "coordination"
    verbose_name = _("Coordination")

    def ready(self):
        from .calendar_cache import connect

        connect()  # the public calendar's kept entries forget every change (issue 22)
