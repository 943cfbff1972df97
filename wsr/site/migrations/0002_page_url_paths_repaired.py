"""Pages the demo added under a stale parent instance kept the parent's old url_path (the
Spanish resources linked to /es/repository/... while they live at /es/repositorio/...)."""

from django.db import migrations


def repair_url_paths(apps, schema_editor):
    from wsr.site.services import page_url_paths_repair

    page_url_paths_repair(apps.get_model("wagtailcore", "Page"), steplen=4)


class Migration(migrations.Migration):
    dependencies = [
        ("site", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    # No reverse: the old paths were wrong, and nothing depends on them.
    operations = [migrations.RunPython(repair_url_paths, migrations.RunPython.noop)]
