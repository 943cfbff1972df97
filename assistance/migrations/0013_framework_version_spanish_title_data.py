"""The Spanish title applies to versions with the usual English title; a version that staff
titled otherwise keeps its English title in Spanish until they translate it. A translation
of the title, not a change to the published version (update() skips its save() guard)."""

from django.db import migrations

ENGLISH = "WSR assessment framework"


def spanish_titles(apps, schema_editor):
    versions = apps.get_model("assistance", "FrameworkVersion").objects
    versions.exclude(title=ENGLISH).update(title_es="")


def no_op(apps, schema_editor):
    """The fields go away when 0012 is reversed."""


class Migration(migrations.Migration):
    dependencies = [
        ("assistance", "0012_framework_version_spanish_title"),
    ]

    operations = [migrations.RunPython(spanish_titles, no_op)]
