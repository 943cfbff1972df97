from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "wsr.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self):
        from . import role_cache, signals  # noqa: F401

        role_cache.connect()
