"""Organization name keys keep letters and digits only (issue 15 review: a zero-width space
or a final full stop made a look-alike of another organization's name). The keys are
computed again; a name that now collides with an earlier one gets " (2)" (" (3)", ...), as
in 0007, so that staff see and settle it."""

import unicodedata

from django.db import migrations


def _name_key(name: str) -> str:
    # A copy of wsr.members.models.name_key as it was when this migration was written.
    decomposed = unicodedata.normalize("NFKD", name or "")
    return "".join(c for c in decomposed.casefold() if c.isalnum())


def refill_name_keys(apps, schema_editor):
    Organization = apps.get_model("members", "Organization")
    # Clear first: the unique constraint holds the old keys.
    for organization in Organization.objects.order_by("pk"):
        Organization.objects.filter(pk=organization.pk).update(name_key=f"~{organization.pk}")
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
        ("members", "0009_factor_confirmation"),
    ]

    # Backwards the keys stay as computed here: the rule they follow is only stricter.
    operations = [migrations.RunPython(refill_name_keys, migrations.RunPython.noop)]
