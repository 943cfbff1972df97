"""Rebuild the stored tsvectors with the `wsr_search` configuration (accents removed): the
resources' weighted vectors, and the entries of Wagtail's search index, which keep their
plain text and their weight. PostgreSQL only: SQLite stores no vector."""

from django.db import migrations

RESOURCES_SQL = """
UPDATE repository_resourcepage r SET search_vector =
    setweight(to_tsvector({config}, p.title), 'A')
    || setweight(to_tsvector({config}, r.summary), 'B')
    || setweight(to_tsvector({config}, r.search_document), 'C')
FROM wagtailcore_page p WHERE p.id = r.page_ptr_id
"""

# Each entry keeps the weight its vector had (Wagtail gives one weight per field group).
INDEX_SQL = """
UPDATE wagtailsearch_indexentry e SET
    title = setweight(to_tsvector({config}, e.title_text),
        COALESCE((SELECT w.weights[1] FROM unnest(e.title) w LIMIT 1), 'A')::"char"),
    body = setweight(to_tsvector({config}, e.body_text),
        COALESCE((SELECT w.weights[1] FROM unnest(e.body) w LIMIT 1), 'D')::"char")
"""


def _rebuild(schema_editor, *, resources_config, index_config):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(RESOURCES_SQL.format(config=resources_config))
    schema_editor.execute(INDEX_SQL.format(config=index_config))
    # What searches found before is no longer what they find: cached counts and results
    # (issue 22) are forgotten in every process that shares the cache.
    from wsr.site.generations import Generation

    Generation("repository:search").bump()
    Generation("site:pages").bump()


def reindex(apps, schema_editor):
    config = "'wsr_search'::regconfig"
    _rebuild(schema_editor, resources_config=config, index_config=config)


def reindex_backwards(apps, schema_editor):
    # back to what 0003 and Wagtail's default (the server's configuration) indexed with
    _rebuild(
        schema_editor,
        resources_config="'simple'::regconfig",
        index_config="get_current_ts_config()",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("repository", "0008_unaccent_search_config"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]
    operations = [migrations.RunPython(reindex, reindex_backwards)]
