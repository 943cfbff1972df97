"""Managed lists: the sectors the Collaborative works in and common languages."""

from django.db import migrations

SECTORS = [
    ("agriculture", "Agriculture", "Agricultura"),
    ("apparel", "Apparel and textiles", "Confección y textiles"),
    ("dairy", "Dairy", "Lechería"),
    ("construction", "Construction", "Construcción"),
    ("seafood", "Seafood and fishing", "Pesca y mariscos"),
    ("meat-poultry", "Meat and poultry processing", "Procesamiento de carne y aves"),
    ("electronics", "Electronics", "Electrónica"),
    ("domestic-work", "Domestic work", "Trabajo doméstico"),
    ("mining", "Mining", "Minería"),
    ("hospitality", "Hospitality", "Hostelería"),
]

LANGUAGES = [
    ("en", "English", "Inglés"),
    ("es", "Spanish", "Español"),
    ("fr", "French", "Francés"),
    ("pt", "Portuguese", "Portugués"),
    ("bn", "Bengali", "Bengalí"),
    ("hi", "Hindi", "Hindi"),
    ("ht", "Haitian Creole", "Criollo haitiano"),
    ("mam", "Mam", "Mam"),
    ("quc", "K'iche'", "K'iche'"),
    ("zh", "Chinese", "Chino"),
    ("ar", "Arabic", "Árabe"),
    ("th", "Thai", "Tailandés"),
    ("id", "Indonesian", "Indonesio"),
    ("tl", "Tagalog", "Tagalo"),
]


def add_lists(apps, schema_editor):
    Sector = apps.get_model("members", "Sector")
    Language = apps.get_model("members", "Language")
    for order, (slug, name, name_es) in enumerate(SECTORS):
        Sector.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_es": name_es, "sort_order": order}
        )
    for code, name, name_es in LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name": name, "name_es": name_es})


def remove_lists(apps, schema_editor):
    apps.get_model("members", "Sector").objects.filter(slug__in=[s[0] for s in SECTORS]).delete()
    apps.get_model("members", "Language").objects.filter(
        code__in=[code for code, *_ in LANGUAGES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [migrations.RunPython(add_lists, remove_lists)]
