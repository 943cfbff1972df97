"""Fill each organization's name key before it becomes unique. Two organizations whose names
differ only in case, accents or spaces existed before (issue 15): the later one gets " (2)"
(" (3)", ...) after its name, so that staff see and settle the duplicate."""

import unicodedata

from django.db import migrations


def _name_key(name: str) -> str:
    # A copy of wsr.members.models.name_key as it was when this migration was written.
    decomposed = unicodedata.normalize("NFKD", name or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def fill_name_keys(apps, schema_editor):
    Organization = apps.get_model("members", "Organization")
    taken = set()
    for organization in Organization.objects.order_by("pk"):
        name, key, n = organization.name, _name_key(organization.name), 2
        while key in taken:
            name = f"{organization.name} ({n})"
            key, n = _name_key(name), n + 1
        taken.add(key)
        Organization.objects.filter(pk=organization.pk).update(name=name, name_key=key)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0006_organization_name_key_and_pending_name"),
    ]

    # Backwards, the keys are simply dropped with their column; renamed duplicates keep
    # their " (2)", since nothing records which they were.
    operations = [migrations.RunPython(fill_name_keys, migrations.RunPython.noop)]
