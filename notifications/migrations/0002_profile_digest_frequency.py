"""Carry the profile's old single "email digest" choice into per-kind preferences: "daily"
and "never" become that mode for every kind that goes to digests by default; "weekly" was
the default and needs no row."""

from django.db import migrations

DIGEST_KINDS = [
    "resource_published",
    "effort_update",
    "group_activity",
    "funding_deadline",
    "publication_published",
]


def forwards(apps, schema_editor):
    Profile = apps.get_model("members", "Profile")
    Preference = apps.get_model("notifications", "Preference")
    rows = []
    for user_id, frequency in Profile.objects.filter(
        digest_frequency__in=["daily", "never"]
    ).values_list("user_id", "digest_frequency"):
        rows.extend(Preference(user_id=user_id, kind=kind, mode=frequency) for kind in DIGEST_KINDS)
    Preference.objects.bulk_create(rows, ignore_conflicts=True)


def backwards(apps, schema_editor):
    """Nothing to undo: the profile field comes back with its default."""


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("members", "0004_directory_opt_in"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
