"""A GIN index on the resources' tsvector, on PostgreSQL only (SQLite searches with LIKE)."""

from django.db import migrations

INDEX = "repository_resourcepage_search_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON repository_resourcepage "
            "USING GIN (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("repository", "0002_principles")]
    operations = [migrations.RunPython(create_index, drop_index)]
