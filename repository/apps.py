from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepositoryConfig(AppConfig):
    name = "repository"
    verbose_name = _("Repository")

    def ready(self):
        from django.db import connections
        from django.db.backends.signals import connection_created

        from wsr.site.search import register_sqlite_unaccent

        from . import signals  # noqa: F401

        # SQLite's UNACCENT() for accent-insensitive search (issue 17), on every connection
        connection_created.connect(register_sqlite_unaccent)
        for connection in connections.all(initialized_only=True):
            register_sqlite_unaccent(connection=connection)
