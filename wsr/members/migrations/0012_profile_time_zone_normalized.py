"""Time zones typed as free text before issue 17 become names from the list: matched
without regard to case ("america/new_york" → "America/New_York"), anything else UTC.
No reverse: the old spellings are not kept, and the normalized names are valid before too."""

import zoneinfo

from django.db import migrations

_NOT_PLACES = {"Factory", "localtime", "posixrules", "posix", "right"}


def known_zones() -> dict[str, str]:
    return {
        name.casefold(): name
        for name in zoneinfo.available_timezones()
        if name.split("/")[0] not in _NOT_PLACES
    }


def normalize_time_zones(apps, schema_editor):
    Profile = apps.get_model("members", "Profile")
    known = known_zones()
    for pk, value in Profile.objects.values_list("pk", "time_zone").iterator():
        name = known.get((value or "").strip().casefold(), "UTC")
        if name != value:
            Profile.objects.filter(pk=pk).update(time_zone=name)


class Migration(migrations.Migration):
    dependencies = [("members", "0011_profile_time_zone_validated")]

    operations = [migrations.RunPython(normalize_time_zones, migrations.RunPython.noop)]
