# Issue 19, the staff queue: saved views per person, the queue's order index, and on
# PostgreSQL the full-text (GIN) indexes the case search uses. The `wsr_search`
# configuration (simple + unaccent) is repository migration 0008's.
from importlib import import_module

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

# On PostgreSQL, what assistance/selectors/case_search.py matches with `@@`: the same
# expressions, character for character, so that the planner uses these indexes.
SEARCH_INDEXES = [
    ("assistance_timeline_search", "assistance_timelineentry", "to_tsvector('wsr_search', body)"),
    (
        "assistance_case_search",
        "assistance_case",
        "to_tsvector('wsr_search', description || ' ' || contact_name || ' ' || organization_name)",
    ),
]


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite: LIKE over folded text, with UNACCENT() registered per connection
    # The configuration may not be there yet: this app's migrations do not wait for the
    # repository's. Its own step makes it only where it is missing, as this one does.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    import_module("repository.migrations.0008_unaccent_search_config").create_config(
        apps, schema_editor
    )
    for name, table, expression in SEARCH_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({expression}))"
        )


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _expression in SEARCH_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("assistance", "0018_service_levels")]

    operations = [
        migrations.CreateModel(
            name="SavedQueueView",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=80, verbose_name="name")),
                (
                    "query",
                    models.CharField(
                        blank=True, max_length=2000, verbose_name="filters and search"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="saved"),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="saved_queue_views",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="person",
                    ),
                ),
            ],
            options={
                "verbose_name": "saved queue view",
                "verbose_name_plural": "saved queue views",
                "ordering": ["name", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("user", "name"), name="saved_queue_view_unique_name"
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["status", "response_due_at", "submitted_at"], name="case_queue_order"
            ),
        ),
        migrations.RunPython(create_search_indexes, drop_search_indexes),
    ]
