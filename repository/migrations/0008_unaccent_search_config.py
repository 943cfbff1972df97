"""The `wsr_search` text search configuration: the `simple` one (no stemmer: resources and
pages come in several languages) with accents removed first, so that "auditorias" finds
"auditorías" (issue 17). PostgreSQL only; SQLite strips accents in Python (search.py)."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CONFIG = "wsr_search"


def create_config(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [CONFIG])
        if cursor.fetchone():
            return
    schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.simple)")
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple"
    )


def drop_config(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [("repository", "0007_resource_newest_index")]
    operations = [UnaccentExtension(), migrations.RunPython(create_config, drop_config)]
